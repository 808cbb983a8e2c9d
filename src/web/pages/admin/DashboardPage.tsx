import { ApartmentOutlined, BankOutlined, SolutionOutlined, TeamOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Row, Statistic, Tag, Typography } from 'antd';
import type { Me } from '../../services/auth.js';
import { api, type Page } from '../../services/client.js';
import { useT } from '../../i18n/index.js';
import type { UiKey } from '../../i18n/zh-CN.js';
import type { UnionItem } from './UnionsPage.js';

const UPCOMING = ['seasons', 'contests', 'cooperation', 'services'] as const;

export function DashboardPage({ me }: { me: Me }) {
  const t = useT();
  const users = useQuery({
    queryKey: ['users', 'count'],
    queryFn: () => api<Page<unknown>>('/api/admin/users', { query: { pageSize: 1 } }),
    enabled: me.permissions.manageUsers,
  });
  const unions = useQuery({ queryKey: ['unions'], queryFn: () => api<Page<UnionItem>>('/api/unions') });
  const [params] = useSearchParams();
  const count = (url: string, query: Record<string, string>, enabled: boolean) => ({
    queryKey: ['count', url, query], queryFn: () => api<Page<unknown>>(url, { query: { ...query, pageSize: 1 } }), enabled,
  });
  const review = me.permissions.reviewEnterprises;
  const toVerify = useQuery(count('/api/enterprises', { status: 'submitted' }, review));
  const toReview = useQuery(count('/api/postings', { status: 'pending' }, me.permissions.enterprises));
  const published = useQuery(count('/api/postings', { status: 'published' }, me.permissions.enterprises));
  const work = [
    ...(review ? [{ key: 'e', title: t('dashboard.pending_enterprises'), q: toVerify, to: '/admin/enterprises?status=submitted', icon: <BankOutlined /> }] : []),
    ...(me.permissions.enterprises ? [
      { key: 'p', title: t('dashboard.pending_postings'), q: toReview, to: '/admin/postings?status=pending', icon: <SolutionOutlined /> },
      { key: 'u', title: t('dashboard.published_postings'), q: published, to: '/admin/postings?status=published', icon: <SolutionOutlined /> },
    ] : []),
  ];
  return (
    <>
      <div className="admin-page-head"><h1>{t('dashboard.welcome', { name: me.name })}</h1></div>
      {params.get('pending') && <Alert type="success" showIcon title={t('dashboard.registered')} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('users.col.union')}>{me.union?.name ?? t('admin.scope_all')}</Descriptions.Item>
              <Descriptions.Item label={t('users.col.roles')}>
                {me.roles.map((r) => <Tag key={r} color="red">{t(`role.${r}` as UiKey)}</Tag>)}
              </Descriptions.Item>
              <Descriptions.Item label={t('admin.scope')}>
                {me.scopePrefix === '' ? t('admin.scope_all') : me.union ? `${me.union.name}（${me.union.regionCode}）` : t('common.none')}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        {me.permissions.manageUsers && (
          <Col xs={12} lg={6}>
            <Card><Statistic title={t('dashboard.users_in_scope')} value={users.data?.total ?? '—'} prefix={<TeamOutlined />} loading={users.isPending} /></Card>
          </Col>
        )}
        <Col xs={12} lg={6}>
          <Card>
            <Statistic title={t('dashboard.unions')} value={unions.data?.total ?? '—'} prefix={<ApartmentOutlined />} loading={unions.isPending} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('dashboard.unions_hint')}</Typography.Text>
          </Card>
        </Col>
      </Row>
      {work.length > 0 && (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          {work.map((w) => (
            <Col key={w.key} xs={24} sm={8}>
              <Link to={w.to}><Card hoverable><Statistic title={w.title} value={w.q.data?.total ?? '—'} prefix={w.icon} loading={w.q.isPending} /></Card></Link>
            </Col>
          ))}
        </Row>
      )}
      <Typography.Title level={5} style={{ marginTop: 24 }}>{t('dashboard.upcoming')}</Typography.Title>
      <Row gutter={[16, 16]}>
        {UPCOMING.map((key) => (
          <Col key={key} xs={24} sm={12} lg={8} xl={6}>
            <Card className="soon-card" size="small" title={t(`dashboard.module.${key}` as UiKey)} extra={<Tag>{t('common.soon')}</Tag>}>
              <Typography.Text type="secondary">{t(`dashboard.module.${key}_desc` as UiKey)}</Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
