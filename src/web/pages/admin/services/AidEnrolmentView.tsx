import { Alert, App, Button, Descriptions, Drawer, Grid, Input, Modal, Popconfirm, Space, Spin, Table, Tag } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/index.js';
import { useEnrolment, useEnrolmentActions, yuan, type Enrolment, type EnrolmentStatus, type Member } from './AidApi.js';

// One enrolment list as the agent and the union see it: people, amount, the members (masked), and
// what the caller may do with it (the server's `can`): submit / cancel, or confirm / return.

export const ENROLMENT_COLOR: Record<EnrolmentStatus, string> = { draft: 'default', submitted: 'gold', confirmed: 'green', returned: 'red', cancelled: 'default' };

export function EnrolmentStatusTag({ status }: { status: EnrolmentStatus }) {
  const t = useT();
  return <Tag color={ENROLMENT_COLOR[status]}>{t(`services.aid.status.${status}`)}</Tag>;
}

const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, -3) : '—');

/** The enrolment's facts, members and actions (used in the drawer and inline after an upload). */
export function EnrolmentView({ enrolment: e }: { enrolment: Enrolment }) {
  const t = useT();
  const { message } = App.useApp();
  const actions = useEnrolmentActions();
  const [returning, setReturning] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = async (what: () => Promise<unknown>, ok: string) => {
    setError(null);
    try { await what(); message.success(ok); } catch (err) { setError((err as Error).message); }
  };
  const amount = yuan(e.amount);
  return (
    <div className="aid-enrolment">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {e.status === 'returned' && e.returnNote && <Alert type="warning" showIcon title={`${t('services.aid.enrolment.return_note')}：${e.returnNote}`} style={{ marginBottom: 12 }} />}
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }} items={[
        { key: 'ent', label: t('services.aid.col.enterprise'), children: e.enterprise.name },
        { key: 'plan', label: t('services.aid.col.plan'), children: e.plan.name },
        { key: 'status', label: t('services.aid.col.status'), children: <EnrolmentStatusTag status={e.status} /> },
        { key: 'union', label: t('services.aid.col.union'), children: e.ownerUnion.name },
        { key: 'sum', label: t('services.aid.col.amount'), children: <strong className="aid-sum">{t('services.aid.agent.summary', { people: e.people, price: yuan(e.plan.price), amount })}</strong> },
        { key: 'sub', label: t('services.aid.enrolment.submitted_by'), children: e.submittedBy ? `${e.submittedBy.name} · ${time(e.submittedAt)}` : '—' },
        ...(e.confirmedBy ? [{ key: 'conf', label: t('services.aid.enrolment.confirmed_by'), children: `${e.confirmedBy.name} · ${time(e.confirmedAt)}` }] : []),
      ]} />
      <Space wrap className="aid-actions">
        {e.can.submit && (
          <Popconfirm title={t('services.aid.enrolment.submit_ask', { people: e.people, amount, union: e.ownerUnion.name })} okText={t('common.confirm')} cancelText={t('common.cancel')}
            onConfirm={() => run(() => actions.submit.mutateAsync(e.id), t('services.aid.enrolment.submitted_ok'))}>
            <Button type="primary" loading={actions.submit.isPending}>{t('services.aid.enrolment.submit')}</Button>
          </Popconfirm>
        )}
        {e.can.confirm && (
          <Popconfirm title={t('services.aid.enrolment.confirm_ask', { people: e.people, amount, enterprise: e.enterprise.name, plan: e.plan.name })} okText={t('common.confirm')} cancelText={t('common.cancel')}
            onConfirm={() => run(() => actions.confirm.mutateAsync(e.id), t('services.aid.enrolment.confirmed_ok'))}>
            <Button type="primary" loading={actions.confirm.isPending}>{t('services.aid.enrolment.confirm')}</Button>
          </Popconfirm>
        )}
        {e.can.return && <Button danger onClick={() => { setNote(''); setReturning(true); }}>{t('services.aid.enrolment.return')}</Button>}
        {e.can.cancel && (
          <Popconfirm title={t('services.aid.enrolment.cancel_ask')} okText={t('common.confirm')} cancelText={t('common.cancel')}
            onConfirm={() => run(() => actions.cancel.mutateAsync(e.id), t('services.aid.enrolment.cancelled_ok'))}>
            <Button loading={actions.cancel.isPending}>{t('services.aid.enrolment.cancel')}</Button>
          </Popconfirm>
        )}
      </Space>
      {e.members.length > 0 ? (
        <>
          <h3 className="aid-members-title">{t('services.aid.enrolment.members', { count: e.members.length })}</h3>
          <Table<Member> rowKey="rowNo" size="small" dataSource={e.members} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 480 }}
            columns={[
              { title: t('services.aid.col.row'), dataIndex: 'rowNo', width: 64 },
              { title: t('services.aid.col.member_name'), dataIndex: 'name', width: 100 },
              { title: t('services.aid.col.id_card'), dataIndex: 'idCardMasked', width: 190 },
              { title: t('services.aid.col.phone'), dataIndex: 'phoneMasked', width: 130 },
            ]} />
        </>
      ) : (e.status === 'returned' || e.status === 'cancelled') && <Alert type="info" showIcon title={t('services.aid.enrolment.members_gone')} />}
      <Modal open={returning} title={t('services.aid.enrolment.return_title')} destroyOnHidden onCancel={() => setReturning(false)}
        okText={t('services.aid.enrolment.return')} okButtonProps={{ danger: true, disabled: !note.trim(), loading: actions.giveBack.isPending }} cancelText={t('common.cancel')}
        onOk={async () => { await run(() => actions.giveBack.mutateAsync({ id: e.id, note: note.trim() }), t('services.aid.enrolment.return_ok')); setReturning(false); }}>
        <label htmlFor="aid-return-note" className="aid-label">{t('services.aid.enrolment.return_note_label')}</label>
        <Input.TextArea id="aid-return-note" rows={3} maxLength={500} showCount value={note} onChange={(ev) => setNote(ev.target.value)} />
      </Modal>
    </div>
  );
}

/** The enrolment in a drawer (lists on both pages open it). */
export function EnrolmentDrawer({ id, onClose }: { id: number | null; onClose(): void }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const one = useEnrolment(id);
  return (
    <Drawer open={id !== null} onClose={onClose} destroyOnHidden size={screens.md ? 720 : '100%'} title={id !== null ? t('services.aid.enrolment.title', { id }) : ''}>
      {one.isPending ? <Spin /> : one.isError ? <Alert type="error" showIcon title={one.error.message} /> : <EnrolmentView enrolment={one.data} />}
    </Drawer>
  );
}
