import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import {
  FORM_GOALS, HOST_ROLES, SEASON_STATUSES, useSaveSeason, type Goal, type HostRole, type Season, type SeasonInput, type SeasonStatus,
} from '../../services/seasons.js';
import { useT } from '../../i18n/index.js';
import type { UiKey } from '../../i18n/zh-CN.js';
import { applyServerIssues } from './formIssues.js';
import { UnionTreeSelect } from './seasonFields.js';

interface Values {
  name: string;
  theme?: string;
  description?: string;
  dates: [Dayjs, Dayjs];
  ownerUnionId?: string;
  hosts: { name: string; role: HostRole; unionId?: string | null }[];
  goals: Partial<Record<Goal, number | null>>;
  status: SeasonStatus;
}

// The API names the two dates; the form has one range picker.
const FIELD_OF = { startsOn: 'dates', endsOn: 'dates' };

function toBody(values: Values, season: Season | null): SeasonInput {
  // Goals the form does not ask for (set through the API) are kept as they are.
  const goals: Partial<Record<Goal, number>> = Object.fromEntries((season?.goals ?? []).map((g) => [g.goal, g.target]));
  for (const goal of FORM_GOALS) {
    const target = values.goals?.[goal];
    if (target) goals[goal] = target;
    else delete goals[goal];
  }
  return {
    name: values.name, theme: values.theme ?? '', description: values.description ?? '',
    startsOn: values.dates[0].format('YYYY-MM-DD'), endsOn: values.dates[1].format('YYYY-MM-DD'),
    ...(values.ownerUnionId ? { ownerUnionId: values.ownerUnionId } : {}),
    hosts: (values.hosts ?? []).map((h) => ({ name: h.name, role: h.role, unionId: h.unionId ?? null })),
    goals, status: values.status,
  };
}

/** Create a season (season null) or change one, with its version so a stale edit is refused. */
export function SeasonModal(props: { open: boolean; season: Season | null; askOwner: boolean; onClose(): void; onSaved(season: Season): void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [alert, setAlert] = useState<string | null>(null);
  const save = useSaveSeason();
  const s = props.season;
  // The version the user started from: a later refresh must not turn a stale edit into an overwrite.
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!props.open) return;
    setAlert(null);
    setVersion(s?.version ?? 0);
    form.resetFields();
    form.setFieldsValue(s ? {
      name: s.name, theme: s.theme, description: s.description, dates: [dayjs(s.startsOn), dayjs(s.endsOn)],
      hosts: s.hosts.map((h) => ({ name: h.name, role: h.role, unionId: h.unionId })),
      goals: Object.fromEntries(s.goals.map((g) => [g.goal, g.target])), status: s.status,
    } : { hosts: [], goals: {}, status: 'draft' });
    // Only when the modal opens: a season refreshed while it is open must not undo the user's typing.
  }, [props.open]);
  const submit = async (values: Values) => {
    setAlert(null);
    try {
      const saved = await save.mutateAsync(s ? { id: s.id, body: { ...toBody(values, s), version } } : { body: toBody(values, null) });
      props.onSaved(saved);
    } catch (error) {
      setAlert(applyServerIssues(form as never, error, [], FIELD_OF));
    }
  };
  return (
    <Modal
      open={props.open} title={s ? t('season.edit') : t('season.create')} onCancel={props.onClose} destroyOnHidden width={720}
      okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={save.isPending} onOk={() => form.submit()}
    >
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="name" label={t('season.field.name')} rules={[{ required: true, whitespace: true, min: 2, max: 100 }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="theme" label={t('season.field.theme')}><Input maxLength={200} /></Form.Item>
        <div className="season-form-row">
          <Form.Item name="dates" label={t('season.field.dates')} rules={[{ required: true }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="status" label={t('season.field.status')}>
            <Select options={SEASON_STATUSES.map((v) => ({ value: v, label: t(`season.status.${v}` as UiKey) }))} />
          </Form.Item>
        </div>
        {props.askOwner && (
          <Form.Item name="ownerUnionId" label={t('season.field.owner')} rules={[{ required: true }]}><UnionTreeSelect /></Form.Item>
        )}
        <Form.Item label={t('season.field.hosts')} required={false}>
          <Form.List name="hosts">
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field) => (
                  <div key={field.key} className="season-host-row">
                    <Form.Item
                      name={[field.name, 'name']} rules={[{ required: true, whitespace: true, min: 2, max: 100 }]} className="grow"
                      messageVariables={{ label: t('season.field.host_name') }}
                    >
                      <Input placeholder={t('season.field.host_name')} aria-label={`${t('season.field.host_name')} ${field.name + 1}`} maxLength={100} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'role']}>
                      <Select
                        aria-label={`${t('season.field.host_role')} ${field.name + 1}`} style={{ width: 120 }}
                        options={HOST_ROLES.map((r) => ({ value: r, label: t(`season.role.${r}` as UiKey) }))}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'unionId']} hidden><Input /></Form.Item>
                    <Button type="text" icon={<DeleteOutlined />} aria-label={`${t('common.delete')} ${field.name + 1}`} onClick={() => remove(field.name)} />
                  </div>
                ))}
                <Form.ErrorList errors={errors} />
                {fields.length < 20 && <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', role: 'host' })}>{t('season.field.host_add')}</Button>}
              </>
            )}
          </Form.List>
        </Form.Item>
        <div className="season-form-label">{t('season.field.goals')}</div>
        <div className="season-goals">
          {FORM_GOALS.map((goal) => (
            <Form.Item key={goal} name={['goals', goal]} label={t(`season.figure.${goal}` as UiKey)}>
              <InputNumber min={1} max={10_000_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          ))}
        </div>
        <Form.Item name="description" label={t('season.field.description')}><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
      </Form>
    </Modal>
  );
}
