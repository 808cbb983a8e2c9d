import { PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Grid, Input, Modal, Popconfirm, Table, Typography, type TableColumnsType } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n, useT } from '../../i18n/index.js';
import { ApiError } from '../../services/client.js';
import {
  links, useCreateSignup, useMyFairs, useMyPublishedPostings, useWithdrawSignup, type MyFairEvent, type PublishedPosting,
} from '../../services/fair.js';
import { formatTimeRange } from '../../services/seasons.js';
import { EventKindTag } from './seasonFields.js';
import { SignupStatusTag } from './SignupsTable.js';
import './fair.css';

// The employer's side of the season's fairs (issue 5 §3): the fairs open for sign-up, signing up
// with published postings (one Idempotency-Key per attempt, so a double click is one sign-up),
// its sign-ups with their status, booth or reason, withdrawal and the booth card.

/** A retry key for one attempt (crypto.randomUUID needs a secure context; a LAN address is not one). */
const newKey = (): string => (globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`);

function SignupModal({ event, onClose }: { event: MyFairEvent; onClose(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const postings = useMyPublishedPostings(true);
  const create = useCreateSignup();
  const [picked, setPicked] = useState<number[]>([]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  // One key for this attempt: a second click, or a retry after a dropped answer, is the same sign-up.
  const key = useRef(newKey());
  const inFlight = useRef(false);
  const submit = async () => {
    if (!picked.length) { setError(t('fairs.pick_required')); return; }
    if (inFlight.current) return; // the second click of a double click, before the button shows it is busy
    inFlight.current = true;
    setError(null);
    try {
      await create.mutateAsync({ eventId: event.id, postingIds: picked, note: note.trim(), key: key.current });
      message.success(t('fairs.signed_up', { name: event.name }));
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.issues.length) setError(e.issues.map((i) => i.message).join('；'));
      else setError(e instanceof ApiError ? e.message : t('common.network_error'));
    } finally {
      inFlight.current = false;
    }
  };
  const items = postings.data?.items ?? [];
  return (
    <Modal
      open title={t('fairs.signup_title', { name: event.name })} width={680} onCancel={onClose} destroyOnHidden
      okText={t('fairs.submit')} okButtonProps={{ loading: create.isPending, disabled: !items.length }} onOk={submit}
    >
      <Typography.Paragraph type="secondary">{t('fairs.signup_hint')}</Typography.Paragraph>
      {postings.isError && <Alert type="error" showIcon title={postings.error.message} />}
      {!postings.isPending && !items.length ? (
        <Empty description={t('fairs.no_postings')}><Link to="/admin/postings">{t('fairs.to_postings')}</Link></Empty>
      ) : (
        <Table<PublishedPosting>
          rowKey="id" size="small" loading={postings.isPending} dataSource={items} pagination={false} scroll={{ x: 420, y: 320 }}
          rowSelection={{ selectedRowKeys: picked, onChange: (keys) => { setPicked(keys as number[]); setError(null); } }}
          columns={[
            { title: t('post.col.title'), dataIndex: 'title', width: 200 },
            { title: t('post.col.job_type'), dataIndex: ['jobType', 'name'], width: 120 },
            { title: t('post.col.headcount'), dataIndex: 'headcount', width: 70 },
          ]}
        />
      )}
      <label htmlFor="signup-note" className="console-label" style={{ marginTop: 12 }}>{t('fairs.note')}</label>
      <Input.TextArea id="signup-note" rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('fairs.note_hint')} />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}

function EventCell({ e }: { e: MyFairEvent }) {
  return (
    <>
      <div className="console-enterprise">{e.name}</div>
      <EventKindTag kind={e.kind} />
    </>
  );
}

/** Where a sign-up stands: waiting, its booth, the reason it was turned down. */
function SignupState({ e }: { e: MyFairEvent }) {
  const t = useT();
  const s = e.signup!;
  return (
    <>
      <SignupStatusTag status={s.status} />
      {s.status === 'approved' && (s.booth
        ? <span className="fairs-booth">{t('fairs.booth', { booth: s.booth })}</span>
        : <div className="console-sub">{t('fairs.booth_pending')}</div>)}
      {s.status === 'rejected' && s.statusReason && <div className="console-sub console-reason">{t('fairs.reason', { reason: s.statusReason })}</div>}
      {s.status === 'pending' && <div className="console-sub">{t('fairs.pending_hint')}</div>}
    </>
  );
}

/** The booth card of an approved sign-up with a booth; withdrawal (asked first) until the fair is held. */
function SignupActions({ e }: { e: MyFairEvent }) {
  const t = useT();
  const { message } = App.useApp();
  const withdraw = useWithdrawSignup();
  const s = e.signup!;
  const doWithdraw = async () => {
    try {
      await withdraw.mutateAsync(s.id);
      message.success(t('fairs.withdrawn'));
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : t('common.network_error'));
    }
  };
  return (
    <div className="fairs-actions">
      {s.status === 'approved' && s.booth && (
        <Button size="small" icon={<PrinterOutlined />} href={links.boothCard(s.id)} target="_blank">{t('fairs.card')}</Button>
      )}
      {(s.status === 'pending' || s.status === 'approved') && e.status !== 'held' && (
        <Popconfirm
          title={t('fairs.withdraw_title')} description={<div className="fairs-confirm">{t('fairs.withdraw_body')}</div>}
          okText={t('fairs.withdraw')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={doWithdraw}
        >
          <Button size="small" danger loading={withdraw.isPending}>{t('fairs.withdraw')}</Button>
        </Popconfirm>
      )}
    </div>
  );
}

const place = (e: MyFairEvent) => `${e.region.fullName}${e.venue ? ` · ${e.venue}` : ''}`;

/** On a phone: one card per event instead of a table wider than the screen. */
function FairCards({ items, loading, empty, render }: { items: MyFairEvent[]; loading: boolean; empty: string; render(e: MyFairEvent): ReactNode }) {
  const t = useT();
  const { lang } = useI18n();
  if (loading) return <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>;
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <ul className="fairs-cards">
      {items.map((e) => (
        <li key={e.id} aria-label={e.name}>
          <EventCell e={e} />
          <div className="console-sub">{formatTimeRange(lang, e.startsAt, e.endsAt)}</div>
          <div className="console-sub console-wrap">{place(e)}</div>
          {render(e)}
        </li>
      ))}
    </ul>
  );
}

/** /admin/fairs for an employer. */
export default function EmployerFairsPage() {
  const t = useT();
  const { lang } = useI18n();
  const fairs = useMyFairs();
  const narrow = !Grid.useBreakpoint().md;
  const [signingUp, setSigningUp] = useState<MyFairEvent | null>(null);
  const all = fairs.data ?? [];
  const mine = all.filter((e) => e.signup);
  const open = all.filter((e) => !e.signup && e.status === 'open');
  const eventColumns: TableColumnsType<MyFairEvent> = [
    { title: t('fairs.col.event'), key: 'event', width: 240, render: (_, e) => <EventCell e={e} /> },
    { title: t('event.col.time'), key: 'time', width: 190, render: (_, e) => formatTimeRange(lang, e.startsAt, e.endsAt) },
  ];
  const signUp = (e: MyFairEvent) => <Button type="primary" size="small" onClick={() => setSigningUp(e)}>{t('fairs.signup')}</Button>;

  return (
    <>
      <div className="admin-page-head"><h1>{t('fairs.title')}</h1></div>
      {fairs.isError && <Alert type="error" showIcon title={fairs.error.message} style={{ marginBottom: 16 }} />}
      <Card title={t('fairs.mine')} style={{ marginBottom: 16 }} className="console-card">
        {narrow ? (
          <FairCards
            items={mine} loading={fairs.isPending} empty={t('fairs.mine_empty')}
            render={(e) => <div className="fairs-card-foot"><div><SignupState e={e} /></div><SignupActions e={e} /></div>}
          />
        ) : (
          <Table<MyFairEvent>
            rowKey="id" size="middle" loading={fairs.isPending} dataSource={mine} pagination={false} scroll={{ x: 900 }}
            locale={{ emptyText: t('fairs.mine_empty') }}
            columns={[
              ...eventColumns,
              { title: t('fairs.col.postings'), key: 'postings', width: 90, render: (_, e) => t('console.signup.postings', { n: e.signup!.postings }) },
              { title: t('fairs.col.status'), key: 'status', width: 200, render: (_, e) => <SignupState e={e} /> },
              { title: t('console.signup.col.actions'), key: 'actions', width: 190, render: (_, e) => <SignupActions e={e} /> },
            ]}
          />
        )}
      </Card>
      <Card title={t('fairs.open')} className="console-card">
        {narrow ? (
          <FairCards items={open} loading={fairs.isPending} empty={t('fairs.open_empty')} render={(e) => <div className="fairs-card-foot">{signUp(e)}</div>} />
        ) : (
          <Table<MyFairEvent>
            rowKey="id" size="middle" loading={fairs.isPending} dataSource={open} pagination={false} scroll={{ x: 900 }}
            locale={{ emptyText: t('fairs.open_empty') }}
            columns={[
              ...eventColumns,
              { title: t('event.col.region'), key: 'place', width: 200, render: (_, e) => <span className="console-wrap">{place(e)}</span> },
              { title: t('event.col.host'), dataIndex: ['hostUnion', 'name'], width: 150 },
              { title: '', key: 'go', width: 110, render: (_, e) => signUp(e) },
            ]}
          />
        )}
      </Card>
      {signingUp && <SignupModal event={signingUp} onClose={() => setSigningUp(null)} />}
    </>
  );
}
