import { Alert, App, Button, Card, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../../i18n/index.js';
import { ApiError } from '../../../services/client.js';
import type { Me } from '../../../services/auth.js';
import {
  assignRequest, closeRequest, transferRequest, useAssignees, useRefreshRequests, useServiceUnions, type RequestDetail,
} from '../../m/services/requestsApi.js';

// What staff do to a request besides answering: assign it to a colleague, transfer it to another
// union (a note is required and confirmed; the history keeps it), close it with a note.

function TransferModal({ request, me, open, onClose }: { request: RequestDetail; me: Me; open: boolean; onClose(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const refresh = useRefreshRequests();
  const navigate = useNavigate();
  const unions = useServiceUnions(open);
  const [form] = Form.useForm<{ unionId: string; note: string }>();
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const unionId = Form.useWatch('unionId', form);
  const target = unions.data?.find((u) => u.id === unionId);
  // Own federation first, the other province after; never the union that has it now.
  const options = (unions.data ?? []).filter((u) => u.id !== request.ownerUnion.id)
    .sort((a, b) => Number(b.federation === me.union?.federation) - Number(a.federation === me.union?.federation))
    .map((u) => ({ value: u.id, label: u.name }));
  const submit = async (v: { unionId: string; note: string }) => {
    setBusy(true);
    setAlert(null);
    try {
      await transferRequest(request.id, v.unionId, v.note);
      message.success(t('services.requests.web.staff.transferred', { union: target?.name ?? '' }));
      form.resetFields();
      onClose();
      // The owner union's staff no longer reach it (only unions above do): back to their queue.
      if (request.can.assign) navigate('/admin/services');
      await refresh();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      form.setFields(error.issues.filter((i) => i.path === 'unionId' || i.path === 'note').map((i) => ({ name: i.path as 'note', errors: [i.message] })));
      setAlert(error.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open} destroyOnHidden title={t('services.requests.web.staff.transfer_title', { ref: request.refNo })} onCancel={onClose}
      okText={t('services.requests.web.staff.transfer_ok')} cancelText={t('common.cancel')} okButtonProps={{ loading: busy, danger: true }}
      onOk={() => form.submit()}
    >
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="unionId" label={t('services.requests.web.staff.transfer_union')} rules={[{ required: true, message: t('services.requests.web.staff.transfer_union_need') }]}>
          <Select showSearch optionFilterProp="label" options={options} loading={unions.isPending} placeholder={t('services.requests.web.staff.transfer_union')} />
        </Form.Item>
        <Form.Item name="note" label={t('services.requests.web.staff.transfer_note')} rules={[{ required: true, whitespace: true, message: t('services.requests.web.staff.note_need') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('services.requests.web.staff.transfer_note_hint')} />
        </Form.Item>
        {target && <Alert type="warning" showIcon title={t('services.requests.web.staff.transfer_confirm', { union: target.name })} />}
      </Form>
    </Modal>
  );
}

function CloseModal({ request, open, onClose }: { request: RequestDetail; open: boolean; onClose(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const refresh = useRefreshRequests();
  const [form] = Form.useForm<{ note: string }>();
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const submit = async (v: { note: string }) => {
    setBusy(true);
    setAlert(null);
    try {
      await closeRequest(request.id, v.note);
      await refresh();
      message.success(t('services.requests.web.staff.closed'));
      onClose();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      form.setFields(error.issues.filter((i) => i.path === 'note').map((i) => ({ name: 'note' as const, errors: [i.message] })));
      setAlert(error.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open} destroyOnHidden title={t('services.requests.web.staff.close_title', { ref: request.refNo })} onCancel={onClose}
      okText={t('services.requests.web.staff.close')} cancelText={t('common.cancel')} okButtonProps={{ loading: busy }} onOk={() => form.submit()}
    >
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="note" label={t('services.requests.web.staff.close_note')} rules={[{ required: true, whitespace: true, message: t('services.requests.web.staff.note_need') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('services.requests.web.staff.close_note_hint')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function RequestActions({ request, me }: { request: RequestDetail; me: Me }) {
  const t = useT();
  const { message } = App.useApp();
  const refresh = useRefreshRequests();
  const assignees = useAssignees(request.can.assign);
  const [modal, setModal] = useState<'transfer' | 'close' | null>(null);
  const [assigning, setAssigning] = useState(false);
  const { can } = request;
  if (!can.assign && !can.transfer && !can.close) return null;
  const assign = async (assigneeId: string) => {
    setAssigning(true);
    try {
      await assignRequest(request.id, assigneeId);
      await refresh();
      message.success(t('services.requests.web.staff.assigned'));
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : t('common.network_error'));
    } finally {
      setAssigning(false);
    }
  };
  return (
    <Card size="small" title={t('services.requests.web.staff.actions')} className="svr-card">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {can.assign && (
          <label className="svr-field">
            <span>{t('services.requests.web.staff.assign')}</span>
            <Select
              style={{ width: '100%' }} showSearch optionFilterProp="label" value={request.assignee?.id} loading={assignees.isPending || assigning} disabled={assigning}
              placeholder={t('services.requests.web.unassigned')} aria-label={t('services.requests.web.staff.assign')}
              options={(assignees.data ?? []).map((a) => ({ value: a.id, label: a.id === me.id ? t('services.requests.web.staff.me', { name: a.name }) : a.name }))}
              onChange={(v: string) => void assign(v)}
            />
          </label>
        )}
        <Space wrap>
          {can.transfer && <Button onClick={() => setModal('transfer')}>{t('services.requests.web.staff.transfer')}</Button>}
          {can.close && <Button danger onClick={() => setModal('close')}>{t('services.requests.web.staff.close')}</Button>}
        </Space>
      </Space>
      {can.transfer && <TransferModal request={request} me={me} open={modal === 'transfer'} onClose={() => setModal(null)} />}
      {can.close && <CloseModal request={request} open={modal === 'close'} onClose={() => setModal(null)} />}
    </Card>
  );
}
