import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Form, Grid, Input, InputNumber, Segmented, Space, Switch, type FormInstance } from 'antd';
import { useEffect } from 'react';
import { useT } from '../../../i18n/index.js';
import type { UiKey } from '../../../i18n/zh-CN.js';
import { ASPECT_TYPES, toMinutes, type AspectType, type DraftAspect, type DraftMajor, type DraftSub, type PlacedIssue } from './schemeDraft.js';

// One drawer edits one entry of the draft scheme: a major item, a sub-item or an aspect. Changes
// stay in the draft until the page saves the whole scheme; the server's issues for the entry are
// shown on its fields.

export type Editing =
  | { kind: 'major'; value: DraftMajor }
  | { kind: 'sub'; value: DraftSub }
  | { kind: 'aspect'; value: DraftAspect; itemMax: number | null; otherSum: number };

const CODE = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;
const FIELD_OF: Record<string, string> = { timeLimitSeconds: 'minutes', parent: 'code' };

interface Values {
  code: string; name?: string; max?: number | null; isTimed?: boolean; minutes?: number | null;
  type?: AspectType; description?: string; judges?: number | null; descriptors?: string[]; deductions?: { code: string; text: string; points: number | null }[];
}

function initial(editing: Editing): Values {
  if (editing.kind === 'major') return { code: editing.value.code, name: editing.value.name };
  if (editing.kind === 'sub') {
    const s = editing.value;
    return { code: s.code, name: s.name, max: s.max, isTimed: s.isTimed, minutes: toMinutes(s.timeLimitSeconds) };
  }
  const a = editing.value;
  return { code: a.code, type: a.type, max: a.max, description: a.description, judges: a.judges ?? 3, descriptors: a.descriptors.length === 4 ? a.descriptors : ['', '', '', ''], deductions: a.deductions };
}

interface Props { editing: Editing | null; issues: PlacedIssue[]; onClose(): void; onDone(editing: Editing): void }

/** The drawer of the entry being edited; each entry gets a fresh form (a form's store outlives its fields). */
export function SchemeDrawer(props: Props) {
  return props.editing ? <EntryDrawer key={props.editing.value.key} {...props} /> : null;
}

function EntryDrawer({ editing, issues, onClose, onDone }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const screens = Grid.useBreakpoint();
  const type = Form.useWatch('type', form);
  const isTimed = Form.useWatch('isTimed', form);
  const max = Form.useWatch('max', form);

  const submit = (v: Values) => {
    if (!editing) return;
    if (editing.kind === 'major') onDone({ ...editing, value: { ...editing.value, code: v.code.trim(), name: (v.name ?? '').trim() } });
    else if (editing.kind === 'sub') {
      onDone({ ...editing, value: {
        ...editing.value, code: v.code.trim(), name: (v.name ?? '').trim(), max: v.max ?? null, isTimed: !!v.isTimed,
        timeLimitSeconds: v.isTimed && v.minutes ? Math.round(v.minutes * 60) : null,
      } });
    } else {
      onDone({ ...editing, value: {
        ...editing.value, code: v.code.trim(), type: v.type ?? 'measurement', max: v.max ?? null, description: (v.description ?? '').trim(),
        judges: v.type === 'judgement' ? v.judges ?? null : null,
        descriptors: v.type === 'judgement' ? (v.descriptors ?? []).map((d) => (d ?? '').trim()) : ['', '', '', ''],
        deductions: v.type === 'deduction' ? (v.deductions ?? []).map((d) => ({ code: (d.code ?? '').trim(), text: (d.text ?? '').trim(), points: d.points ?? 0 })) : [],
      } });
    }
  };

  const mine = editing ? issues.filter((i) => i.key === editing.value.key) : [];
  const title = editing ? t(`contests.scheme.drawer.${editing.kind}` as UiKey) : '';
  const required = { required: true, message: t('contests.scheme.required') };
  const codeRule = { pattern: CODE, message: t('contests.scheme.code_rule') };
  return (
    <Drawer
      title={title} open={!!editing} onClose={onClose} destroyOnHidden size={screens.md ? 520 : '100%'}
      footer={<Space><Button onClick={onClose}>{t('common.cancel')}</Button><Button type="primary" onClick={() => form.submit()} data-testid="scheme-drawer-ok">{t('common.confirm')}</Button></Space>}
    >
      {mine.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={mine.map((i) => i.message).join(' / ')} />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional" initialValues={editing ? initial(editing) : undefined}>
        <Form.Item name="code" label={t('contests.scheme.field.code')} rules={[required, codeRule]} extra={t('contests.scheme.code_help')}>
          <Input maxLength={editing?.kind === 'aspect' ? 20 : 16} />
        </Form.Item>
        {editing?.kind !== 'aspect' && (
          <Form.Item name="name" label={t('contests.scheme.field.name')} rules={[required]}><Input maxLength={50} /></Form.Item>
        )}
        {editing?.kind === 'aspect' && (
          <Form.Item name="type" label={t('contests.scheme.field.type')} rules={[required]}>
            <Segmented block options={ASPECT_TYPES.map((k) => ({ value: k, label: t(`contests.scheme.type.${k}` as UiKey) }))} />
          </Form.Item>
        )}
        {editing?.kind !== 'major' && (
          <Form.Item
            name="max" label={t('contests.scheme.field.max')} rules={[required]}
            extra={editing?.kind === 'aspect' && editing.itemMax !== null ? t('contests.scheme.aspect_max_help', { rest: Math.round((editing.itemMax - editing.otherSum) * 100) / 100, max: editing.itemMax }) : undefined}
          >
            <InputNumber min={0.01} max={99999.99} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {editing?.kind === 'sub' && (
          <Space size="large" wrap>
            <Form.Item name="isTimed" label={t('contests.scheme.field.timed')} valuePropName="checked"><Switch /></Form.Item>
            {isTimed && (
              <Form.Item name="minutes" label={t('contests.scheme.field.minutes')}>
                <InputNumber min={1} max={1440} precision={2} style={{ width: 160 }} />
              </Form.Item>
            )}
          </Space>
        )}
        {editing?.kind === 'aspect' && (
          <Form.Item name="description" label={t('contests.scheme.field.description')}><Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} /></Form.Item>
        )}
        {editing?.kind === 'aspect' && type === 'judgement' && (
          <>
            <Form.Item name="judges" label={t('contests.scheme.field.judges')} rules={[required]} extra={t('contests.scheme.judges_help')}>
              <InputNumber min={1} max={15} precision={0} style={{ width: 160 }} />
            </Form.Item>
            {[0, 1, 2, 3].map((k) => (
              <Form.Item key={k} name={['descriptors', k]} label={t('contests.scheme.field.descriptor', { score: k })} rules={[required]}>
                <Input.TextArea maxLength={200} autoSize={{ minRows: 1, maxRows: 3 }} />
              </Form.Item>
            ))}
          </>
        )}
        {editing?.kind === 'aspect' && type === 'deduction' && (
          <Form.Item label={t('contests.scheme.field.deductions')} extra={t('contests.scheme.deductions_help')}>
            <Form.List name="deductions">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <div key={f.key} className="scheme-deduction-row">
                      <Form.Item name={[f.name, 'code']} rules={[required, codeRule]} style={{ width: 72 }}><Input placeholder="D1" maxLength={10} /></Form.Item>
                      <Form.Item name={[f.name, 'text']} rules={[required]} style={{ flex: 1, minWidth: 120 }}><Input placeholder={t('contests.scheme.deduction_text')} maxLength={100} /></Form.Item>
                      <Form.Item
                        name={[f.name, 'points']} rules={[required, { validator: (_, v) => (max && v > max ? Promise.reject(new Error(t('contests.scheme.deduction_over'))) : Promise.resolve()) }]}
                        style={{ width: 96 }}
                      >
                        <InputNumber min={0.01} precision={2} placeholder={t('contests.scheme.points')} style={{ width: '100%' }} />
                      </Form.Item>
                      <Button type="text" icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(f.name)} />
                    </div>
                  ))}
                  <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ code: `D${fields.length + 1}`, text: '', points: null })}>{t('contests.scheme.add_deduction')}</Button>
                </>
              )}
            </Form.List>
          </Form.Item>
        )}
        {editing && <ServerIssues entryKey={editing.value.key} issues={issues} />}
      </Form>
    </Drawer>
  );
}

/** Puts the server's word on this entry onto the fields it names (descriptors.2 → the third descriptor), once the fields exist. */
function ServerIssues({ entryKey, issues }: { entryKey: string; issues: PlacedIssue[] }) {
  const form = Form.useFormInstance() as FormInstance<Values>;
  useEffect(() => {
    const mine = issues.filter((i) => i.key === entryKey && i.field);
    form.setFields(mine.map((i) => {
      const name = (FIELD_OF[i.field] ?? i.field).split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      return { name: name as never, errors: [i.message] };
    }));
  }, [entryKey, issues, form]);
  return null;
}
