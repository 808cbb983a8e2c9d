import { Alert, App, Button, DatePicker, Drawer, Form, Input, InputNumber, Segmented, Select, Space, Spin } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import {
  EVENT_KINDS, EVENT_STATUSES, fromChinaWallClock, toChinaWallClock, useEvent, useSaveEvent,
  type EventInput, type EventKind, type EventStatus, type SeasonEvent, type ZoneKind,
} from '../../services/seasons.js';
import { useT } from '../../i18n/index.js';
import type { UiKey } from '../../i18n/zh-CN.js';
import { ForumFields, LivestreamFields, ZoneFields } from './EventKindFields.js';
import { RegionCascader } from './fields.js';
import { applyServerIssues } from './formIssues.js';
import { UnionTreeSelect } from './seasonFields.js';

interface Values {
  kind: EventKind;
  name: string;
  hostUnionId?: string;
  regionCode?: string;
  venue?: string;
  time?: [Dayjs, Dayjs];
  capacity?: number | null;
  description?: string;
  status: EventStatus;
  livestream?: { platform?: string; streamUrl?: string };
  forum?: { agenda?: { time?: Dayjs | null; title?: string }[]; speakers?: { name?: string; title?: string }[] };
  zones?: { kind: ZoneKind; name: string; rows: number; cols: number }[];
}

// Where an API path has no field of its own: the time range is one picker, and "a livestream needs
// its details" is said at the link.
const FIELD_OF = { startsAt: 'time', endsAt: 'time', livestream: 'livestream.streamUrl' };

const toValues = (e: SeasonEvent): Values => {
  const [start, end] = [e.startsAt, e.endsAt].map((iso) => dayjs(toChinaWallClock(iso))) as [Dayjs, Dayjs];
  return {
    kind: e.kind, name: e.name, hostUnionId: e.hostUnion.id, regionCode: e.region.code, venue: e.venue, time: [start, end],
    capacity: e.capacity, description: e.description, status: e.status,
    livestream: e.livestream ?? { platform: '', streamUrl: '' },
    forum: {
      agenda: (e.forum?.agenda ?? []).map((a) => ({ time: /^\d{2}:\d{2}$/.test(a.time) ? dayjs(`2000-01-01T${a.time}`) : null, title: a.title })),
      speakers: e.forum?.speakers ?? [],
    },
    zones: e.zones.map((z) => ({ kind: z.kind, name: z.name, rows: z.rows, cols: z.cols })),
  };
};

/** The request body; the kind's own part only for that kind. */
function toBody(v: Values): EventInput {
  const wall = (d: Dayjs | undefined) => (d ? fromChinaWallClock(d.format('YYYY-MM-DDTHH:mm')) : '');
  return {
    kind: v.kind, name: v.name, description: v.description ?? '', ...(v.hostUnionId ? { hostUnionId: v.hostUnionId } : {}),
    regionCode: v.regionCode ?? '', venue: v.venue ?? '', startsAt: wall(v.time?.[0]), endsAt: wall(v.time?.[1]),
    capacity: v.capacity ?? null, status: v.status,
    ...(v.kind === 'livestream' ? { livestream: { platform: v.livestream?.platform?.trim() ?? '', streamUrl: v.livestream?.streamUrl?.trim() ?? '' } } : {}),
    ...(v.kind === 'forum' ? {
      forum: {
        agenda: (v.forum?.agenda ?? []).map((a) => ({ time: a.time ? a.time.format('HH:mm') : '', title: a.title ?? '' })),
        speakers: (v.forum?.speakers ?? []).map((s) => ({ name: s.name ?? '', title: s.title ?? '' })),
      },
    } : {}),
    ...(v.kind === 'fair' ? { zones: (v.zones ?? []).map((z) => ({ kind: z.kind, name: z.name, rows: z.rows, cols: z.cols })) } : {}),
  };
}

/** What an edit sends: the kind never; the host and the zones only when changed (zones with booths taken are locked). */
function toPatch(v: Values, e: SeasonEvent) {
  const { kind: _kind, hostUnionId, zones, ...body } = toBody(v);
  const sameZones = JSON.stringify(zones ?? []) === JSON.stringify(e.zones.map((z) => ({ kind: z.kind, name: z.name, rows: z.rows, cols: z.cols })));
  return {
    ...body, ...(hostUnionId && hostUnionId !== e.hostUnion.id ? { hostUnionId } : {}),
    ...(e.kind === 'fair' && !sameZones ? { zones } : {}), version: e.version,
  };
}

/** Create an event in a season (eventId null) or open one to edit; kind-specific sections follow the kind. */
export function EventDrawer(props: { open: boolean; seasonId: number; eventId: number | null; defaultRegion?: string | undefined; onClose(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [alert, setAlert] = useState<string | null>(null);
  const creating = props.eventId === null;
  const event = useEvent(props.open ? props.eventId : null);
  const save = useSaveEvent(props.seasonId);
  const e = creating ? null : event.data;
  const kind = Form.useWatch('kind', form);
  const zones = Form.useWatch('zones', form);
  const [loadedVersion, setLoadedVersion] = useState<number | null>(null);

  useEffect(() => {
    if (!props.open) { setLoadedVersion(null); return; }
    if (!creating && (!e || loadedVersion === e.version)) return;
    setAlert(null);
    form.resetFields();
    if (e) {
      form.setFieldsValue(toValues(e));
      setLoadedVersion(e.version);
    } else {
      form.setFieldsValue({ kind: 'fair', status: 'draft', regionCode: props.defaultRegion, zones: [], livestream: { platform: '', streamUrl: '' }, forum: { agenda: [], speakers: [] } });
    }
    // Filled once per opening (and per loaded version), so a background refresh keeps what is typed.
  }, [props.open, creating, e?.id, e?.version]);

  const submit = async (values: Values) => {
    setAlert(null);
    try {
      await save.mutateAsync(e ? { id: e.id, body: toPatch(values, e) } : { body: toBody(values) });
      message.success(t('event.saved'));
      props.onClose();
    } catch (error) {
      setAlert(applyServerIssues(form as never, error, [], FIELD_OF));
    }
  };

  const editable = creating || !!e?.permissions.edit;
  // Disabled only once filled: a disabled date picker without a value warns.
  const readOnly = !!e && !e.permissions.edit && loadedVersion === e.version;
  const footer = editable ? (
    <Space>
      <Button onClick={props.onClose}>{t('common.cancel')}</Button>
      <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>{t('common.save')}</Button>
    </Space>
  ) : null;

  return (
    <Drawer
      open={props.open} onClose={props.onClose} size={720} destroyOnHidden footer={footer}
      title={creating ? t('event.create') : (e?.name ?? t('event.edit'))}
    >
      {!creating && !e && (event.isError ? <Alert type="error" showIcon title={event.error.message} /> : <Spin />)}
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} disabled={readOnly} hidden={!creating && !e}>
        <Form.Item name="kind" label={t('event.field.kind')} extra={creating ? undefined : t('event.field.kind_locked')}>
          <Segmented
            block disabled={!creating} className="season-kind-picker"
            options={EVENT_KINDS.map((k) => ({ value: k, label: t(`event.kind.${k}` as UiKey) }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('event.field.name')} rules={[{ required: true, whitespace: true, min: 2, max: 100 }]}><Input maxLength={100} /></Form.Item>
        <div className="season-form-row">
          <Form.Item name="regionCode" label={t('event.field.region')} rules={[{ required: true }]} className="grow"><RegionCascader anyLevel style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="hostUnionId" label={t('event.field.host')} className="grow"><UnionTreeSelect /></Form.Item>
        </div>
        <Form.Item name="venue" label={t('event.field.venue')}><Input maxLength={200} /></Form.Item>
        <Form.Item name="time" label={t('event.field.time')} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <div className="season-form-row">
          <Form.Item name="capacity" label={t('event.field.capacity')}><InputNumber min={1} max={1_000_000} precision={0} style={{ width: 180 }} /></Form.Item>
          <Form.Item name="status" label={t('event.field.status')}>
            <Select style={{ width: 140 }} options={EVENT_STATUSES.map((s) => ({ value: s, label: t(`event.status.${s}` as UiKey) }))} />
          </Form.Item>
        </div>
        <Form.Item name="description" label={t('event.field.description')}><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
        {kind === 'livestream' && <LivestreamFields />}
        {kind === 'forum' && <ForumFields />}
        {kind === 'fair' && <ZoneFields zones={zones ?? []} />}
      </Form>
    </Drawer>
  );
}
