import {
  ApartmentOutlined, AuditOutlined, BankOutlined, CalendarOutlined, CloudUploadOutlined, DashboardOutlined, LogoutOutlined, MenuOutlined,
  PhoneOutlined, SafetyCertificateOutlined, ShopOutlined, SolutionOutlined, TagsOutlined, TeamOutlined, TrophyOutlined, FlagOutlined, CustomerServiceOutlined, InsuranceOutlined,
} from '@ant-design/icons';
import { Avatar, Button, Drawer, Dropdown, Grid, Layout, Menu, Segmented, Typography, type MenuProps } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useAuthActions, useMe, usesConsole, type Me } from '../../services/auth.js';
import { NotFoundPage, PageLoading, StatusPage } from '../../components/StatusPage.js';
import { useI18n, useT } from '../../i18n/index.js';
import type { UiKey } from '../../i18n/zh-CN.js';
import { AntdShell } from './AntdShell.js';
import { DashboardPage } from './DashboardPage.js';
import { NotificationBell } from './coop/NotificationBell.js';
import './admin.css';

const UsersPage = lazy(() => import('./UsersPage.js'));
const UnionsPage = lazy(() => import('./UnionsPage.js'));
const AuditPage = lazy(() => import('./AuditPage.js'));
const EnterprisesPage = lazy(() => import('./EnterprisesPage.js'));
const EnterpriseDetailPage = lazy(() => import('./EnterpriseDetailPage.js'));
const PostingsPage = lazy(() => import('./PostingsPage.js'));
const ImportPage = lazy(() => import('./ImportPage.js'));
const JobTypesPage = lazy(() => import('./JobTypesPage.js'));
const SeasonsPage = lazy(() => import('./SeasonsPage.js'));
const SeasonDetailPage = lazy(() => import('./SeasonDetailPage.js'));
const LiveConsolePage = lazy(() => import('./LiveConsolePage.js'));
const EventConsolePage = lazy(() => import('./EventConsolePage.js'));
const EmployerFairsPage = lazy(() => import('./EmployerFairsPage.js'));
const FollowUpsPage = lazy(() => import('./FollowUpsPage.js'));
const ScoringPage = lazy(() => import('./contests/ScoringPage.js'));
const ResultsPage = lazy(() => import('./contests/ResultsPage.js'));
const SchemePage = lazy(() => import('./contests/SchemePage.js'));
const ContestsPage = lazy(() => import('./contests/ContestsPage.js'));
const ContestSetupPage = lazy(() => import('./contests/ContestSetupPage.js'));
const MeetingsPage = lazy(() => import('./coop/MeetingsPage.js'));
const MeetingPage = lazy(() => import('./coop/MeetingPage.js'));
const ReportsPage = lazy(() => import('./coop/ReportsPage.js'));
const CoopOverviewPage = lazy(() => import('./coop/CoopOverviewPage.js'));
const CoopItemPage = lazy(() => import('./coop/ItemPage.js'));
const CoopDashboardPage = lazy(() => import('./coop/DashboardPage.js'));
const ServicesFiguresPage = lazy(() => import('./services/FiguresPage.js'));
const MembershipPage = lazy(() => import('./services/MembershipPage.js'));
const ServicesQueuePage = lazy(() => import('./services/QueuePage.js'));
const ServiceRequestPage = lazy(() => import('./services/RequestPage.js'));
const ServicesDeskPage = lazy(() => import('./services/DeskPage.js'));
const ServicesAidPage = lazy(() => import('./services/AidPage.js'));
const AidEnrolmentsPage = lazy(() => import('./AidEnrolmentsPage.js'));

interface NavItem {
  path: string;
  /** Selected when the location matches (the review queue is a filtered list). */
  match?: (pathname: string, search: string) => boolean;
  label: UiKey | ((me: Me) => UiKey);
  icon: React.ReactNode;
  visible(me: Me): boolean;
}

// The menu follows the caller's permissions, which the API sends with /api/auth/me.
const NAV: NavItem[] = [
  { path: '/admin', label: 'admin.menu.dashboard', icon: <DashboardOutlined />, visible: () => true },
  { path: '/admin/seasons', label: 'admin.menu.seasons', icon: <CalendarOutlined />, visible: (me) => me.permissions.seasons },
  { path: '/admin/contests', label: 'contests.menu', icon: <TrophyOutlined />, visible: (me) => me.permissions.contests },
  { path: '/admin/cooperation', label: 'coop.menu', icon: <FlagOutlined />, visible: (me) => me.permissions.cooperation },
  { path: '/admin/services', label: 'services.menu', icon: <CustomerServiceOutlined />, visible: (me) => me.permissions.services },
  { path: '/admin/aid-enrolments', label: 'services.menu_enrol', icon: <InsuranceOutlined />, visible: (me) => me.permissions.aidEnrolment && !me.permissions.services },
  { path: '/admin/follow-ups', label: 'followup.menu', icon: <PhoneOutlined />, visible: (me) => me.permissions.seasons },
  { path: '/admin/fairs', label: 'fairs.menu', icon: <ShopOutlined />, visible: (me) => me.roles.includes('employer') },
  {
    path: '/admin/enterprises', label: (me) => (me.permissions.reviewEnterprises ? 'admin.menu.enterprises' : 'ent.title_mine'), icon: <BankOutlined />,
    visible: (me) => me.permissions.enterprises, match: (p, q) => p.startsWith('/admin/enterprises') && !q.includes('status=submitted'),
  },
  {
    path: '/admin/enterprises?status=submitted', label: 'admin.menu.review', icon: <SafetyCertificateOutlined />,
    visible: (me) => me.permissions.reviewEnterprises, match: (p, q) => p === '/admin/enterprises' && q.includes('status=submitted'),
  },
  { path: '/admin/postings', label: 'admin.menu.postings', icon: <SolutionOutlined />, visible: (me) => me.permissions.enterprises },
  { path: '/admin/imports', label: 'admin.menu.imports', icon: <CloudUploadOutlined />, visible: (me) => me.permissions.importSpreadsheets },
  { path: '/admin/job-types', label: 'admin.menu.job_types', icon: <TagsOutlined />, visible: (me) => me.permissions.editJobTypes },
  { path: '/admin/users', label: 'admin.menu.users', icon: <TeamOutlined />, visible: (me) => me.permissions.manageUsers },
  { path: '/admin/unions', label: 'admin.menu.unions', icon: <ApartmentOutlined />, visible: (me) => me.permissions.viewUnions },
  { path: '/admin/audit', label: 'admin.menu.audit', icon: <AuditOutlined />, visible: (me) => me.permissions.viewAudit },
];

function Shell({ me }: { me: Me }) {
  const t = useT();
  const { lang, setLang } = useI18n();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.lg;
  const [drawer, setDrawer] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const { logout } = useAuthActions();
  const items = NAV.filter((n) => n.visible(me));
  const isSelected = (n: NavItem) => n.match ? n.match(location.pathname, location.search) : location.pathname === n.path || location.pathname.startsWith(`${n.path}/`);
  const selected = [...items].reverse().find(isSelected)?.path ?? '/admin';
  const labelOf = (n: NavItem) => t(typeof n.label === 'function' ? n.label(me) : n.label);
  const menu = (
    <Menu
      theme="dark" mode="inline" selectedKeys={[selected]}
      items={items.map((n) => ({ key: n.path, icon: n.icon, label: <Link to={n.path} onClick={() => setDrawer(false)}>{labelOf(n)}</Link> }))}
    />
  );
  const userMenu: MenuProps['items'] = [
    { key: 'roles', disabled: true, label: me.roles.map((r) => t(`role.${r}` as UiKey)).join('、') },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('admin.logout') },
  ];
  const brand = (
    <div className="admin-sider-brand">
      <span className="brand-mark small" aria-hidden="true">川</span>
      <span>{t('app.name')}</span>
    </div>
  );
  return (
    <Layout className="admin-layout">
      {narrow ? (
        <Drawer placement="left" open={drawer} onClose={() => setDrawer(false)} size={240} styles={{ body: { padding: 0, background: '#001529' }, header: { display: 'none' } }}>
          {brand}
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider width={220} style={{ position: 'sticky', top: 0, height: '100vh' }}>
          {brand}
          {menu}
        </Layout.Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header className="admin-header">
          {narrow && <Button type="text" icon={<MenuOutlined />} aria-label="menu" onClick={() => setDrawer(true)} />}
          <span className="admin-header-title">{me.union?.name ?? t('admin.scope_all')}</span>
          {/* Everyone in the console has notifications: staff (reports, requests, applications), employers (enrolments). */}
          <NotificationBell />
          <Segmented
            size="small" value={lang} onChange={(v) => setLang(v as 'zh-CN' | 'en')}
            options={[{ label: '中文', value: 'zh-CN' }, { label: 'EN', value: 'en' }]}
          />
          <Dropdown
            trigger={['click']}
            menu={{ items: userMenu, onClick: async ({ key }) => { if (key === 'logout') { await logout(); navigate('/login', { replace: true }); } } }}
          >
            <button type="button" className="admin-user-chip" style={{ background: 'none', border: 0, cursor: 'pointer', padding: 0 }}>
              <Avatar style={{ background: '#c8102e' }}>{me.name.slice(-1)}</Avatar>
              <span className="meta">
                <Typography.Text strong>{me.name}</Typography.Text>
              </span>
            </button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content className="admin-content">
          <Suspense fallback={<PageLoading />}>
            <Routes>
              <Route index element={<DashboardPage me={me} />} />
              {me.permissions.manageUsers && <Route path="users" element={<UsersPage me={me} />} />}
              {me.permissions.viewUnions && <Route path="unions" element={<UnionsPage />} />}
              {me.permissions.viewAudit && <Route path="audit" element={<AuditPage />} />}
              {me.permissions.enterprises && <Route path="enterprises" element={<EnterprisesPage me={me} />} />}
              {me.permissions.enterprises && <Route path="enterprises/:id" element={<EnterpriseDetailPage />} />}
              {me.permissions.enterprises && <Route path="postings" element={<PostingsPage />} />}
              {me.permissions.importSpreadsheets && <Route path="imports" element={<ImportPage />} />}
              {me.permissions.editJobTypes && <Route path="job-types" element={<JobTypesPage />} />}
              {me.permissions.seasons && <Route path="seasons" element={<SeasonsPage me={me} />} />}
              {me.permissions.seasons && <Route path="seasons/:id" element={<SeasonDetailPage me={me} />} />}
              {me.permissions.seasons && <Route path="events/:id/live" element={<LiveConsolePage />} />}
              {me.permissions.seasons && <Route path="events/:id" element={<EventConsolePage me={me} />} />}
              {me.permissions.seasons && <Route path="follow-ups" element={<FollowUpsPage />} />}
              {me.roles.includes('employer') && <Route path="fairs" element={<EmployerFairsPage />} />}
              {me.permissions.contests && <Route path="contests/:id/scoring" element={<ScoringPage />} />}
              {me.permissions.contests && <Route path="contests/:id/results" element={<ResultsPage />} />}
              {me.permissions.contests && <Route path="contests/:id/scheme" element={<SchemePage />} />}
              {me.permissions.contests && <Route path="contests" element={<ContestsPage me={me} />} />}
              {me.permissions.contests && <Route path="contests/:id" element={<ContestSetupPage me={me} />} />}
              {me.permissions.cooperation && <Route path="cooperation/meetings" element={<MeetingsPage />} />}
              {me.permissions.cooperation && <Route path="cooperation/meetings/:id" element={<MeetingPage />} />}
              {me.permissions.cooperation && <Route path="cooperation/reports" element={<ReportsPage me={me} />} />}
              {me.permissions.cooperation && <Route path="cooperation" element={<CoopOverviewPage />} />}
              {me.permissions.cooperation && <Route path="cooperation/items/:id" element={<CoopItemPage />} />}
              {me.permissions.cooperation && <Route path="cooperation/dashboard" element={<CoopDashboardPage />} />}
              {me.permissions.services && <Route path="services/figures" element={<ServicesFiguresPage />} />}
              {me.permissions.services && <Route path="services" element={<ServicesQueuePage me={me} />} />}
              {me.permissions.services && <Route path="services/requests/:id" element={<ServiceRequestPage me={me} />} />}
              {me.permissions.services && <Route path="services/membership" element={<MembershipPage me={me} />} />}
              {me.permissions.services && <Route path="services/desk" element={<ServicesDeskPage />} />}
              {me.permissions.services && <Route path="services/aid" element={<ServicesAidPage me={me} />} />}
              {me.permissions.aidEnrolment && <Route path="aid-enrolments" element={<AidEnrolmentsPage />} />}
              <Route path="*" element={<NotFoundPage home="/admin" />} />
            </Routes>
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

function Gate() {
  const t = useT();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageLoading />;
  if (!me.data) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!usesConsole(me.data)) {
    return (
      <StatusPage
        code="403" title={t('forbidden.title')} body={t('forbidden.body')}
        actions={<Link className="btn btn-primary" to="/m">{t('forbidden.to_mobile')}</Link>}
      />
    );
  }
  return <Shell me={me.data} />;
}

/** The staff console under /admin (antd chunk). */
export default function AdminApp() {
  return (
    <AntdShell>
      <Gate />
    </AntdShell>
  );
}
