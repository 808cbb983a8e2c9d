import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Drawer, Form, Grid, Input, InputNumber, Radio, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useT } from '../../../i18n/index.js';
import { ApiError } from '../../../services/client.js';
import { usePlanActions, type Benefit, type Plan } from './AidApi.js';

// A mutual-aid plan's editor: name, summary, period, price and the list of benefits. A new plan is
// a draft; once open, price and period are fixed (the server says so too); edits carry the version.

interface Values {
  federation?: '50' | '51';
  name: string;
  summary?: string;
  startsOn: Dayjs;
  endsOn: Dayjs;
  price: number;
  benefits?: { name: string; amount: number; note?: string }[];
}

export function AidPlanDrawer(props: { open: boolean; plan: Plan | null; askFederation: boolean; onClose(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const [alert, setAlert] = useState<string | null>(null);
  const { create, update } = usePlanActions();
  const locked = !!props.plan && props.plan.status !== 'draft';

  useEffect(() => {
    if (!props.open) return;
    setAlert(null);
    form.resetFields();
    const p = props.plan;
    if (p) form.setFieldsValue({ name: p.name, summary: p.summary, startsOn: dayjs(p.startsOn), endsOn: dayjs(p.endsOn), price: p.price, benefits: p.benefits });
    else form.setFieldsValue({ benefits: [{ name: '', amount: 0, note: '' }] });
  }, [props.open, props.plan, form]);

  const submit = async (v: Values) => {
    setAlert(null);
    const body = {
      name: v.name, summary: v.summary ?? '', startsOn: v.startsOn.format('YYYY-MM-DD'), endsOn: v.endsOn.format('YYYY-MM-DD'), price: v.price,
      benefits: (v.benefits ?? []).map((b): Benefit => ({ name: b.name, amount: b.amount ?? 0, note: b.note ?? '' })),
    };
    try {
      if (props.plan) await update.mutateAsync({ ...body, id: props.plan.id, version: props.plan.version });
      else await create.mutateAsync({ ...body, ...(v.federation ? { federation: v.federation } : {}) });
      message.success(t('services.aid.plan.saved'));
      props.onClose();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const fields = error.issues.map((i) => ({ name: i.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [i.message] }));
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setAlert(error.message);
    }
  };
  const required = [{ required: true, message: t('services.aid.required') }];
  return (
    <Drawer
      open={props.open} onClose={props.onClose} destroyOnHidden size={screens.md ? 640 : '100%'}
      title={t(props.plan ? 'services.aid.plan.edit' : 'services.aid.plan.create')}
      extra={<Space><Button onClick={props.onClose}>{t('common.cancel')}</Button><Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()}>{t('common.save')}</Button></Space>}
    >
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      {locked && <Alert type="info" showIcon title={t('services.aid.field.terms_locked')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark>
        {props.askFederation && !props.plan && (
          <Form.Item name="federation" label={t('services.aid.field.federation')} rules={required}>
            <Radio.Group options={(['50', '51'] as const).map((f) => ({ value: f, label: t(`services.aid.federation.${f}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('services.aid.field.name')} rules={required}><Input maxLength={100} /></Form.Item>
        <Form.Item name="summary" label={t('services.aid.field.summary')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        <Space wrap>
          <Form.Item name="startsOn" label={t('services.aid.field.starts')} rules={required}><DatePicker disabled={locked} /></Form.Item>
          <Form.Item name="endsOn" label={t('services.aid.field.ends')} rules={required}><DatePicker disabled={locked} /></Form.Item>
          <Form.Item name="price" label={t('services.aid.field.price')} rules={required}><InputNumber min={1} max={100000} precision={0} disabled={locked} style={{ width: 160 }} /></Form.Item>
        </Space>
        <Form.Item label={t('services.aid.field.benefits')} required>
          <Form.List name="benefits">
            {(fields, { add, remove }) => (
              <div className="aid-benefits">
                {fields.map((field) => (
                  <div key={field.key} className="aid-benefit">
                    <Form.Item name={[field.name, 'name']} rules={required} className="aid-benefit-name">
                      <Input placeholder={t('services.aid.field.benefit_name')} aria-label={t('services.aid.field.benefit_name')} maxLength={50} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'amount']} rules={required} className="aid-benefit-amount">
                      <InputNumber min={0} max={10000000} precision={0} placeholder={t('services.aid.field.benefit_amount')} aria-label={t('services.aid.field.benefit_amount')} style={{ width: '100%' }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'note']} className="aid-benefit-note">
                      <Input placeholder={t('services.aid.field.benefit_note')} aria-label={t('services.aid.field.benefit_note')} maxLength={200} />
                    </Form.Item>
                    <Button type="text" icon={<DeleteOutlined />} aria-label={t('services.aid.field.remove_benefit')} onClick={() => remove(field.name)} />
                  </div>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', amount: 0, note: '' })} block>{t('services.aid.field.add_benefit')}</Button>
              </div>
            )}
          </Form.List>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
