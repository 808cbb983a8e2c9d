import { Alert, App, Button, DatePicker, Drawer, Form, Grid, Input, InputNumber, Radio, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useT } from '../../../i18n/index.js';
import { ApiError } from '../../../services/client.js';
import { useAreas, useItemOptions, useSaveItem, type Indicator, type Item, type ItemSummary } from './itemsApi.js';

// Create or edit a work item (federation staff): responsible unions of both sides, the lead, dates,
// target and unit, and how progress is known (entered by hand, or an indicator from platform data).

const FIGURES = ['positions', 'enterprises', 'jobTypes', 'checkins', 'consultations', 'interviews', 'intents'] as const;
const KINDS = ['livestreams_held', 'season_figure', 'joint_contests', 'contest_finalists'] as const;

interface Values {
  areaId: number; code: string; title: string; description?: string; leadUnionId: string; unionIds?: string[];
  startsOn: Dayjs; dueOn: Dayjs; target: number; unit?: string; progressKind: 'manual' | 'indicator';
  indicator?: { kind?: Indicator['kind']; seasonId?: number; contestId?: number; year?: number; figure?: string };
}

const toValues = (item: ItemSummary): Values => ({
  areaId: item.area.id, code: item.code, title: item.title, description: (item as Partial<Item>).description ?? '', leadUnionId: item.leadUnion.id,
  unionIds: item.unions.map((u) => u.id).filter((id) => id !== item.leadUnion.id), startsOn: dayjs(item.startsOn), dueOn: dayjs(item.dueOn),
  target: item.target, unit: item.unit, progressKind: item.progressKind, indicator: item.indicator ?? {},
});

function indicatorOf(v: Values['indicator']): Indicator | null {
  switch (v?.kind) {
    case 'livestreams_held': return { kind: v.kind, seasonId: v.seasonId! };
    case 'season_figure': return { kind: v.kind, seasonId: v.seasonId!, figure: v.figure! };
    case 'joint_contests': return { kind: v.kind, year: v.year! };
    case 'contest_finalists': return { kind: v.kind, contestId: v.contestId! };
    default: return null;
  }
}

export function ItemDrawer(props: { open: boolean; agreementId: number; item: ItemSummary | null; year?: number | undefined; onClose(): void; onSaved(item: Item): void }) {
  const t = useT();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const [alert, setAlert] = useState<string | null>(null);
  const options = useItemOptions(props.open);
  const areas = useAreas(props.open ? props.agreementId : undefined, undefined);
  const save = useSaveItem(props.agreementId, props.item);
  const kind = Form.useWatch('progressKind', form);
  const indicatorKind = Form.useWatch(['indicator', 'kind'], form);

  useEffect(() => {
    if (!props.open) return;
    setAlert(null);
    form.resetFields();
    if (props.item) form.setFieldsValue(toValues(props.item));
    else form.setFieldsValue({ progressKind: 'manual', unionIds: [], indicator: {}, ...(props.year ? { startsOn: dayjs(`${props.year}-01-01`), dueOn: dayjs(`${props.year}-12-31`) } : {}) });
  }, [props.open, props.item, props.year, form]);

  const unions = options.data?.unions ?? [];
  const unionOptions = (['50', '51'] as const).map((fed) => ({
    label: t(`coop.items.side.${fed}`),
    title: t(`coop.items.side.${fed}`),
    options: unions.filter((u) => u.federation === fed).map((u) => ({ value: u.id, label: u.name })),
  }));
  const submit = async (v: Values) => {
    setAlert(null);
    try {
      const item = await save.mutateAsync({
        areaId: v.areaId, code: v.code, title: v.title, description: v.description ?? '', leadUnionId: v.leadUnionId, unionIds: v.unionIds ?? [],
        startsOn: v.startsOn.format('YYYY-MM-DD'), dueOn: v.dueOn.format('YYYY-MM-DD'), target: v.target, unit: v.unit ?? '',
        progressKind: v.progressKind, indicator: v.progressKind === 'indicator' ? indicatorOf(v.indicator) : null,
      });
      message.success(t('coop.items.saved'));
      props.onSaved(item);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const fields = error.issues.map((i) => ({ name: i.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [i.message] }));
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setAlert(error.message);
    }
  };
  const required = [{ required: true, message: t('coop.items.required') }];
  return (
    <Drawer
      open={props.open} onClose={props.onClose} destroyOnHidden size={screens.md ? 640 : '100%'}
      title={t(props.item ? 'coop.items.edit' : 'coop.items.create')}
      extra={<Space><Button onClick={props.onClose}>{t('common.cancel')}</Button><Button type="primary" loading={save.isPending} onClick={() => form.submit()}>{t('common.save')}</Button></Space>}
    >
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark>
        <Form.Item name="areaId" label={t('coop.items.field.area')} rules={required}>
          <Select showSearch optionFilterProp="label" options={(areas.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.year} · ${a.name}` }))} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="code" label={t('coop.items.field.code')} rules={required} style={{ width: 140, marginRight: 8 }}><Input placeholder="2023-1.1" /></Form.Item>
          <Form.Item name="title" label={t('coop.items.field.title')} rules={required} style={{ flex: 1 }}><Input /></Form.Item>
        </Space.Compact>
        <Form.Item name="description" label={t('coop.items.field.description')}><Input.TextArea rows={3} /></Form.Item>
        <Form.Item name="leadUnionId" label={t('coop.items.field.lead')} rules={required}>
          <Select showSearch optionFilterProp="label" options={unionOptions} />
        </Form.Item>
        <Form.Item name="unionIds" label={t('coop.items.field.unions')} extra={t('coop.items.field.unions_hint')}>
          <Select mode="multiple" showSearch optionFilterProp="label" options={unionOptions} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="startsOn" label={t('coop.items.field.starts')} rules={required}><DatePicker /></Form.Item>
          <Form.Item name="dueOn" label={t('coop.items.field.due')} rules={required}><DatePicker /></Form.Item>
          <Form.Item name="target" label={t('coop.items.field.target')} rules={required}><InputNumber min={0.01} style={{ width: 120 }} /></Form.Item>
          <Form.Item name="unit" label={t('coop.items.field.unit')}><Input style={{ width: 90 }} placeholder="场" /></Form.Item>
        </Space>
        <Form.Item name="progressKind" label={t('coop.items.field.kind')} rules={required}>
          <Radio.Group options={[{ value: 'manual', label: t('coop.items.kind.manual') }, { value: 'indicator', label: t('coop.items.kind.indicator') }]} />
        </Form.Item>
        {kind === 'indicator' && (
          <>
            <Form.Item name={['indicator', 'kind']} label={t('coop.items.field.indicator')} rules={required}>
              <Select options={KINDS.map((k) => ({ value: k, label: t(`coop.items.indicator.${k}`) }))} />
            </Form.Item>
            {(indicatorKind === 'livestreams_held' || indicatorKind === 'season_figure') && (
              <Form.Item name={['indicator', 'seasonId']} label={t('coop.items.field.season')} rules={required}>
                <Select options={(options.data?.seasons ?? []).map((s) => ({ value: s.id, label: s.name }))} />
              </Form.Item>
            )}
            {indicatorKind === 'season_figure' && (
              <Form.Item name={['indicator', 'figure']} label={t('coop.items.field.figure')} rules={required}>
                <Select options={FIGURES.map((f) => ({ value: f, label: t(`coop.items.figure.${f}`) }))} />
              </Form.Item>
            )}
            {indicatorKind === 'joint_contests' && (
              <Form.Item name={['indicator', 'year']} label={t('coop.items.field.year')} rules={required}><InputNumber min={2000} max={2100} /></Form.Item>
            )}
            {indicatorKind === 'contest_finalists' && (
              <Form.Item name={['indicator', 'contestId']} label={t('coop.items.field.contest')} rules={required}>
                <Select options={(options.data?.contests ?? []).map((c) => ({ value: c.id, label: c.name }))} />
              </Form.Item>
            )}
          </>
        )}
      </Form>
    </Drawer>
  );
}
