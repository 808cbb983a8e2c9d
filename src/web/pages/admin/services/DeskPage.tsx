import { Alert, App, Button, Card, Descriptions, Empty, Input, Modal, Radio, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useT } from '../../../i18n/index.js';
import { ApiError } from '../../../services/client.js';
import { QrScanner } from '../../m/fair/QrScanner.js';
import '../../m/fair/fair.css';
import { chinaTime, deskApi, useDeskFairs, type Desk, type DeskView } from './DeskApi.js';
import { DeskRecordDrawer } from './DeskRecordDrawer.js';
import { ServicesNav } from './ServicesNav.js';
import './services-desk.css';

// 招聘会服务台 (issue 8 §4): staff at a fair's rights zone pick the fair and their desk, type or scan
// the visitor's ticket, see him, ask his consent to share (the wording shown to read out), record
// a consultation or a membership application for him, and see his records at this fair — all of
// them with his consent, only their desk's kind without. The fair, desk and visitor live in the
// address, so a reload keeps the visitor on screen.

type RequestRow = DeskView['requests'][number];
type MembershipRow = DeskView['memberships'][number];

function VisitorCard({ view, onChange, onRecord }: { view: DeskView; onChange(v: DeskView): void; onRecord(kind: Desk): void }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<DeskView>) => {
    setBusy(true);
    try { onChange(await action()); } catch (e) { message.error((e as Error).message); } finally { setBusy(false); }
  };
  const share = () => run(() => deskApi.share(view.event.id, view.visitor.id, view.desk));
  const unshare = () => modal.confirm({ title: t('services.desk.withdraw'), content: t('services.desk.withdraw_confirm'), onOk: () => run(() => deskApi.unshare(view.event.id, view.visitor.id, view.desk)) });
  const checkin = view.checkin;
  const requestColumns: TableColumnsType<RequestRow> = [
    { key: 'ref', title: t('services.desk.col.ref'), width: 140, render: (_, r) => <span className="desk-mono">{r.refNo}</span> },
    { key: 'category', title: t('services.desk.col.category'), render: (_, r) => <>{t(`services.category.${r.category}` as never)}{r.kind === 'aid_claim' && <Tag className="desk-tag">{t('services.desk.kind.aid_claim')}</Tag>}</> },
    { key: 'subject', title: t('services.desk.col.subject'), render: (_, r) => r.subject ?? <Typography.Text type="secondary">{t('services.desk.subject_hidden')}</Typography.Text> },
    { key: 'union', title: t('services.desk.col.union'), render: (_, r) => r.ownerUnion.name },
    { key: 'status', title: t('services.desk.col.status'), width: 90, render: (_, r) => t(`services.desk.status.${r.status}` as never) },
    { key: 'time', title: t('services.desk.col.time'), width: 110, render: (_, r) => chinaTime(r.createdAt) },
  ];
  const membershipColumns: TableColumnsType<MembershipRow> = [
    { key: 'ref', title: t('services.desk.col.ref'), width: 140, render: (_, m) => <span className="desk-mono">{m.refNo}</span> },
    { key: 'union', title: t('services.desk.col.union'), render: (_, m) => m.ownerUnion.name },
    { key: 'status', title: t('services.desk.col.status'), width: 90, render: (_, m) => t(`services.desk.status.${m.status}` as never) },
    { key: 'no', title: t('services.desk.col.member_no'), render: (_, m) => (m.memberNo ? <span className="desk-mono">{m.memberNo}</span> : '—') },
    { key: 'time', title: t('services.desk.col.time'), width: 110, render: (_, m) => chinaTime(m.createdAt) },
  ];
  const showRequests = view.shared || view.desk === 'consultation';
  const showMemberships = view.shared || view.desk === 'membership';
  return (
    <Card className="desk-card" data-testid="desk-visitor" title={<Space wrap><span>{view.visitor.name}</span><Tag color={view.shared ? 'green' : 'default'}>{t(view.shared ? 'services.desk.shared' : 'services.desk.not_shared')}</Tag></Space>}
      extra={<Space wrap>
        <Button type={view.desk === 'consultation' ? 'primary' : 'default'} onClick={() => onRecord('consultation')}>{t('services.desk.record_consultation')}</Button>
        <Button type={view.desk === 'membership' ? 'primary' : 'default'} onClick={() => onRecord('membership')}>{t('services.desk.record_membership')}</Button>
      </Space>}>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} items={[
        { key: 'phone', label: t('services.desk.phone'), children: view.visitor.phoneMasked },
        { key: 'ticket', label: t('services.desk.ticket'), children: <span className="desk-mono">{view.visitor.ticketCode}</span> },
        ...(checkin ? [{
          key: 'checkin', label: t('services.desk.checkin'),
          children: checkin.checkedInAt ? t('services.desk.checked_in', { at: chinaTime(checkin.checkedInAt), source: t(`services.desk.source.${checkin.source}`) }) : t('services.desk.not_checked_in', { source: t(`services.desk.source.${checkin.source}`) }),
        }] : []),
      ]} />
      {view.shared ? (
        <div className="desk-shared">
          <Typography.Text type="secondary">{t('services.desk.shared_at', { at: chinaTime(view.sharedAt!) })}</Typography.Text>
          <Button size="small" danger loading={busy} onClick={unshare}>{t('services.desk.withdraw')}</Button>
        </div>
      ) : (
        <Alert className="desk-gap" type="warning" showIcon title={t('services.desk.consent_title')}
          description={<><p className="desk-consent">{t('services.consent.visitor_share')}</p>{view.hidden && <p className="desk-consent">{t('services.desk.hidden')}</p>}
            <Button type="primary" loading={busy} onClick={() => void share()} data-testid="desk-share">{t('services.desk.consent_agree')}</Button></>} />
      )}
      {showRequests && (
        <>
          <Typography.Title level={5} className="desk-heading">{t('services.desk.requests')}</Typography.Title>
          <Table size="small" rowKey="id" columns={requestColumns} dataSource={view.requests} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: t('services.desk.none') }} data-testid="desk-requests" />
        </>
      )}
      {showMemberships && (
        <>
          <Typography.Title level={5} className="desk-heading">{t('services.desk.memberships')}</Typography.Title>
          <Table size="small" rowKey="id" columns={membershipColumns} dataSource={view.memberships} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: t('services.desk.none') }} data-testid="desk-memberships" />
        </>
      )}
    </Card>
  );
}

export default function DeskPage() {
  const t = useT();
  const { message } = App.useApp();
  const fairs = useDeskFairs();
  const [params, setParams] = useSearchParams();
  // The page's own state is the truth (a router navigation commits in a transition, later than a
  // keystroke); the address mirrors it so that a reload brings the fair, desk and visitor back.
  const [eventId, setEventId] = useState<number | null>(() => Number(params.get('event')) || null);
  const [desk, setDesk] = useState<Desk>(() => (params.get('desk') === 'membership' ? 'membership' : 'consultation'));
  const [code, setCode] = useState('');
  const [view, setView] = useState<DeskView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [scanning, setScanning] = useState(false);
  const [recording, setRecording] = useState<Desk | null>(null);

  const mirror = (next: { event: number | null; desk: Desk; visitor: number | null }) => {
    const p = new URLSearchParams();
    if (next.event) p.set('event', String(next.event));
    p.set('desk', next.desk);
    if (next.visitor) p.set('visitor', String(next.visitor));
    setParams(p, { replace: true });
  };
  const load = async (fetcher: () => Promise<DeskView>, at: { event: number; desk: Desk }) => {
    setBusy(true);
    setError(null);
    try {
      const v = await fetcher();
      setView(v);
      mirror({ ...at, visitor: v.visitor.id });
    } catch (e) {
      setView(null);
      mirror({ ...at, visitor: null });
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const lookup = (typed = code) => {
    if (!eventId) { setError(t('services.desk.pick_fair_first')); return; }
    if (!typed.trim()) { setError(t('services.desk.code_required')); return; }
    void load(() => deskApi.byTicket(eventId, typed, desk), { event: eventId, desk });
  };
  const pickFair = (id: number) => { setEventId(id); setView(null); setError(null); mirror({ event: id, desk, visitor: null }); };
  // Another desk sees the same visitor as that desk does.
  const pickDesk = (next: Desk) => {
    setDesk(next);
    if (view && eventId) void load(() => deskApi.visitor(eventId, view.visitor.id, next), { event: eventId, desk: next });
    else mirror({ event: eventId, desk: next, visitor: null });
  };
  // After a reload the visitor in the address comes back.
  useEffect(() => {
    const visitor = Number(params.get('visitor')) || null;
    if (eventId && visitor) void load(() => deskApi.visitor(eventId, visitor, desk), { event: eventId, desk });
    // Once, on opening the page.
  }, []);
  const recorded = async (text: string) => {
    setRecording(null);
    message.success(text);
    if (view) await load(() => deskApi.visitor(view.event.id, view.visitor.id, desk), { event: view.event.id, desk });
  };

  return (
    <div className="desk-page">
      <ServicesNav />
      <Typography.Title level={3}>{t('services.desk.title')}</Typography.Title>
      <Typography.Paragraph type="secondary" className="desk-intro">{t('services.desk.intro')}</Typography.Paragraph>
      <Card className="desk-card">
        <div className="desk-controls">
          <div className="desk-field">
            <span id="desk-fair-label">{t('services.desk.fair')}</span>
            <Select className="desk-fair" aria-labelledby="desk-fair-label" placeholder={t('services.desk.fair_placeholder')} loading={fairs.isPending} value={eventId ?? undefined} data-testid="desk-fair"
              notFoundContent={t('services.desk.no_fairs')} showSearch={{ optionFilterProp: 'label' }}
              options={(fairs.data ?? []).map((f) => ({ value: f.id, label: `${f.name}（${t(f.status === 'open' ? 'services.desk.fair_open' : 'services.desk.fair_held')} · ${f.startsAt.slice(0, 10)}）` }))}
              onChange={pickFair} />
          </div>
          <div className="desk-field">
            <span id="desk-desk-label">{t('services.desk.desk')}</span>
            <Radio.Group aria-labelledby="desk-desk-label" optionType="button" value={desk} onChange={(e) => pickDesk(e.target.value as Desk)}
              options={(['consultation', 'membership'] as const).map((d) => ({ value: d, label: t(`services.desk.desk.${d}`) }))} />
          </div>
          <div className="desk-field desk-code">
            <label htmlFor="desk-code">{t('services.desk.code')}</label>
            <Space.Compact className="desk-code-input">
              <Input id="desk-code" value={code} onChange={(e) => setCode(e.target.value)} onPressEnter={() => lookup()} placeholder={t('services.desk.code_placeholder')} maxLength={200} autoComplete="off" data-testid="desk-code" />
              <Button type="primary" loading={busy} onClick={() => lookup()}>{t('services.desk.lookup')}</Button>
              <Button onClick={() => setScanning(true)}>{t('services.desk.scan')}</Button>
            </Space.Compact>
          </div>
        </div>
      </Card>
      {fairs.isError && <Alert type="error" showIcon title={fairs.error.message} className="desk-gap" />}
      {error && <Alert type="error" showIcon title={error} className="desk-gap" data-testid="desk-error" />}
      {view ? <VisitorCard view={view} onChange={setView} onRecord={setRecording} /> : !error && <Card className="desk-card"><Empty description={t('services.desk.empty')} /></Card>}
      {view && <DeskRecordDrawer view={view} kind={recording} onClose={() => setRecording(null)} onRecorded={(text) => void recorded(text)} />}
      <Modal open={scanning} title={t('services.desk.scan_title')} footer={null} onCancel={() => setScanning(false)} destroyOnHidden>
        <QrScanner onCode={(scanned) => { setScanning(false); setCode(scanned); lookup(scanned); }} />
      </Modal>
    </div>
  );
}
