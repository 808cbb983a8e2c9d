import { DeleteOutlined, EditOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Grid, Popconfirm, Progress, Select, Skeleton, Space, Table, Tag, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useT } from '../../../i18n/index.js';
import { AgreementDrawer, AreaModal } from './AgreementDrawer.js';
import { CoopNav } from './CoopNav.js';
import { ItemDrawer } from './ItemDrawer.js';
import {
  agreementFileUrl, ITEM_STATUSES, useAgreement, useAgreements, useAreas, useItemOptions, useItems, useRemoveAgreementFile, useUploadAgreementFile,
  type Agreement, type Area, type ItemQuery, type ItemSummary,
} from './itemsApi.js';
import { StatusLight } from './StatusLight.js';
import './coop-items.css';

// The agreement overview (issue 7 §6): the agreement's facts and attachments, the year's areas as
// cards with their progress, and the items as a table with filters by union, status, due date and
// year. Federation staff create and edit; everyone else reads.

function AgreementHeader({ agreement, onEdit }: { agreement: Agreement; onEdit(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const upload = useUploadAgreementFile(agreement.id);
  const removeFile = useRemoveAgreementFile(agreement.id);
  return (
    <Card
      className="coop-agreement" title={<span className="coop-agreement-title">{agreement.title}</span>}
      extra={agreement.permissions.canEdit && <Button icon={<EditOutlined />} onClick={onEdit}>{t('coop.items.agreement.edit')}</Button>}
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
        { key: 'p', label: t('coop.items.agreement.parties'), children: agreement.parties.join('、') },
        { key: 's', label: t('coop.items.agreement.signed_on'), children: agreement.signedOn },
        { key: 'e', label: t('coop.items.agreement.ends_on'), children: agreement.endsOn ?? t('coop.items.agreement.open_ended') },
      ]} />
      {agreement.summary && <p className="coop-agreement-summary">{agreement.summary}</p>}
      <div className="coop-files">
        {agreement.files.map((f) => (
          <span key={f.id}>
            <a href={agreementFileUrl(agreement.id, f.id)}><PaperClipOutlined /> {f.title}</a>
            {agreement.permissions.canEdit && (
              <Popconfirm
                title={t('coop.items.agreement.remove_file', { name: f.title })} okText={t('coop.items.delete')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }}
                onConfirm={() => removeFile.mutateAsync(f.id).catch((e: Error) => { message.error(e.message); })}
              >
                <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('coop.items.agreement.remove_file', { name: f.title })} />
              </Popconfirm>
            )}
          </span>
        ))}
        {agreement.files.length === 0 && <span className="coop-muted">{t('coop.items.agreement.no_files')}</span>}
        {agreement.permissions.canEdit && (
          <Upload
            accept=".pdf,.docx,.jpg,.jpeg,.png" showUploadList={false}
            beforeUpload={(file) => {
              upload.mutate(file, { onSuccess: () => message.success(t('coop.items.uploaded')), onError: (e) => message.error(e.message) });
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>{t('coop.items.agreement.attach')}</Button>
          </Upload>
        )}
      </div>
    </Card>
  );
}

function AreaCard({ area, onPick, picked, onEdit }: { area: Area; picked: boolean; onPick(): void; onEdit?: (() => void) | undefined }) {
  const t = useT();
  return (
    <Card
      size="small" hoverable className={picked ? 'coop-area picked' : 'coop-area'} onClick={onPick} title={area.name}
      extra={onEdit && <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('coop.items.area.edit')} onClick={(e) => { e.stopPropagation(); onEdit(); }} />}
    >
      <Progress percent={area.percent} size="small" />
      <div className="coop-area-counts">
        <span>{t('coop.items.area.items', { n: area.items })}</span>
        {ITEM_STATUSES.filter((s) => area.counts[s] > 0).map((s) => <Tag key={s} className={`coop-tag-${s}`}>{t(`coop.items.status.${s}`)} {area.counts[s]}</Tag>)}
        {area.awaitingSignOff > 0 && <Tag color="purple">{t('coop.items.awaiting')} {area.awaitingSignOff}</Tag>}
      </div>
    </Card>
  );
}

export default function CoopOverviewPage() {
  const t = useT();
  const navigate = useNavigate();
  const agreements = useAgreements();
  const [picked, setPicked] = useState<number | undefined>();
  const agreementId = picked ?? agreements.data?.items[0]?.id;
  const agreement = useAgreement(agreementId);
  const [yearPick, setYearPick] = useState<number | undefined>();
  const year = yearPick ?? agreement.data?.years[0];
  const [query, setQuery] = useState<Omit<ItemQuery, 'year'> & { areaId?: number | undefined }>({ page: 1, pageSize: 20 });
  const areas = useAreas(agreementId, year);
  const items = useItems(agreementId, { ...query, year });
  const canEdit = agreements.data?.permissions.canEdit ?? false;
  const options = useItemOptions(!!agreementId);
  const [editing, setEditing] = useState<ItemSummary | null | undefined>(undefined);
  const [agreementDrawer, setAgreementDrawer] = useState<'new' | 'edit' | null>(null);
  const [areaModal, setAreaModal] = useState<Area | null | undefined>(undefined);

  const error = agreements.error ?? agreement.error ?? items.error;
  // On a phone the item's cell carries its code, due date, progress and light; the other columns go.
  const phone = !Grid.useBreakpoint().sm;
  const sm = ['sm' as const];
  const titleCell = (r: ItemSummary) => (
    <div>
      <Link to={`/admin/cooperation/items/${r.id}`}>{r.title}</Link>
      {phone && (
        <div className="coop-phone-line">
          <span className="coop-muted">{r.code} · {t('coop.items.due_on', { date: r.dueOn })}</span>
          <Progress percent={r.progress.percent} size="small" />
          <StatusLight progress={r.progress} />
        </div>
      )}
    </div>
  );
  const columns = [
    { key: 'code', title: t('coop.items.field.code'), dataIndex: 'code', width: 90, responsive: sm },
    { key: 'title', title: t('coop.items.field.title'), width: phone ? undefined : 240, render: (_: unknown, r: ItemSummary) => titleCell(r) },
    { key: 'area', title: t('coop.items.field.area'), width: 130, render: (_: unknown, r: ItemSummary) => r.area.name, responsive: ['xl' as const] },
    { key: 'lead', title: t('coop.items.field.lead'), width: 130, responsive: sm, render: (_: unknown, r: ItemSummary) => r.leadUnion.name },
    {
      key: 'unions', title: t('coop.items.field.unions'), width: 250, responsive: ['lg' as const],
      render: (_: unknown, r: ItemSummary) => <span className="coop-unions">{r.unions.map((u) => <Tag key={u.id} className={`coop-side-${u.federation}`}>{u.name}</Tag>)}</span>,
    },
    { key: 'due', title: t('coop.items.field.due'), dataIndex: 'dueOn', width: 110, responsive: sm },
    {
      key: 'progress', title: t('coop.items.field.progress'), width: 150, responsive: sm,
      render: (_: unknown, r: ItemSummary) => (
        <div>
          <div className="coop-value">{r.progress.value} / {r.progress.target} {r.progress.unit}</div>
          <Progress percent={r.progress.percent} size="small" showInfo={false} />
        </div>
      ),
    },
    { key: 'status', title: t('coop.items.field.status'), width: 150, responsive: sm, render: (_: unknown, r: ItemSummary) => <StatusLight progress={r.progress} /> },
  ];

  const createAgreement = canEdit && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAgreementDrawer('new')}>{t('coop.items.agreement.create')}</Button>;
  return (
    <>
      <CoopNav />
      <div className="admin-page-head">
        <h1>{t('coop.items.title')}</h1>
        {(agreements.data?.items.length ?? 0) > 1 && (
          <Select
            aria-label={t('coop.items.agreement.pick')} style={{ minWidth: 280, maxWidth: '100%' }} value={agreementId}
            options={agreements.data!.items.map((a) => ({ value: a.id, label: a.title }))} onChange={(id: number) => { setPicked(id); setYearPick(undefined); }}
          />
        )}
      </div>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      {agreements.isPending && <Card><Skeleton active /></Card>}
      {agreements.data && agreements.data.items.length === 0 && (
        <Card><Empty description={t(canEdit ? 'coop.items.empty.no_agreement' : 'coop.items.empty.no_agreement_reader')}>{createAgreement}</Empty></Card>
      )}
      {agreement.data && (
        <>
          <AgreementHeader agreement={agreement.data} onEdit={() => setAgreementDrawer('edit')} />
          <div className="coop-section-head">
            <h2>{t('coop.items.areas', { year: year ?? '' })}</h2>
            <Space wrap>
              {agreement.data.years.length > 0 && (
                <Select
                  aria-label={t('coop.items.field.year')} value={year} style={{ width: 110 }}
                  options={agreement.data.years.map((y) => ({ value: y, label: t('coop.items.year', { year: y }) }))}
                  onChange={(y: number) => { setYearPick(y); setQuery({ ...query, page: 1, areaId: undefined }); }}
                />
              )}
              {canEdit && <Button icon={<PlusOutlined />} onClick={() => setAreaModal(null)}>{t('coop.items.area.create')}</Button>}
            </Space>
          </div>
          {areas.data && areas.data.items.length === 0 && <Card><Empty description={t('coop.items.empty.no_areas')} /></Card>}
          <div className="coop-areas">
            {areas.data?.items.map((a) => (
              <AreaCard
                key={a.id} area={a} picked={query.areaId === a.id} onEdit={canEdit ? () => setAreaModal(a) : undefined}
                onPick={() => setQuery({ ...query, page: 1, areaId: query.areaId === a.id ? undefined : a.id })}
              />
            ))}
          </div>
          <div className="coop-section-head">
            <h2>{t('coop.items.items')}</h2>
            {canEdit && (areas.data?.items.length ?? 0) > 0 && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>{t('coop.items.create')}</Button>}
          </div>
          <div className="admin-filters">
            <Select
              allowClear showSearch optionFilterProp="label" placeholder={t('coop.items.filter.union')} aria-label={t('coop.items.filter.union')} value={query.unionId}
              options={(options.data?.unions ?? []).map((u) => ({ value: u.id, label: u.name }))} style={{ minWidth: 200 }}
              onChange={(unionId?: string) => setQuery({ ...query, page: 1, unionId })}
            />
            <Select
              allowClear placeholder={t('coop.items.filter.status')} aria-label={t('coop.items.filter.status')} value={query.status}
              options={ITEM_STATUSES.map((s) => ({ value: s, label: t(`coop.items.status.${s}`) }))}
              onChange={(status?: ItemQuery['status']) => setQuery({ ...query, page: 1, status })}
            />
            <DatePicker
              placeholder={t('coop.items.filter.due_before')} aria-label={t('coop.items.filter.due_before')} value={query.dueBefore ? dayjs(query.dueBefore) : null}
              onChange={(d) => setQuery({ ...query, page: 1, dueBefore: d ? d.format('YYYY-MM-DD') : undefined })}
            />
          </div>
          <Table<ItemSummary>
            rowKey="id" size="middle" columns={columns} dataSource={items.data?.items ?? []} loading={items.isFetching} scroll={phone ? undefined : { x: 720 }}
            locale={{ emptyText: <Empty description={t('coop.items.empty.no_items')} /> }}
            onRow={(r) => ({ onDoubleClick: () => navigate(`/admin/cooperation/items/${r.id}`) })}
            pagination={{
              current: query.page, pageSize: query.pageSize, total: items.data?.total ?? 0, showSizeChanger: false,
              showTotal: (total) => t('coop.items.total', { total }), onChange: (page) => setQuery({ ...query, page }),
            }}
          />
        </>
      )}
      {agreementId && (
        <>
          <ItemDrawer
            open={editing !== undefined} agreementId={agreementId} item={editing ?? null} year={year}
            onClose={() => setEditing(undefined)} onSaved={(item) => { setEditing(undefined); navigate(`/admin/cooperation/items/${item.id}`); }}
          />
          <AreaModal open={areaModal !== undefined} area={areaModal ?? null} agreementId={agreementId} year={year ?? dayjs().year()} onClose={() => setAreaModal(undefined)} />
        </>
      )}
      <AgreementDrawer
        open={agreementDrawer !== null} agreement={agreementDrawer === 'edit' ? agreement.data ?? null : null}
        onClose={() => setAgreementDrawer(null)} onSaved={(a) => { setAgreementDrawer(null); setPicked(a.id); }}
      />
    </>
  );
}
