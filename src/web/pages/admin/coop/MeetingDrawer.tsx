import { DeleteOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, DatePicker, Drawer, Form, Input, Select, Space, Tabs, TreeSelect, Upload } from 'antd';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useT } from '../../../i18n/index.js';
import type { UiKey } from '../../../i18n/zh-CN.js';
import { ApiError } from '../../../services/client.js';
import { applyServerIssues } from '../formIssues.js';
import { buildUnionTree, useUnions, type UnionNode } from '../UnionsPage.js';
import { bodyOf, uploadMeetingFile, useMeetingOptions, useSaveMeeting, type Meeting, type MeetingBody, type MeetingFile, type MeetingStatus, type VisitKind } from './meetingsApi.js';

// The meeting editor: the whole document in one form, its sections as tabs (all rendered, so the
// server's issues land on their fields wherever they are; each tab shows how many it holds).

export const SECTIONS = ['facts', 'attendees', 'agenda', 'speeches', 'visits', 'decisions', 'minutes'] as const;
export type Section = (typeof SECTIONS)[number];

interface Values {
  agreementId?: number;
  title: string; heldOn: Dayjs; place?: string; hostUnionId: string; status: MeetingStatus; minutes?: string;
  attendees?: { name: string; position?: string; unionId?: string | null; organisation?: string }[];
  agenda?: { startsAt?: string; title: string; presenter?: string }[];
  speeches?: { unionId: string; speaker?: string; title: string; body?: string; file?: MeetingFile | null }[];
  visits?: { kind: VisitKind; site: string; purpose?: string }[];
  decisions?: { text: string; ownerUnionId?: string | null; dueOn?: Dayjs | null; workItemId?: number | null }[];
}

/** Which tab an issue's path belongs to: a repeated section by its name, the meeting's own fields on the first. */
const sectionOf = (path: string): Section => {
  const head = path.split('.')[0]!;
  return (SECTIONS as readonly string[]).includes(head) ? (head as Section) : 'facts';
};

function toBody(v: Values): MeetingBody & { agreementId?: number } {
  return {
    ...(v.agreementId ? { agreementId: v.agreementId } : {}),
    title: v.title, heldOn: v.heldOn.format('YYYY-MM-DD'), place: v.place ?? '', hostUnionId: v.hostUnionId, status: v.status, minutes: v.minutes ?? '',
    attendees: (v.attendees ?? []).map((a) => ({ name: a.name ?? '', position: a.position ?? '', unionId: a.unionId ?? null, organisation: a.organisation ?? '' })),
    agenda: (v.agenda ?? []).map((a) => ({ startsAt: a.startsAt ?? '', title: a.title ?? '', presenter: a.presenter ?? '' })),
    speeches: (v.speeches ?? []).map((s) => ({ unionId: s.unionId, speaker: s.speaker ?? '', title: s.title ?? '', body: s.body ?? '', fileId: s.file?.id ?? null })),
    visits: (v.visits ?? []).map((x) => ({ kind: x.kind ?? 'visit', site: x.site ?? '', purpose: x.purpose ?? '' })),
    decisions: (v.decisions ?? []).map((d) => ({ text: d.text ?? '', ownerUnionId: d.ownerUnionId ?? null, dueOn: d.dueOn ? d.dueOn.format('YYYY-MM-DD') : null, workItemId: d.workItemId ?? null })),
  };
}

function toValues(m: Meeting): Values {
  const b = bodyOf(m);
  return {
    ...b, heldOn: dayjs(b.heldOn),
    speeches: m.speeches.map((s) => ({ unionId: s.union.id, speaker: s.speaker, title: s.title, body: s.body, file: s.file })),
    decisions: b.decisions.map((d) => ({ ...d, dueOn: d.dueOn ? dayjs(d.dueOn) : null })),
  };
}

interface TreeOption { value: string; title: string; children?: TreeOption[] }
const toTree = (nodes: UnionNode[]): TreeOption[] => nodes.map((n) => ({ value: n.id, title: n.name, ...(n.children ? { children: toTree(n.children) } : {}) }));

/**
 * Any union of either federation, searchable by name. Not virtual: a search that matches a district
 * deep in the tree would send the virtual list scrolling past its limit.
 */
function UnionSelect(props: { id?: string; value?: string | null; onChange?: (id: string | null) => void }) {
  const unions = useUnions();
  const tree = useMemo(() => toTree(buildUnionTree(unions.data?.items ?? [])), [unions.data]);
  return (
    <TreeSelect
      id={props.id} value={props.value ?? undefined} onChange={(v) => props.onChange?.(v ?? null)} allowClear showSearch treeNodeFilterProp="title" virtual={false}
      treeData={tree} loading={unions.isPending} popupMatchSelectWidth={false} style={{ width: '100%' }}
    />
  );
}

/** A speech's attachment: upload (PDF, Word, JPG/PNG — checked on the server), show, remove. */
function SpeechFile({ value, onChange }: { value?: MeetingFile | null; onChange?: (v: MeetingFile | null) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (value) {
    return (
      <Space wrap>
        <span className="meet-file-name"><PaperClipOutlined /> {value.name}</span>
        <Button size="small" icon={<DeleteOutlined />} onClick={() => onChange?.(null)}>{t('coop.meetings.edit.remove_file')}</Button>
      </Space>
    );
  }
  return (
    <Upload
      accept=".pdf,.docx,.jpg,.jpeg,.png" showUploadList={false}
      beforeUpload={(file) => {
        setBusy(true);
        uploadMeetingFile(file).then((f) => onChange?.(f), (e: Error) => message.error(e.message)).finally(() => setBusy(false));
        return false;
      }}
    >
      <Button size="small" icon={<UploadOutlined />} loading={busy}>{t('coop.meetings.edit.upload')}</Button>
    </Upload>
  );
}

/** One repeated section: its rows as bordered blocks, add and remove buttons, an empty note. */
function Rows(props: { name: string; add: UiKey; empty: UiKey; initial: Record<string, unknown>; children: (field: { name: number; key: number }) => ReactNode }) {
  const t = useT();
  return (
    <Form.List name={props.name}>
      {(fields, { add, remove }) => (
        <>
          {fields.length === 0 && <div className="meet-edit-empty">{t(props.empty)}</div>}
          {fields.map((field, i) => (
            <div key={field.key} className="meet-edit-row" data-row={`${props.name}-${i}`}>
              <div className="meet-edit-row-head">
                <span>{i + 1}</span>
                <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('coop.meetings.edit.remove')} onClick={() => remove(field.name)} />
              </div>
              {props.children(field)}
            </div>
          ))}
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add(props.initial)}>{t(props.add)}</Button>
        </>
      )}
    </Form.List>
  );
}

/** Create a meeting (meeting null) or change the whole of one, opening on a section. */
export function MeetingDrawer(props: { open: boolean; meeting: Meeting | null; section?: Section; agreementId?: number | undefined; onClose(): void; onSaved(m: Meeting): void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [tab, setTab] = useState<Section>(props.section ?? 'facts');
  const [alert, setAlert] = useState<string | null>(null);
  const [errorCounts, setErrorCounts] = useState<Partial<Record<Section, number>>>({});
  const m = props.meeting;
  const save = useSaveMeeting(m);
  const chosenAgreement = Form.useWatch('agreementId', form) as number | undefined;
  const agreementId = m?.agreement.id ?? chosenAgreement ?? props.agreementId;
  const options = useMeetingOptions(agreementId, props.open);

  useEffect(() => {
    if (!props.open) return;
    setAlert(null);
    setErrorCounts({});
    setTab(props.section ?? 'facts');
    form.resetFields();
    form.setFieldsValue(m ? toValues(m) : { status: 'planned', attendees: [], agenda: [], speeches: [], visits: [], decisions: [], ...(props.agreementId ? { agreementId: props.agreementId } : {}) });
    // Only when the drawer opens: a refresh while it is open must not undo the user's typing.
  }, [props.open]);
  useEffect(() => {
    // A new meeting belongs to the only agreement there is, unless the user picks another.
    const only = options.data?.agreements.length === 1 ? options.data.agreements[0]!.id : undefined;
    if (props.open && !m && only && !form.getFieldValue('agreementId')) form.setFieldValue('agreementId', only);
  }, [options.data, props.open]);

  const count = (paths: string[]) => {
    const counts: Partial<Record<Section, number>> = {};
    for (const p of paths) counts[sectionOf(p)] = (counts[sectionOf(p)] ?? 0) + 1;
    setErrorCounts(counts);
    const first = SECTIONS.find((s) => counts[s]);
    if (first && !counts[tab]) setTab(first);
  };
  const submit = async (values: Values) => {
    setAlert(null);
    setErrorCounts({});
    try {
      props.onSaved(await save.mutateAsync(toBody(values)));
    } catch (error) {
      // The attachment is one field in the form and `fileId` in the API.
      const fieldOf = Object.fromEntries((values.speeches ?? []).map((_, i) => [`speeches.${i}.fileId`, `speeches.${i}.file`]));
      setAlert(applyServerIssues(form as unknown as FormInstance as never, error, [], fieldOf));
      if (error instanceof ApiError) count(error.issues.map((i) => i.path));
    }
  };
  const itemOptions = useMemo(() => (options.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.code} ${i.title}`, title: `${i.year} · ${i.area}` })), [options.data]);
  const label = (s: Section) => <Badge count={errorCounts[s] ?? 0} size="small" offset={[8, -2]}>{t(`coop.meetings.section.${s}` as UiKey)}</Badge>;

  const panes: Record<Section, ReactNode> = {
    facts: (
      <>
        {!m && (
          <Form.Item name="agreementId" label={t('coop.meetings.field.agreement')} rules={[{ required: true, message: t('coop.meetings.edit.required') }]}>
            <Select loading={options.isPending} options={(options.data?.agreements ?? []).map((a) => ({ value: a.id, label: a.title }))} />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('coop.meetings.field.title')} rules={[{ required: true, whitespace: true, message: t('coop.meetings.edit.required') }]}>
          <Input maxLength={200} placeholder={t('coop.meetings.field.title_hint')} />
        </Form.Item>
        <div className="meet-edit-grid">
          <Form.Item name="heldOn" label={t('coop.meetings.field.held_on')} rules={[{ required: true, message: t('coop.meetings.edit.required') }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="status" label={t('coop.meetings.field.status')}>
            <Select options={(['planned', 'held'] as const).map((s) => ({ value: s, label: t(`coop.meetings.status.${s}`) }))} />
          </Form.Item>
        </div>
        <Form.Item name="place" label={t('coop.meetings.field.place')}><Input maxLength={200} /></Form.Item>
        <Form.Item name="hostUnionId" label={t('coop.meetings.field.host')} rules={[{ required: true, message: t('coop.meetings.edit.required') }]}><UnionSelect /></Form.Item>
      </>
    ),
    attendees: (
      <Rows name="attendees" add="coop.meetings.edit.add_attendee" empty="coop.meetings.empty.attendees" initial={{}}>
        {(f) => (
          <div className="meet-edit-grid">
            <Form.Item name={[f.name, 'name']} label={t('coop.meetings.field.name')}><Input maxLength={50} /></Form.Item>
            <Form.Item name={[f.name, 'position']} label={t('coop.meetings.field.position')}><Input maxLength={100} /></Form.Item>
            <Form.Item name={[f.name, 'unionId']} label={t('coop.meetings.field.union')}><UnionSelect /></Form.Item>
            <Form.Item name={[f.name, 'organisation']} label={t('coop.meetings.field.organisation')} tooltip={t('coop.meetings.field.organisation_hint')}><Input maxLength={100} /></Form.Item>
          </div>
        )}
      </Rows>
    ),
    agenda: (
      <Rows name="agenda" add="coop.meetings.edit.add_agenda" empty="coop.meetings.empty.agenda" initial={{}}>
        {(f) => (
          <div className="meet-edit-grid meet-edit-grid-agenda">
            <Form.Item name={[f.name, 'startsAt']} label={t('coop.meetings.field.time')}><Input maxLength={5} placeholder="09:30" /></Form.Item>
            <Form.Item name={[f.name, 'title']} label={t('coop.meetings.field.agenda_title')}><Input maxLength={200} /></Form.Item>
            <Form.Item name={[f.name, 'presenter']} label={t('coop.meetings.field.presenter')}><Input maxLength={100} /></Form.Item>
          </div>
        )}
      </Rows>
    ),
    speeches: (
      <Rows name="speeches" add="coop.meetings.edit.add_speech" empty="coop.meetings.empty.speeches" initial={{ file: null }}>
        {(f) => (
          <>
            <div className="meet-edit-grid">
              <Form.Item name={[f.name, 'unionId']} label={t('coop.meetings.field.speaker_union')}><UnionSelect /></Form.Item>
              <Form.Item name={[f.name, 'speaker']} label={t('coop.meetings.field.speaker')}><Input maxLength={50} /></Form.Item>
            </div>
            <Form.Item name={[f.name, 'title']} label={t('coop.meetings.field.speech_title')}><Input maxLength={200} /></Form.Item>
            <Form.Item name={[f.name, 'body']} label={t('coop.meetings.field.speech_body')}><Input.TextArea rows={4} maxLength={20000} /></Form.Item>
            <Form.Item name={[f.name, 'file']} label={t('coop.meetings.field.file')} extra={t('coop.meetings.field.file_hint')}><SpeechFile /></Form.Item>
          </>
        )}
      </Rows>
    ),
    visits: (
      <Rows name="visits" add="coop.meetings.edit.add_visit" empty="coop.meetings.empty.visits" initial={{ kind: 'visit' }}>
        {(f) => (
          <div className="meet-edit-grid">
            <Form.Item name={[f.name, 'kind']} label={t('coop.meetings.field.kind')}>
              <Select options={(['visit', 'activity'] as const).map((k) => ({ value: k, label: t(`coop.meetings.visit.${k}`) }))} />
            </Form.Item>
            <Form.Item name={[f.name, 'site']} label={t('coop.meetings.field.site')}><Input maxLength={200} /></Form.Item>
            <Form.Item name={[f.name, 'purpose']} label={t('coop.meetings.field.purpose')} className="meet-edit-wide"><Input maxLength={500} /></Form.Item>
          </div>
        )}
      </Rows>
    ),
    decisions: (
      <Rows name="decisions" add="coop.meetings.edit.add_decision" empty="coop.meetings.empty.decisions" initial={{}}>
        {(f) => (
          <>
            <Form.Item name={[f.name, 'text']} label={t('coop.meetings.field.decision')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
            <div className="meet-edit-grid">
              <Form.Item name={[f.name, 'ownerUnionId']} label={t('coop.meetings.field.owner')}><UnionSelect /></Form.Item>
              <Form.Item name={[f.name, 'dueOn']} label={t('coop.meetings.field.due')}><DatePicker style={{ width: '100%' }} /></Form.Item>
            </div>
            <Form.Item name={[f.name, 'workItemId']} label={t('coop.meetings.field.item')} extra={t('coop.meetings.field.item_hint')}>
              <Select allowClear showSearch virtual={false} optionFilterProp="label" options={itemOptions} loading={options.isFetching} notFoundContent={t('coop.meetings.edit.no_items')} />
            </Form.Item>
          </>
        )}
      </Rows>
    ),
    minutes: <Form.Item name="minutes" label={t('coop.meetings.field.minutes')}><Input.TextArea rows={12} maxLength={50000} /></Form.Item>,
  };

  return (
    <Drawer
      open={props.open} title={t(m ? 'coop.meetings.edit.title' : 'coop.meetings.create')} onClose={props.onClose} destroyOnHidden size={Math.min(760, window.innerWidth)}
      extra={<Space><Button onClick={props.onClose}>{t('common.cancel')}</Button><Button type="primary" loading={save.isPending} onClick={() => form.submit()}>{t('common.save')}</Button></Space>}
    >
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} onFinishFailed={(e) => count(e.errorFields.map((f) => f.name.join('.')))}>
        <Tabs activeKey={tab} onChange={(k) => setTab(k as Section)} items={SECTIONS.map((s) => ({ key: s, label: label(s), forceRender: true, children: panes[s] }))} />
      </Form>
    </Drawer>
  );
}
