import { Alert, App, Button, Descriptions, Drawer, Form, Grid, Input, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/index.js';
import { ApiError } from '../../../services/client.js';
import { membershipApi, useMembership, useRefreshMembership, type MembershipDetail, type MembershipStatus } from '../../../services/membership.js';

// One membership application in a drawer (issue 8 §2): the owner union's staff see it with the
// 身份证号 and phone masked, reveal them with a reason (audited), approve or reject with a reason;
// unions above follow it.

const STATUS_COLOR: Record<MembershipStatus, string> = { submitted: 'processing', approved: 'success', rejected: 'error', withdrawn: 'default' };
const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

export function MembershipStatusTag({ status }: { status: MembershipStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLOR[status]}>{t(`services.membership.status.${status}`)}</Tag>;
}

/** The full value after a stated reason; the server writes the reason to the audit log. */
function Reveal({ id, field }: { id: string; field: 'idCard' | 'phone' }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const open = () => modal.confirm({
    title: t(`services.membership.admin.reveal_title_${field}`), icon: null,
    content: (
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label={t('services.membership.admin.reveal_reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('services.membership.admin.reveal_reason_required') }]}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </Form>
    ),
    okText: t('common.confirm'), cancelText: t('common.cancel'),
    async onOk() {
      const { reason } = await form.validateFields();
      try {
        const { value } = await membershipApi.reveal(id, field, reason);
        modal.info({ title: t(`services.membership.admin.reveal_title_${field}`), content: <Typography.Text copyable strong>{value ?? '—'}</Typography.Text> });
      } catch (error) {
        message.error((error as Error).message);
        throw error;
      }
    },
  });
  return <Button size="small" type="link" onClick={open}>{t('services.membership.admin.reveal')}</Button>;
}

export function MembershipDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const query = useMembership(id);
  const refresh = useRefreshMembership();
  const [error, setError] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const [busy, setBusy] = useState(false);
  const app = query.data;
  const reset = () => { setError(null); setRejecting(false); setReason(''); setReasonError(false); };

  const run = async (work: () => Promise<MembershipDetail>, done: (d: MembershipDetail) => string) => {
    setBusy(true);
    setError(null);
    try {
      const d = await work();
      message.success(done(d));
      reset();
      await refresh();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const approve = (a: MembershipDetail) => modal.confirm({
    title: t('services.membership.admin.approve'), content: t('services.membership.admin.approve_confirm', { name: a.name ?? '' }),
    okText: t('services.membership.admin.approve'), cancelText: t('common.cancel'),
    onOk: () => run(() => membershipApi.approve(a.id), (d) => t('services.membership.admin.approved', { memberNo: d.memberNo ?? '' })),
  });
  const reject = (a: MembershipDetail) => {
    if (!reason.trim()) { setReasonError(true); return; }
    modal.confirm({
      title: t('services.membership.admin.reject_title'), content: reason.trim(), okText: t('services.membership.admin.reject'), okButtonProps: { danger: true }, cancelText: t('common.cancel'),
      onOk: () => run(() => membershipApi.reject(a.id, reason.trim()), () => t('services.membership.admin.rejected')),
    });
  };

  const footer = app?.can.review ? (
    <Space wrap>
      {rejecting ? (
        <>
          <Button danger type="primary" loading={busy} onClick={() => reject(app)}>{t('services.membership.admin.reject')}</Button>
          <Button onClick={() => { setRejecting(false); setReasonError(false); }}>{t('common.cancel')}</Button>
        </>
      ) : (
        <>
          <Button type="primary" loading={busy} onClick={() => approve(app)}>{t('services.membership.admin.approve')}</Button>
          <Button danger onClick={() => setRejecting(true)}>{t('services.membership.admin.reject')}</Button>
        </>
      )}
    </Space>
  ) : null;

  return (
    <Drawer
      open={!!id} onClose={() => { reset(); onClose(); }} destroyOnHidden size={screens.md ? 600 : '100%'} footer={footer}
      title={app ? t('services.membership.admin.drawer_title', { refNo: app.refNo }) : t('services.membership.admin.title')}
    >
      {query.isPending && <Skeleton active />}
      {query.isError && <Alert type="error" showIcon title={query.error instanceof ApiError && query.error.status === 404 ? t('services.membership.admin.not_found') : query.error.message} />}
      {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} style={{ marginBottom: 12 }} />}
      {app && (
        <>
          {!app.can.review && app.status === 'submitted' && !app.can.reveal && (
            <Alert type="info" showIcon title={t('services.membership.admin.above_note', { union: app.ownerUnion.name })} style={{ marginBottom: 12 }} />
          )}
          {app.status === 'rejected' && app.rejectReason && (
            <Alert type="warning" showIcon title={t('services.membership.field.reason')} description={app.rejectReason} style={{ marginBottom: 12 }} />
          )}
          <Descriptions size="small" column={1} bordered layout={screens.md ? 'horizontal' : 'vertical'} styles={{ label: { whiteSpace: 'nowrap' } }} items={[
            { key: 'status', label: t('services.membership.field.status'), children: <Space wrap><MembershipStatusTag status={app.status} />{app.overdue && <Tag color="red">{t('services.membership.overdue')}</Tag>}</Space> },
            { key: 'name', label: t('services.membership.field.name'), children: app.name ?? '—' },
            { key: 'idCard', label: t('services.membership.field.id_card'), children: <Space wrap><span className="mc-admin-mono">{app.idCardMasked ?? '—'}</span>{app.can.reveal && <Reveal id={app.id} field="idCard" />}</Space> },
            { key: 'phone', label: t('services.membership.field.phone'), children: <Space wrap><span>{app.phoneMasked ?? '—'}</span>{app.can.reveal && <Reveal id={app.id} field="phone" />}</Space> },
            { key: 'employer', label: t('services.membership.field.employer'), children: <Space wrap>{app.employerName}{app.enterprise && <Tag color="blue">{t('services.membership.registered')}</Tag>}</Space> },
            { key: 'region', label: t('services.membership.field.region'), children: app.region.name },
            { key: 'union', label: t('services.membership.field.union'), children: `${app.ownerUnion.name}（${t(`services.membership.routed.${app.routedBy}`)}）` },
            { key: 'channel', label: t('services.membership.field.channel'), children: app.event ? `${t('services.membership.channel.desk')} · ${app.event.name}` : t(`services.membership.channel.${app.channel}`) },
            { key: 'created', label: t('services.membership.field.created_at'), children: when(app.createdAt) },
            { key: 'due', label: t('services.membership.field.due'), children: app.reviewDueOn },
            ...(app.reviewedAt ? [{ key: 'reviewed', label: t('services.membership.field.reviewed'), children: t('services.membership.admin.reviewed_by', { name: app.reviewedBy ?? '—', at: when(app.reviewedAt) }) }] : []),
            ...(app.memberNo ? [{ key: 'no', label: t('services.membership.field.member_no'), children: <span className="mc-admin-mono">{app.memberNo}</span> }] : []),
            ...(app.joinedOn ? [{ key: 'joined', label: t('services.membership.field.joined_on'), children: app.joinedOn }] : []),
            { key: 'consent', label: t('services.membership.field.consent'), children: <Typography.Text type="secondary">{when(app.consentedAt)} · {t('services.consent.membership')}</Typography.Text> },
          ]} />
          {rejecting && (
            <Form layout="vertical" style={{ marginTop: 16 }}>
              <Form.Item label={t('services.membership.admin.reject_reason')} required validateStatus={reasonError ? 'error' : undefined}
                help={reasonError ? t('services.membership.admin.reject_reason_required') : undefined}>
                <Input.TextArea rows={3} maxLength={500} showCount value={reason} autoFocus aria-label={t('services.membership.admin.reject_reason')}
                  onChange={(e) => { setReason(e.target.value); setReasonError(false); }} />
              </Form.Item>
            </Form>
          )}
        </>
      )}
    </Drawer>
  );
}
