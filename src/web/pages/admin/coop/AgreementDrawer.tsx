import { Alert, App, Button, DatePicker, Drawer, Form, Grid, Input, InputNumber, Modal, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useT } from '../../../i18n/index.js';
import { ApiError } from '../../../services/client.js';
import { useDeleteArea, useSaveAgreement, useSaveArea, type Agreement, type Area } from './itemsApi.js';

// The agreement's facts (federation staff) and a new year's line of work (area).

interface Values { title: string; parties: string[]; signedOn: Dayjs; endsOn?: Dayjs | null; summary?: string; body?: string }

function placeIssues<T>(form: ReturnType<typeof Form.useForm<T>>[0], error: unknown): string {
  if (!(error instanceof ApiError)) throw error;
  form.setFields(error.issues.map((i) => ({ name: i.path.split('.') as never, errors: [i.message] })));
  return error.message;
}

export function AgreementDrawer(props: { open: boolean; agreement: Agreement | null; onClose(): void; onSaved(a: Agreement): void }) {
  const t = useT();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const [alert, setAlert] = useState<string | null>(null);
  const save = useSaveAgreement(props.agreement);
  useEffect(() => {
    if (!props.open) return;
    setAlert(null);
    form.resetFields();
    const a = props.agreement;
    form.setFieldsValue(a
      ? { title: a.title, parties: a.parties, signedOn: dayjs(a.signedOn), endsOn: a.endsOn ? dayjs(a.endsOn) : null, summary: a.summary, body: a.body }
      : { parties: [t('coop.items.party.51'), t('coop.items.party.50')] });
  }, [props.open, props.agreement, form, t]);
  const submit = async (v: Values) => {
    try {
      const a = await save.mutateAsync({
        title: v.title, parties: v.parties, signedOn: v.signedOn.format('YYYY-MM-DD'), endsOn: v.endsOn ? v.endsOn.format('YYYY-MM-DD') : null, summary: v.summary ?? '', body: v.body ?? '',
      });
      message.success(t('coop.items.saved'));
      props.onSaved(a);
    } catch (error) {
      setAlert(placeIssues(form, error));
    }
  };
  const required = [{ required: true, message: t('coop.items.required') }];
  return (
    <Drawer
      open={props.open} onClose={props.onClose} destroyOnHidden size={screens.md ? 640 : '100%'}
      title={t(props.agreement ? 'coop.items.agreement.edit' : 'coop.items.agreement.create')}
      extra={<Space><Button onClick={props.onClose}>{t('common.cancel')}</Button><Button type="primary" loading={save.isPending} onClick={() => form.submit()}>{t('common.save')}</Button></Space>}
    >
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="title" label={t('coop.items.agreement.title')} rules={required}><Input.TextArea autoSize /></Form.Item>
        <Form.Item name="parties" label={t('coop.items.agreement.parties')} rules={required}><Select mode="tags" open={false} /></Form.Item>
        <Space wrap>
          <Form.Item name="signedOn" label={t('coop.items.agreement.signed_on')} rules={required}><DatePicker /></Form.Item>
          <Form.Item name="endsOn" label={t('coop.items.agreement.ends_on')}><DatePicker /></Form.Item>
        </Space>
        <Form.Item name="summary" label={t('coop.items.agreement.summary')}><Input.TextArea rows={3} /></Form.Item>
        <Form.Item name="body" label={t('coop.items.agreement.body')}><Input.TextArea rows={8} /></Form.Item>
      </Form>
    </Drawer>
  );
}

/** Create a year's line of work, or edit one (and delete it while it has no items). */
export function AreaModal(props: { open: boolean; agreementId: number; year: number; area: Area | null; onClose(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ year: number; name: string; description?: string; seq?: number }>();
  const save = useSaveArea(props.agreementId, props.area);
  const remove = useDeleteArea();
  const area = props.area;
  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    form.setFieldsValue(area ? { year: area.year, name: area.name, description: area.description, seq: area.seq } : { year: props.year });
  }, [props.open, props.year, area, form]);
  return (
    <Modal
      open={props.open} title={t(area ? 'coop.items.area.edit' : 'coop.items.area.create')} onCancel={props.onClose} destroyOnHidden
      footer={(
        <Space wrap>
          {area && area.items === 0 && (
            <Button danger loading={remove.isPending} onClick={() => remove.mutateAsync(area.id).then(() => { message.success(t('coop.items.area.deleted')); props.onClose(); }, (e: Error) => { message.error(e.message); })}>
              {t('coop.items.delete')}
            </Button>
          )}
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>{t('common.save')}</Button>
        </Space>
      )}
    >
      <Form
        form={form} layout="vertical"
        onFinish={async (v) => {
          try {
            await save.mutateAsync({ year: v.year, name: v.name, description: v.description ?? '', seq: v.seq ?? 0 });
            message.success(t('coop.items.saved'));
            props.onClose();
          } catch (error) {
            placeIssues(form, error);
          }
        }}
      >
        <Space wrap>
          <Form.Item name="year" label={t('coop.items.field.year')} rules={[{ required: true, message: t('coop.items.required') }]}><InputNumber min={2000} max={2100} /></Form.Item>
          <Form.Item name="seq" label={t('coop.items.area.seq')}><InputNumber min={0} max={999} /></Form.Item>
        </Space>
        <Form.Item name="name" label={t('coop.items.area.name')} rules={[{ required: true, message: t('coop.items.required') }]}><Input /></Form.Item>
        <Form.Item name="description" label={t('coop.items.area.description')}><Input.TextArea rows={3} /></Form.Item>
      </Form>
    </Modal>
  );
}
