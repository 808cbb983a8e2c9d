import { Alert, Button, Checkbox, Drawer, Form, Grid, Input, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useT } from '../../../i18n/index.js';
import { newIdempotencyKey } from '../../../services/membership.js';
import { RegionCascader } from '../fields.js';
import { applyServerIssues } from '../formIssues.js';
import { deskApi, type Desk, type DeskView } from './DeskApi.js';

// Recording a consultation or a membership application for the visitor at the desk: his name and
// phone come from his ticket, the staff member types the rest and confirms the visitor's consent
// to the collection (the wording is shown to be read out). One retry key per opening, so a
// resubmitted form never records twice.

const CATEGORIES = ['wage_arrears', 'labour_contract', 'social_insurance', 'work_injury', 'dismissal', 'mutual_aid', 'other'] as const;

interface Values { category?: string; regionCode?: string; employerName?: string; subject?: string; body?: string; idCard?: string; consent?: boolean }

export function DeskRecordDrawer({ view, kind, onClose, onRecorded }: { view: DeskView; kind: Desk | null; onClose(): void; onRecorded(message: string): void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const wide = Grid.useBreakpoint().md;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A fresh retry key each time the drawer opens for a record.
  const key = useMemo(() => (kind ? newIdempotencyKey() : ''), [kind]);
  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    const who = { name: view.prefill.name, phone: view.prefill.phone, eventId: view.event.id, visitorId: view.visitor.id, consent: values.consent === true ? true : false };
    const employer = { regionCode: values.regionCode ?? '', employerName: values.employerName ?? '' };
    try {
      if (kind === 'consultation') {
        const r = await deskApi.recordRequest({ ...who, ...employer, kind: 'consultation', category: values.category, subject: values.subject ?? '', body: values.body ?? '' }, key);
        onRecorded(t('services.desk.recorded_request', { ref: r.refNo, union: r.ownerUnion.name }));
      } else {
        const m = await deskApi.recordMembership({ ...who, ...employer, idCard: values.idCard ?? '' }, key);
        onRecorded(t('services.desk.recorded_membership', { ref: m.refNo, union: m.ownerUnion.name }));
      }
      form.resetFields();
    } catch (e) {
      setError(applyServerIssues(form, e));
    } finally {
      setBusy(false);
    }
  };
  const title = kind === 'membership' ? t('services.desk.form.membership_title', { name: view.visitor.name }) : t('services.desk.form.consultation_title', { name: view.visitor.name });
  return (
    <Drawer open={kind !== null} onClose={onClose} title={title} size={wide ? 520 : '100%'} destroyOnHidden
      footer={<Space><Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="desk-record-submit">{t('services.desk.form.submit')}</Button><Button onClick={onClose}>{t('services.desk.form.cancel')}</Button></Space>}>
      <Typography.Paragraph type="secondary">{t('services.desk.form.who', { name: view.visitor.name, phone: view.visitor.phoneMasked })}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} className="desk-gap" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}
        // The server's messages stand until the field is changed.
        onValuesChange={(changed: Values) => form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof Values, errors: [] })))}>
        {kind === 'consultation' && (
          <Form.Item name="category" label={t('services.desk.form.category')}>
            <Select options={CATEGORIES.map((c) => ({ value: c, label: t(`services.category.${c}`) }))} />
          </Form.Item>
        )}
        {kind === 'membership' && (
          <Form.Item name="idCard" label={t('services.desk.form.id_card')}><Input maxLength={18} autoComplete="off" /></Form.Item>
        )}
        <Form.Item name="regionCode" label={t('services.desk.form.region')}><RegionCascader /></Form.Item>
        <Form.Item name="employerName" label={t('services.desk.form.employer')}><Input maxLength={100} placeholder={t('services.desk.form.employer_hint')} /></Form.Item>
        {kind === 'consultation' && (
          <>
            <Form.Item name="subject" label={t('services.desk.form.subject')}><Input maxLength={100} placeholder={t('services.desk.form.subject_hint')} /></Form.Item>
            <Form.Item name="body" label={t('services.desk.form.body')}><Input.TextArea rows={5} maxLength={5000} showCount /></Form.Item>
          </>
        )}
        <Alert type="info" title={t(kind === 'membership' ? 'services.consent.membership' : 'services.consent.consultation')} className="desk-gap" />
        <Form.Item name="consent" valuePropName="checked"><Checkbox>{t('services.desk.form.consent')}</Checkbox></Form.Item>
      </Form>
    </Drawer>
  );
}
