import { Alert, Button, DatePicker, Drawer, Form, Input, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useT } from '../../../i18n/index.js';
import type { UiKey } from '../../../i18n/zh-CN.js';
import { applyServerIssues } from '../formIssues.js';
import { UnionTreeSelect } from '../seasonFields.js';
import { contestApi, DEFAULT_RULES, useContestWrite, type Contest, type ContestInput, type ContestStatus, type TeamMethod, type TieBreak } from './SetupApi.js';

interface Values {
  name: string;
  theme?: string;
  organisers?: string[];
  ownerUnionId?: string;
  venue?: string;
  dates: [Dayjs, Dayjs];
  status: ContestStatus;
  description?: string;
  writtenWeight: number;
  teamMethod: TeamMethod;
  teamN?: number | null;
  itemAwards: number;
  tieBreak: TieBreak[];
  dropFrom: number;
}

// The API names the dates and the rules' fields; the form has a range picker and flat rule fields.
const FIELD_OF: Record<string, string> = {
  startsOn: 'dates', endsOn: 'dates', 'rules.writtenWeight': 'writtenWeight', 'rules.team.method': 'teamMethod', 'rules.team.n': 'teamN',
  'rules.itemAwards': 'itemAwards', 'rules.tieBreak': 'tieBreak', 'rules.judgementDropHighLowFrom': 'dropFrom',
};
const METHODS: TeamMethod[] = ['mean-best', 'mean-all', 'sum-best'];
const TIE_BREAKS: TieBreak[] = ['practical', 'written', 'time'];

function toBody(v: Values): ContestInput {
  return {
    name: v.name, theme: v.theme ?? '', organisers: v.organisers ?? [], venue: v.venue ?? '', description: v.description ?? '',
    startsOn: v.dates[0].format('YYYY-MM-DD'), endsOn: v.dates[1].format('YYYY-MM-DD'), status: v.status,
    ...(v.ownerUnionId ? { ownerUnionId: v.ownerUnionId } : {}),
    rules: {
      writtenWeight: v.writtenWeight, judgementDropHighLowFrom: v.dropFrom, itemAwards: v.itemAwards, tieBreak: v.tieBreak,
      team: v.teamMethod === 'mean-all' ? { method: 'mean-all' } : { method: v.teamMethod, n: v.teamN ?? undefined },
    } as ContestInput['rules'],
  };
}

/** Create a contest (contest null) or change one's facts and scoring rules, with its version. */
export function SetupContestDrawer(props: { open: boolean; contest: Contest | null; askOwner: boolean; onClose(): void; onSaved(c: Contest): void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [alert, setAlert] = useState<string | null>(null);
  const c = props.contest;
  const save = useContestWrite(c?.id ?? null, (body: ContestInput) => (c ? contestApi.update(c.id, { ...body, version: c.version }) : contestApi.create(body)));
  const method = Form.useWatch('teamMethod', form);
  useEffect(() => {
    if (!props.open) return;
    setAlert(null);
    form.resetFields();
    const rules = c?.rules ?? DEFAULT_RULES;
    form.setFieldsValue({
      ...(c ? { name: c.name, theme: c.theme, organisers: c.organisers, venue: c.venue, description: c.description, dates: [dayjs(c.startsOn), dayjs(c.endsOn)] } : {}),
      status: c?.status ?? 'draft', writtenWeight: rules.writtenWeight, teamMethod: rules.team.method, teamN: rules.team.n ?? null,
      itemAwards: rules.itemAwards, tieBreak: rules.tieBreak, dropFrom: rules.judgementDropHighLowFrom,
    });
    // Only when the drawer opens: a refresh while it is open must not undo the user's typing.
  }, [props.open]);
  const submit = async (values: Values) => {
    setAlert(null);
    try {
      props.onSaved(await save.mutateAsync(toBody(values)));
    } catch (error) {
      setAlert(applyServerIssues(form as never, error, [], FIELD_OF));
    }
  };
  return (
    <Drawer
      open={props.open} title={c ? t('contests.setup.edit') : t('contests.setup.create')} onClose={props.onClose} destroyOnHidden size={Math.min(640, window.innerWidth)}
      extra={<Space><Button onClick={props.onClose}>{t('common.cancel')}</Button><Button type="primary" loading={save.isPending} onClick={() => form.submit()}>{t('common.save')}</Button></Space>}
    >
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="name" label={t('contests.setup.field.name')} rules={[{ required: true, whitespace: true, min: 2, max: 100 }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="theme" label={t('contests.setup.field.theme')}><Input maxLength={200} /></Form.Item>
        <Form.Item name="organisers" label={t('contests.setup.field.organisers')} tooltip={t('contests.setup.field.organisers_hint')}>
          <Select mode="tags" virtual={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} />
        </Form.Item>
        {props.askOwner && !c && (
          <Form.Item name="ownerUnionId" label={t('contests.setup.field.owner')} rules={[{ required: true }]}><UnionTreeSelect /></Form.Item>
        )}
        <Form.Item name="venue" label={t('contests.setup.field.venue')}><Input maxLength={200} /></Form.Item>
        <div className="setup-form-row">
          <Form.Item name="dates" label={t('contests.setup.field.dates')} rules={[{ required: true }]}><DatePicker.RangePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="status" label={t('contests.setup.field.status')}>
            <Select options={(['draft', 'published'] as const).map((v) => ({ value: v, label: t(`contests.setup.status.${v}` as UiKey) }))} />
          </Form.Item>
        </div>
        <div className="setup-form-section">{t('contests.setup.rules')}</div>
        <div className="setup-form-row">
          <Form.Item name="writtenWeight" label={t('contests.setup.field.written_weight')} tooltip={t('contests.setup.field.written_weight_hint')} rules={[{ required: true }]}>
            <InputNumber min={0} max={1} step={0.05} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="itemAwards" label={t('contests.setup.field.item_awards')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <div className="setup-form-row">
          <Form.Item name="teamMethod" label={t('contests.setup.field.team_method')}>
            <Select options={METHODS.map((m) => ({ value: m, label: t(`contests.setup.method.${m}` as UiKey) }))} />
          </Form.Item>
          <Form.Item name="teamN" label={t('contests.setup.field.team_n')} rules={[{ required: method !== 'mean-all' }]}>
            <InputNumber min={1} max={100} precision={0} disabled={method === 'mean-all'} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <div className="setup-form-row">
          <Form.Item name="tieBreak" label={t('contests.setup.field.tie_break')} tooltip={t('contests.setup.field.tie_break_hint')}>
            <Select mode="multiple" options={TIE_BREAKS.map((k) => ({ value: k, label: t(`contests.setup.tie.${k}` as UiKey) }))} />
          </Form.Item>
          <Form.Item name="dropFrom" label={t('contests.setup.field.drop_from')} tooltip={t('contests.setup.field.drop_from_hint')} rules={[{ required: true }]}>
            <InputNumber min={3} max={99} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="description" label={t('contests.setup.field.description')}><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
      </Form>
    </Drawer>
  );
}
