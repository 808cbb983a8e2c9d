import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { api } from '../../services/client.js';
import { applyServerIssues } from './formIssues.js';
import { OWNERSHIPS, SIZES, type Enterprise } from '../../services/employment.js';
import { useT } from '../../i18n/index.js';
import type { UiKey } from '../../i18n/zh-CN.js';
import { IndustryCascader, RegionCascader } from './fields.js';

interface Values {
  name: string;
  creditCode: string;
  regionCode: string;
  address?: string;
  industry: string;
  size?: string;
  ownership?: string;
  contactName?: string;
  contactPhone?: string;
}

/** The enterprise fields, shared by staff registration, editing and employer sign-up. */
export function EnterpriseFields({ keysLocked = false, prefix = [] }: { keysLocked?: boolean; prefix?: string[] }) {
  const t = useT();
  const name = (n: string) => [...prefix, n];
  return (
    <>
      <Form.Item name={name('name')} label={t('ent.col.name')} rules={[{ required: true, whitespace: true, min: 2 }]}><Input disabled={keysLocked} /></Form.Item>
      <Form.Item name={name('creditCode')} label={t('ent.col.code')} rules={[{ required: true, len: 18 }]}><Input disabled={keysLocked} style={{ textTransform: 'uppercase' }} /></Form.Item>
      <Form.Item name={name('regionCode')} label={t('ent.col.region')} rules={[{ required: true }]}><RegionCascader /></Form.Item>
      <Form.Item name={name('address')} label={t('ent.field.address')}><Input /></Form.Item>
      <Form.Item name={name('industry')} label={t('ent.col.industry')} rules={[{ required: true }]}><IndustryCascader /></Form.Item>
      <Form.Item name={name('size')} label={t('ent.field.size')}><Select allowClear options={SIZES.map((s) => ({ value: s, label: t(`size.${s}` as UiKey) }))} /></Form.Item>
      <Form.Item name={name('ownership')} label={t('ent.field.ownership')}><Select allowClear options={OWNERSHIPS.map((s) => ({ value: s, label: t(`own.${s}` as UiKey) }))} /></Form.Item>
      <Form.Item name={name('contactName')} label={t('ent.field.contact')}><Input /></Form.Item>
      <Form.Item name={name('contactPhone')} label={t('ent.field.contact_phone')}><Input inputMode="tel" /></Form.Item>
    </>
  );
}

export function toEnterpriseBody(v: Values) {
  return {
    name: v.name, creditCode: v.creditCode, regionCode: v.regionCode, address: v.address || null,
    industrySection: v.industry?.slice(0, 1), industryDivision: v.industry && v.industry.length > 1 ? v.industry.slice(1) : null,
    size: v.size ?? null, ownership: v.ownership ?? null, contactName: v.contactName || null, ...(v.contactPhone ? { contactPhone: v.contactPhone } : {}),
  };
}

export function EnterpriseModal(props: { open: boolean; enterprise: Enterprise | null; onClose(): void; onSaved(e: Enterprise): void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const e = props.enterprise;
  const submit = async (values: Values) => {
    setBusy(true);
    setAlert(null);
    try {
      let body: Record<string, unknown> = toEnterpriseBody(values);
      if (e && !e.permissions.editKeys) {
        const { name: _n, creditCode: _c, regionCode: _r, ...rest } = body;
        body = rest;
      }
      const saved = e
        ? await api<Enterprise>(`/api/enterprises/${e.id}`, { method: 'PATCH', body })
        : await api<Enterprise>('/api/enterprises', { method: 'POST', body });
      props.onSaved(saved);
    } catch (error) {
      setAlert(applyServerIssues(form, error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={props.open} title={e ? t('ent.edit') : t('ent.create')} onCancel={props.onClose} destroyOnHidden width={640}
      okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} onOk={() => form.submit()}
      afterOpenChange={(open) => {
        if (!open) return;
        form.resetFields();
        setAlert(null);
        if (e) {
          form.setFieldsValue({
            name: e.name, creditCode: e.creditCode, regionCode: e.region.code, address: e.address ?? undefined,
            industry: `${e.industry.section}${e.industry.division ?? ''}`, size: e.size ?? undefined, ownership: e.ownership ?? undefined,
            contactName: e.contactName ?? undefined,
          });
        }
      }}
    >
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        <EnterpriseFields keysLocked={!!e && !e.permissions.editKeys} />
      </Form>
    </Modal>
  );
}
