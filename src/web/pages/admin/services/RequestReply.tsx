import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Switch, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/index.js';
import { ApiError } from '../../../services/client.js';
import {
  ATTACH_ACCEPT, ATTACH_MAX_BYTES, ATTACH_MAX_COUNT, newKey, postMessage, uploadRequestFile, useRefreshRequests, type RequestDetail,
} from '../../m/services/requestsApi.js';

// The owner union's answer to the worker, or an internal note only its staff see; files go after
// the message is written, each with its progress and its own error.

export function RequestReply({ request }: { request: RequestDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const refresh = useRefreshRequests();
  const [form] = Form.useForm<{ body: string; isInternal: boolean }>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const [key, setKey] = useState(newKey);
  const internal = Form.useWatch('isInternal', form) ?? false;
  const patch = (uid: string, change: Partial<UploadFile>) => setFiles((list) => list.map((f) => (f.uid === uid ? { ...f, ...change } : f)));
  const send = async (values: { body: string; isInternal: boolean }) => {
    setBusy(true);
    setAlert(null);
    try {
      const after = await postMessage(request.id, { body: values.body, isInternal: !!values.isInternal }, key);
      setKey(newKey());
      const mine = after.messages.at(-1);
      let failed = 0;
      for (const f of files) {
        if (f.status === 'done' || !f.originFileObj) continue;
        patch(f.uid, { status: 'uploading', percent: 0 });
        try {
          await uploadRequestFile(request.id, f.originFileObj, { messageId: mine?.id, onProgress: (percent) => patch(f.uid, { percent }) });
          patch(f.uid, { status: 'done', percent: 100 });
        } catch (e) {
          failed += 1;
          patch(f.uid, { status: 'error', response: e instanceof ApiError ? e.message : t('common.network_error') });
        }
      }
      await refresh();
      if (failed) setAlert(t('services.requests.web.reply.files_failed'));
      else {
        form.resetFields();
        setFiles([]);
        message.success(t(values.isInternal ? 'services.requests.web.staff.note_saved' : 'services.requests.web.staff.answer_sent'));
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      form.setFields(error.issues.filter((i) => i.path === 'body').map((i) => ({ name: 'body' as const, errors: [i.message] })));
      setAlert(error.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('services.requests.web.staff.reply_title')} className={internal ? 'svr-reply svr-reply-internal' : 'svr-reply'}>
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ isInternal: false }} onFinish={(v) => void send(v)}>
        <Form.Item name="body" label={t(internal ? 'services.requests.web.staff.note_label' : 'services.requests.web.staff.answer_label')}
          rules={[{ required: true, whitespace: true, message: t('services.requests.web.reply.need') }]}>
          <Input.TextArea rows={4} maxLength={5000} showCount placeholder={t(internal ? 'services.requests.web.staff.note_placeholder' : 'services.requests.web.staff.answer_placeholder')} />
        </Form.Item>
        <div className="svr-reply-bar">
          <Form.Item name="isInternal" valuePropName="checked" noStyle>
            <Switch aria-label={t('services.requests.web.staff.internal')} />
          </Form.Item>
          <span>{t('services.requests.web.staff.internal')}</span>
          <span className="svr-muted">{t(internal ? 'services.requests.web.staff.internal_hint' : 'services.requests.web.staff.public_hint')}</span>
        </div>
        <Upload
          accept={ATTACH_ACCEPT} multiple fileList={files} onRemove={(f) => { setFiles((list) => list.filter((x) => x.uid !== f.uid)); }}
          beforeUpload={(file) => {
            if (file.size > ATTACH_MAX_BYTES) message.error(t('services.requests.web.file.too_large', { name: file.name }));
            else if (files.length >= ATTACH_MAX_COUNT) message.error(t('services.requests.web.file.too_many', { max: ATTACH_MAX_COUNT }));
            else setFiles((list) => [...list, { uid: file.uid, name: file.name, size: file.size, type: file.type, originFileObj: file, status: undefined }]);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} disabled={busy}>{t('services.requests.web.staff.attach')}</Button>
        </Upload>
        <Button type="primary" htmlType="submit" loading={busy} style={{ marginTop: 12 }}>
          {t(internal ? 'services.requests.web.staff.note_send' : 'services.requests.web.staff.answer_send')}
        </Button>
      </Form>
    </Card>
  );
}
