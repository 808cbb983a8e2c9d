import { lazy, Suspense, useState, type FormEvent } from 'react';
import { Link, Navigate, Route, Routes, useLocation, useNavigate, useSearchParams } from 'react-router';
import { DEMO_LOGINS, homeFor, isStaff, useAuthActions, useHealth, useMe } from '../../services/auth.js';
import { ApiError } from '../../services/client.js';
import { NotFoundPage, PageLoading } from '../../components/StatusPage.js';
import { useI18n, useT } from '../../i18n/index.js';
import type { UiKey } from '../../i18n/zh-CN.js';
import { JobDetailPage, JobSearchPage, SeekerHome } from './JobsPages.js';
import { ApplicationsPage, ProfilePage, RegisterPage } from './SeekerPages.js';
import { TextField } from './TextField.js';
import { TopBar } from './TopBar.js';
import './mobile.css';

// The fair-day pages carry a QR reader and writer: their own chunk, loaded when a fair page opens.
const fair = () => import('./fair/index.js');
const FairListPage = lazy(async () => ({ default: (await fair()).FairListPage }));
const EventPage = lazy(async () => ({ default: (await fair()).EventPage }));
const VisitorRegisterPage = lazy(async () => ({ default: (await fair()).VisitorRegisterPage }));
const TicketPage = lazy(async () => ({ default: (await fair()).TicketPage }));
const StaffCheckinPage = lazy(async () => ({ default: (await fair()).StaffCheckinPage }));
const BoothScanPage = lazy(async () => ({ default: (await fair()).BoothScanPage }));
const LiveRoomPage = lazy(async () => ({ default: (await import('./LiveRoomPage.js')).LiveRoomPage }));
// The public contest pages (leaderboard, certificate check): their own chunk.
const contests = () => import('./contests/index.js');
const ContestListPage = lazy(async () => ({ default: (await contests()).ContestListPage }));
const ContestBoardPage = lazy(async () => ({ default: (await contests()).ContestBoardPage }));
const CertificateCheckPage = lazy(async () => ({ default: (await contests()).CertificateCheckPage }));
// Judges' score entry (issue 6 §3): its own chunk.
const judge = () => import('./judge/index.js');
const JudgeHomePage = lazy(async () => ({ default: (await judge()).JudgeHomePage }));
const JudgeItemPage = lazy(async () => ({ default: (await judge()).JudgeItemPage }));
const JudgeEntryPage = lazy(async () => ({ default: (await judge()).JudgeEntryPage }));
// Union membership (issue 8 §2): the join form, the card and its public check, each its own chunk.
const JoinPage = lazy(async () => ({ default: (await import('./services/JoinPage.js')).JoinPage }));
const MemberCardPage = lazy(async () => ({ default: (await import('./services/CardPage.js')).CardPage }));
const MemberCardCheck = lazy(() => import('./MemberCardCheck.js'));
const MyDataPage = lazy(async () => ({ default: (await import('./services/MyDataPage.js')).MyDataPage }));
// Worker services — consultations and rights requests (issue 8): their own chunk.
const serviceRequests = () => import('./services/index.js');
const ServicesHubPage = lazy(async () => ({ default: (await serviceRequests()).ServicesHubPage }));
const AskPage = lazy(async () => ({ default: (await serviceRequests()).AskPage }));
const MyRequestsPage = lazy(async () => ({ default: (await serviceRequests()).MyRequestsPage }));
const WorkerRequestPage = lazy(async () => ({ default: (await serviceRequests()).WorkerRequestPage }));
// Mutual-aid plans and the claim form (issue 8 §3): their own chunk.
const AidPlansPage = lazy(async () => ({ default: (await import('./services/AidPages.js')).AidPlansPage }));
const AidPlanPage = lazy(async () => ({ default: (await import('./services/AidPages.js')).AidPlanPage }));
const AidClaimPage = lazy(async () => ({ default: (await import('./services/AidClaimPage.js')).AidClaimPage }));

interface Entry {
  key: UiKey;
  /** One character as the icon: renders everywhere CJK fonts do, unlike emoji. */
  icon: string;
  to?: string;
}

// Only what exists is a link; the rest is shown, greyed, as coming (issues 3–8).
const ENTRIES: Entry[] = [
  { key: 'm.entry.jobs', icon: '岗', to: '/m/jobs' },
  { key: 'm.entry.applications', icon: '申', to: '/m/applications' },
  { key: 'm.entry.legal', icon: '法', to: '/m/services/ask' },
  { key: 'm.entry.membership', icon: '会', to: '/m/services/join' },
  { key: 'm.entry.mutual_aid', icon: '保', to: '/m/services/aid' },
  { key: 'm.entry.fairs', icon: '聘', to: '/m/fairs' },
  { key: 'contests.m.entry', icon: '赛', to: '/m/contests' },
];

function SearchBox({ initial = '' }: { initial?: string }) {
  const t = useT();
  const navigate = useNavigate();
  const [q, setQ] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/m/jobs?q=${encodeURIComponent(q.trim())}`);
  };
  return (
    <form className="m-search" role="search" onSubmit={submit}>
      <input
        type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('m.search_hint')}
        aria-label={t('m.search_hint')} enterKeyHint="search"
      />
      <button type="submit">{t('m.search_button')}</button>
    </form>
  );
}

function Home() {
  const t = useT();
  const me = useMe();
  return (
    <div className="m">
      <TopBar />
      <section className="m-hero">
        <h1>{me.data ? t('m.hello', { name: me.data.name }) : t('m.hello_guest')}</h1>
        <p>{t('m.hello_sub')}</p>
        <SearchBox />
      </section>
      {me.data && (me.data.roles.includes('judge') || me.data.roles.includes('chief_judge')) && (
        <section className="m-section"><Link className="btn btn-primary m-submit" to="/m/judge">{t('contests.scores.m.entry')}</Link></section>
      )}
      <section className="m-section" aria-labelledby="m-services">
        <h2 id="m-services">{t('m.services')}</h2>
        <div className="m-grid">
          {ENTRIES.map((entry) =>
            entry.to ? (
              entry.to.startsWith('#') ? (
                <a key={entry.key} className="m-entry" href={entry.to}>
                  <span className="m-entry-icon" aria-hidden="true">{entry.icon}</span>{t(entry.key)}
                </a>
              ) : (
                <Link key={entry.key} className="m-entry" to={entry.to}>
                  <span className="m-entry-icon" aria-hidden="true">{entry.icon}</span>{t(entry.key)}
                </Link>
              )
            ) : (
              <span key={entry.key} className="m-entry" aria-disabled="true">
                <span className="m-entry-icon" aria-hidden="true">{entry.icon}</span>{t(entry.key)}
                <span className="m-badge">{t('common.soon')}</span>
              </span>
            ),
          )}
        </div>
      </section>
      {me.data?.roles.includes('seeker') ? (
        <SeekerHome />
      ) : (
        <section className="m-section" id="applications" aria-labelledby="m-apps">
          <h2 id="m-apps">{t('m.applications')}</h2>
          {me.isPending ? (
            <div className="m-empty">{t('common.loading')}</div>
          ) : me.data ? (
            <div className="m-empty">{t('m.job.seekers_only')}</div>
          ) : (
            <div className="m-empty">
              {t('m.applications_login')}
              <div className="m-row-actions m-row-center">
                <Link className="btn btn-primary" to="/m/login?next=/m">{t('m.login')}</Link>
                <Link className="btn" to="/m/register">{t('m.register.title')}</Link>
              </div>
            </div>
          )}
        </section>
      )}
    </div>
  );
}

function Login() {
  const t = useT();
  const me = useMe();
  const health = useHealth();
  const { login } = useAuthActions();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [values, setValues] = useState({ login: '', password: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (me.data) return <Navigate to={homeFor(me.data, params.get('next') ?? '/m')} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!values.login.trim()) local.login = t('login.required_login');
    if (!values.password) local.password = t('login.required_password');
    setErrors(local);
    setAlert(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const user = await login(values.login.trim(), values.password);
      navigate(homeFor(user, params.get('next') ?? '/m'), { replace: true });
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(Object.fromEntries(error.issues.map((i) => [i.path, i.message])));
        setAlert(error.message);
      } else setAlert(t('common.network_error'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="m">
      <TopBar back="/m" />
      <section className="m-section">
        <h2>{t('m.login_title')}</h2>
        <form className="m-form" onSubmit={submit} noValidate>
          {alert && <div className="m-alert" role="alert">{alert}</div>}
          <TextField id="m-login" label={t('login.login')} autoComplete="username" placeholder={t('login.login')} value={values.login}
            error={errors.login} onValue={(login) => setValues({ ...values, login })} />
          <TextField id="m-password" label={t('login.password')} type="password" autoComplete="current-password" placeholder={t('login.password')}
            value={values.password} error={errors.password} onValue={(password) => setValues({ ...values, password })} />
          <button className="btn btn-primary m-submit" type="submit" disabled={busy}>{t('login.submit')}</button>
          <p className="m-hint">{t('m.login_hint')} <Link to="/m/register">{t('m.register.link')}</Link></p>
          {health.data?.demo && (
            <p className="m-hint">{t('login.demo_title')}：{DEMO_LOGINS.join('、')}</p>
          )}
        </form>
      </section>
    </div>
  );
}

function Me() {
  const t = useT();
  const { lang, setLang } = useI18n();
  const me = useMe();
  const { logout } = useAuthActions();
  const navigate = useNavigate();
  const location = useLocation();
  if (me.isPending) return <PageLoading />;
  if (!me.data) return <Navigate to={`/m/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  const user = me.data;
  return (
    <div className="m">
      <TopBar back="/m" />
      <section className="m-section">
        <h2>{user.name}</h2>
        <ul className="m-list">
          <li><span>{t('m.me_phone')}</span><span>{user.phoneMasked ?? t('common.none')}</span></li>
          <li><span>{t('m.me_roles')}</span><span>{user.roles.map((r) => t(`role.${r}` as UiKey)).join('、')}</span></li>
          <li><span>{t('m.me_union')}</span><span>{user.union?.name ?? t('common.none')}</span></li>
          <li>
            <span>{t('common.language')}</span>
            <span className="m-lang">
              <button type="button" className="btn" aria-pressed={lang === 'zh-CN'} onClick={() => setLang('zh-CN')}>中文</button>
              <button type="button" className="btn" aria-pressed={lang === 'en'} onClick={() => setLang('en')}>English</button>
            </span>
          </li>
        </ul>
      </section>
      <section className="m-section m-actions">
        {user.roles.includes('seeker') && <Link className="btn btn-primary" to="/m/profile">{t('m.profile.title')}</Link>}
        {user.roles.includes('seeker') && <Link className="btn" to="/m/applications">{t('m.applications')}</Link>}
        {user.roles.includes('seeker') && <Link className="btn" to="/m/services">{t('services.requests.web.hub.me_link')}</Link>}
        {isStaff(user) && <Link className="btn" to="/admin">{t('m.me_admin')}</Link>}
        {(user.roles.includes('judge') || user.roles.includes('chief_judge')) && <Link className="btn btn-primary" to="/m/judge">{t('contests.scores.m.entry')}</Link>}
        <button type="button" className="btn" onClick={async () => { await logout(); navigate('/m', { replace: true }); }}>
          {t('m.me_logout')}
        </button>
      </section>
    </div>
  );
}

/** The light mobile area under /m: plain React and CSS, no antd (issue 2 §7: JS < 250 kB gzip). */
export default function MobileApp() {
  return (
    <Routes>
      <Route index element={<Home />} />
      <Route path="jobs" element={<JobSearchPage />} />
      <Route path="jobs/:id" element={<JobDetailPage />} />
      <Route path="applications" element={<ApplicationsPage />} />
      <Route path="profile" element={<ProfilePage />} />
      <Route path="register" element={<RegisterPage />} />
      <Route path="login" element={<Login />} />
      <Route path="me" element={<Me />} />
      <Route path="fairs" element={<Suspense fallback={<PageLoading />}><FairListPage /></Suspense>} />
      <Route path="events/:id" element={<Suspense fallback={<PageLoading />}><EventPage /></Suspense>} />
      <Route path="events/:id/register" element={<Suspense fallback={<PageLoading />}><VisitorRegisterPage /></Suspense>} />
      <Route path="tickets/:token" element={<Suspense fallback={<PageLoading />}><TicketPage /></Suspense>} />
      <Route path="staff/events/:id/checkin" element={<Suspense fallback={<PageLoading />}><StaffCheckinPage /></Suspense>} />
      <Route path="booth/events/:id" element={<Suspense fallback={<PageLoading />}><BoothScanPage /></Suspense>} />
      <Route path="live/:eventId" element={<Suspense fallback={<PageLoading />}><LiveRoomPage /></Suspense>} />
      <Route path="contests" element={<Suspense fallback={<PageLoading />}><ContestListPage /></Suspense>} />
      <Route path="contests/:id" element={<Suspense fallback={<PageLoading />}><ContestBoardPage /></Suspense>} />
      <Route path="certificates/:code" element={<Suspense fallback={<PageLoading />}><CertificateCheckPage /></Suspense>} />
      <Route path="judge" element={<Suspense fallback={<PageLoading />}><JudgeHomePage /></Suspense>} />
      <Route path="judge/contests/:id/items/:itemId" element={<Suspense fallback={<PageLoading />}><JudgeItemPage /></Suspense>} />
      <Route path="judge/contests/:id/items/:itemId/c/:contestantId" element={<Suspense fallback={<PageLoading />}><JudgeEntryPage /></Suspense>} />
      <Route path="services" element={<Suspense fallback={<PageLoading />}><ServicesHubPage /></Suspense>} />
      <Route path="services/ask" element={<Suspense fallback={<PageLoading />}><AskPage /></Suspense>} />
      <Route path="services/requests" element={<Suspense fallback={<PageLoading />}><MyRequestsPage /></Suspense>} />
      <Route path="services/requests/:id" element={<Suspense fallback={<PageLoading />}><WorkerRequestPage /></Suspense>} />
      <Route path="services/join" element={<Suspense fallback={<PageLoading />}><JoinPage /></Suspense>} />
      <Route path="services/card" element={<Suspense fallback={<PageLoading />}><MemberCardPage /></Suspense>} />
      <Route path="services/my-data" element={<Suspense fallback={<PageLoading />}><MyDataPage /></Suspense>} />
      <Route path="services/aid" element={<Suspense fallback={<PageLoading />}><AidPlansPage /></Suspense>} />
      <Route path="services/aid/:id" element={<Suspense fallback={<PageLoading />}><AidPlanPage /></Suspense>} />
      <Route path="services/aid/:id/claim" element={<Suspense fallback={<PageLoading />}><AidClaimPage /></Suspense>} />
      <Route path="member-card/:code" element={<Suspense fallback={<PageLoading />}><MemberCardCheck /></Suspense>} />
      <Route path="*" element={<NotFoundPage home="/m" />} />
    </Routes>
  );
}
