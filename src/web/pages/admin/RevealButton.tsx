import { App, Button, Form, Input, Typography } from 'antd';
import { api } from '../../services/client.js';
import { useT } from '../../i18n/index.js';

/** Show one full personal-data value after asking why; the server writes the reason to the audit log. */
export function RevealButton({ url, field }: { url: string; field: string }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = () => {
    modal.confirm({
      title: t('users.reveal_title'),
      icon: null,
      content: (
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="reason" label={t('users.reveal_reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('users.reveal_reason_required') }]}>
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>
        </Form>
      ),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      async onOk() {
        const { reason } = await form.validateFields();
        try {
          const { value } = await api<{ value: string | null }>(url, { method: 'POST', body: { field, reason } });
          modal.info({ title: t('users.reveal_value'), content: <Typography.Text copyable strong>{value ?? '—'}</Typography.Text> });
        } catch (error) {
          message.error((error as Error).message);
          throw error;
        }
      },
    });
  };
  return <Button size="small" type="link" onClick={reveal}>{t('users.reveal')}</Button>;
}
