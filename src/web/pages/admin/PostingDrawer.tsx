import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert, App, Button, Descriptions, Drawer, Form, Input, InputNumber, Select, Space, Switch, Tabs, Tag, Timeline, Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../services/client.js';
import { BENEFITS, EDUCATION, EXPERIENCE, salaryText, type Posting, type PostingAction } from '../../services/employment.js';
import { useI18n, useT } from '../../i18n/index.js';
import type { UiKey } from '../../i18n/zh-CN.js';
import { Applicants } from './Applicants.js';
import { applyServerIssues } from './formIssues.js';
import { JobTypeSelect, PostingStatusTag, RegionCascader } from './fields.js';
import { RichTextEditor } from './RichTextEditor.js';

interface Values {
  title: string;
  jobTypeCode: string;
  regionCode?: string;
  salaryNegotiable: boolean;
  salaryMin?: number | null;
  salaryMax?: number | null;
  headcount: number;
  education: string;
  experience: string;
  benefits: string[];
  description: string;
  contactName?: string;
  contactPhone?: string;
  validFrom?: string;
  validUntil?: string;
}


interface HistoryEntry { id: number; at: string; actor: { id: string; name: string } | null; action: string; changes: Record<string, [unknown, unknown]>; reason: string | null }

function History({ id }: { id: number }) {
  const t = useT();
  const { lang } = useI18n();
  const history = useQuery({ queryKey: ['posting-history', id], queryFn: () => api<HistoryEntry[]>(`/api/postings/${id}/history`) });
  const time = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'short' });
  const label = (action: string) => {
    for (const key of [`post.history.${action}`, `post.action.${action}`] as UiKey[]) {
      const text = t(key);
      if (text !== key) return text;
    }
    return action;
  };
  return (
    <Timeline
      items={(history.data ?? []).map((h) => ({
        content: (
          <div>
            <Typography.Text strong>{label(h.action)}</Typography.Text>{' '}
            <Typography.Text type="secondary">{time.format(new Date(h.at))} · {h.actor?.name ?? 'chuanyu'}</Typography.Text>
            {Object.entries(h.changes).map(([field, [from, to]]) => (
              <div key={field} style={{ fontSize: 12, color: '#595959', overflowWrap: 'anywhere' }}>{field}: {JSON.stringify(from)} → {JSON.stringify(to)}</div>
            ))}
            {h.reason && <div style={{ fontSize: 12 }}>{h.reason}</div>}
          </div>
        ),
      }))}
    />
  );
}

/** Create (enterpriseId) or open (postingId) a posting: details, editor, lifecycle actions, history. */
export function PostingDrawer(props: { open: boolean; postingId: number | null; enterpriseId?: string; onClose(): void }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const posting = useQuery({
    queryKey: ['posting', props.postingId],
    queryFn: () => api<Posting>(`/api/postings/${props.postingId}`),
    enabled: props.open && props.postingId !== null,
  });
  const p = posting.data;
  const creating = props.postingId === null;
  const negotiable = Form.useWatch('salaryNegotiable', form);

  useEffect(() => {
    if (!props.open) return;
    setAlert(null);
    form.resetFields();
    if (p) {
      form.setFieldsValue({
        title: p.title, jobTypeCode: p.jobType.code, regionCode: p.region.code, salaryNegotiable: p.salaryNegotiable,
        salaryMin: p.salaryMin, salaryMax: p.salaryMax, headcount: p.headcount, education: p.education, experience: p.experience,
        benefits: p.benefits, description: p.descriptionHtml, contactName: p.contactName ?? undefined,
        validFrom: p.validFrom, validUntil: p.validUntil,
      });
    } else if (creating) {
      form.setFieldsValue({ salaryNegotiable: false, headcount: 1, education: 'none', experience: 'none', benefits: [] });
    }
  }, [props.open, p, creating, form]);

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['postings'] });
    await queryClient.invalidateQueries({ queryKey: ['posting'] });
    await queryClient.invalidateQueries({ queryKey: ['posting-history'] });
    await queryClient.invalidateQueries({ queryKey: ['enterprise'] });
  };

  const save = async (submit: boolean) => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    setAlert(null);
    const body = {
      title: values.title, jobTypeCode: values.jobTypeCode, ...(values.regionCode ? { regionCode: values.regionCode } : {}),
      salaryNegotiable: values.salaryNegotiable, salaryMin: values.salaryNegotiable ? null : (values.salaryMin ?? null),
      salaryMax: values.salaryNegotiable ? null : (values.salaryMax ?? null), headcount: values.headcount, education: values.education,
      experience: values.experience, benefits: values.benefits ?? [], descriptionHtml: values.description ?? '',
      contactName: values.contactName || null, ...(values.contactPhone ? { contactPhone: values.contactPhone } : {}),
      ...(values.validFrom ? { validFrom: values.validFrom } : {}), ...(values.validUntil ? { validUntil: values.validUntil } : {}),
    };
    try {
      if (creating) {
        await api<Posting>(`/api/enterprises/${props.enterpriseId}/postings`, { method: 'POST', body: { ...body, submit } });
      } else {
        await api<Posting>(`/api/postings/${props.postingId}`, { method: 'PATCH', body: { ...body, version: p?.version } });
        if (submit && p && ['draft', 'rejected'].includes(p.status)) await api(`/api/postings/${props.postingId}/transition`, { method: 'POST', body: { action: 'submit' } });
      }
      message.success(t('post.saved'));
      await refresh();
      props.onClose();
    } catch (error) {
      setAlert(applyServerIssues(form as never, error));
    } finally {
      setBusy(false);
    }
  };

  const act = (action: PostingAction) => {
    const run = async (reason?: string) => {
      try {
        await api(`/api/postings/${props.postingId}/transition`, { method: 'POST', body: { action, ...(reason ? { reason } : {}) } });
        message.success(t('post.done', { action: t(`post.action.${action}` as UiKey) }));
        await refresh();
      } catch (error) {
        message.error((error as Error).message);
        throw error;
      }
    };
    if (action === 'reject') {
      let reason = '';
      modal.confirm({
        title: t('post.reject_reason'), icon: null,
        content: <Input.TextArea rows={3} maxLength={200} onChange={(e) => { reason = e.target.value; }} />,
        okText: t('common.confirm'), cancelText: t('common.cancel'), onOk: () => run(reason),
      });
    } else if (action === 'close' || action === 'fill') {
      modal.confirm({ title: t(`post.action.${action}` as UiKey), content: p?.title, okText: t('common.confirm'), cancelText: t('common.cancel'), onOk: () => run() });
    } else void run();
  };

  const editable = creating || !!p?.permissions.edit;
  const editor = (
    <>
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" disabled={!editable}>
        <Form.Item name="title" label={t('post.field.title')} rules={[{ required: true, whitespace: true, min: 2, max: 60 }]}><Input maxLength={60} /></Form.Item>
        <Form.Item name="jobTypeCode" label={t('post.field.job_type')} rules={[{ required: true }]}><JobTypeSelect /></Form.Item>
        <Form.Item name="regionCode" label={t('post.field.region')}><RegionCascader /></Form.Item>
        <Form.Item name="salaryNegotiable" label={t('post.field.negotiable')} valuePropName="checked"><Switch /></Form.Item>
        {!negotiable && (
          <Space wrap>
            <Form.Item name="salaryMin" label={t('post.field.salary_min')} rules={[{ required: true }]}><InputNumber min={0} step={500} style={{ width: 180 }} /></Form.Item>
            <Form.Item name="salaryMax" label={t('post.field.salary_max')}><InputNumber min={0} step={500} style={{ width: 180 }} /></Form.Item>
          </Space>
        )}
        <Space wrap>
          <Form.Item name="headcount" label={t('post.field.headcount')} rules={[{ required: true }]}><InputNumber min={1} max={100000} style={{ width: 140 }} /></Form.Item>
          <Form.Item name="education" label={t('post.field.education')}><Select style={{ width: 160 }} options={EDUCATION.map((e) => ({ value: e, label: t(`edu.${e}` as UiKey) }))} /></Form.Item>
          <Form.Item name="experience" label={t('post.field.experience')}><Select style={{ width: 160 }} options={EXPERIENCE.map((e) => ({ value: e, label: t(`exp.${e}` as UiKey) }))} /></Form.Item>
        </Space>
        <Form.Item name="benefits" label={t('post.field.benefits')}><Select mode="tags" maxCount={12} options={BENEFITS.map((b) => ({ value: b, label: b }))} /></Form.Item>
        <Form.Item name="description" label={t('post.field.description')}>
          <RichTextEditor label={t('post.field.description')} hint={t('post.field.description_hint')} maxLength={5000} disabled={!editable} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="contactName" label={t('post.field.contact')}><Input style={{ width: 180 }} /></Form.Item>
          <Form.Item name="contactPhone" label={t('post.field.contact_phone')}><Input inputMode="tel" style={{ width: 180 }} placeholder={p?.contactPhoneMasked ?? ''} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="validFrom" label={`${t('post.field.valid')} ·`}><Input type="date" style={{ width: 180 }} /></Form.Item>
          <Form.Item name="validUntil" label={t('post.col.valid')}><Input type="date" style={{ width: 180 }} /></Form.Item>
        </Space>
      </Form>
    </>
  );

  const footer = editable ? (
    <Space wrap>
      <Button onClick={() => save(false)} loading={busy}>{creating || p?.status === 'draft' ? t('post.save_draft') : t('common.save')}</Button>
      {(creating || p?.status === 'draft' || p?.status === 'rejected') && <Button type="primary" onClick={() => save(true)} loading={busy}>{t('post.save_submit')}</Button>}
    </Space>
  ) : null;

  return (
    <Drawer open={props.open} onClose={props.onClose} size={720} title={creating ? t('post.create') : (p?.title ?? '…')} footer={footer} destroyOnHidden>
      {creating ? editor : p && (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <PostingStatusTag status={p.status} />
            <Tag color={p.isPublic ? 'green' : 'default'}>{p.isPublic ? t('post.public') : t('post.not_public')}</Tag>
            {p.permissions.actions.filter((a) => a !== 'submit').map((a) => (
              <Button key={a} size="small" danger={a === 'reject' || a === 'close'} type={a === 'approve' ? 'primary' : 'default'} onClick={() => act(a)}>
                {t(`post.action.${a}` as UiKey)}
              </Button>
            ))}
          </Space>
          {p.statusReason && <Alert type="warning" showIcon title={p.statusReason} style={{ marginBottom: 12 }} />}
          <Tabs items={[
            { key: 'edit', label: t('post.edit'), children: editor },
            {
              key: 'info', label: t('ent.col.name'), children: (
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={t('post.col.enterprise')}>{p.enterprise.name}</Descriptions.Item>
                  <Descriptions.Item label={t('post.col.salary')}>{salaryText(p, t('post.negotiable'))}</Descriptions.Item>
                  <Descriptions.Item label={t('post.col.region')}>{p.region.fullName}</Descriptions.Item>
                  <Descriptions.Item label={t('ent.col.industry')}>{p.industry.divisionName ?? p.industry.sectionName}</Descriptions.Item>
                  <Descriptions.Item label={t('ent.col.owner')}>{p.ownerUnion.name}</Descriptions.Item>
                </Descriptions>
              ),
            },
            ...(['published', 'closed', 'filled', 'expired'].includes(p.status) ? [{ key: 'applicants', label: t('apps.tab'), children: <Applicants postingId={p.id} /> }] : []),
            { key: 'history', label: t('post.history'), children: <History id={p.id} /> },
          ]} />
        </>
      )}
    </Drawer>
  );
}
