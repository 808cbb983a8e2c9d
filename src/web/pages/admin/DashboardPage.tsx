import { ApartmentOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Row, Statistic, Tag, Typography } from 'antd';
import type { Me } from '../../api/auth.js';
import { api, type Page } from '../../api/client.js';
import { useT } from '../../i18n/index.js';
import type { UiKey } from '../../i18n/zh-CN.js';
import type { UnionItem } from './UnionsPage.js';

const UPCOMING = ['enterprises', 'seasons', 'contests', 'cooperation', 'services'] as const;

export function DashboardPage({ me }: { me: Me }) {
  const t = useT();
  const users = useQuery({
    queryKey: ['users', 'count'],
    queryFn: () => api<Page<unknown>>('/api/admin/users', { query: { pageSize: 1 } }),
    enabled: me.permissions.manageUsers,
  });
  const unions = useQuery({ queryKey: ['unions'], queryFn: () => api<Page<UnionItem>>('/api/unions') });
  return (
    <>
      <div className="admin-page-head"><h1>{t('dashboard.welcome', { name: me.name })}</h1></div>
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
