import { Alert, Checkbox, Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../../i18n/index.js';
import { isValidIdCard } from '../../../../shared/validators.js';
import { applyServerIssues } from '../formIssues.js';
import { contestApi, useContestWrite, type Contest, type Contestant, type Team } from './SetupApi.js';

interface Values { teamId: number; name: string; gender?: 'm' | 'f' | null; employer?: string; idNumber?: string; phone?: string; isUnionMember?: boolean; memberNo?: string; withdrawn?: boolean }

/**
 * Register a contestant (contestant null) or change one. The 身份证号 is checked here as on the
 * server (GB 11643); on edit it is asked only when it changes (the stored one stays sealed).
 */
export function SetupContestantModal({ contest, teams, contestant, open, onClose }: { contest: Contest; teams: Team[]; contestant: Contestant | null; open: boolean; onClose(): void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [alert, setAlert] = useState<string | null>(null);
  const member = Form.useWatch('isUnionMember', form);
  const p = contestant;
  const save = useContestWrite(contest.id, (v: Values) => {
    const body: Record<string, unknown> = {
      teamId: v.teamId, name: v.name, gender: v.gender ?? null, employer: v.employer ?? '', isUnionMember: !!v.isUnionMember,
      memberNo: v.isUnionMember && v.memberNo ? v.memberNo : null,
    };
    if (v.idNumber) body.idNumber = v.idNumber;
    if (v.phone !== undefined) body.phone = v.phone || null;
    if (!p) return contestApi.register(contest.id, body);
    if (v.withdrawn !== (p.stage === 'withdrawn')) body.withdrawn = !!v.withdrawn;
    if (!v.phone) delete body.phone; // an empty phone on edit keeps the stored one
    return contestApi.updateContestant(contest.id, p.id, { ...body, version: p.version });
  });
  useEffect(() => {
    if (!open) return;
    setAlert(null);
    form.resetFields();
    form.setFieldsValue(p ? {
      teamId: p.team?.id, name: p.name ?? '', gender: p.gender, employer: p.employer ?? '', isUnionMember: !!p.isUnionMember, memberNo: p.memberNo ?? '',
      withdrawn: p.stage === 'withdrawn',
    } : { teamId: teams.length === 1 ? teams[0]!.id : undefined, isUnionMember: true });
  }, [open]);
  return (
    <Modal open={open} title={p ? t('contests.setup.contestant.edit') : t('contests.setup.contestant.add')} onCancel={onClose} destroyOnHidden
      okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={save.isPending} onOk={() => form.submit()}>
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={async (v) => {
        try { await save.mutateAsync(v); onClose(); } catch (error) { setAlert(applyServerIssues(form as never, error)); }
      }}>
        <div className="setup-form-row">
          <Form.Item name="teamId" label={t('contests.setup.col.team')} rules={[{ required: true }]}>
            <Select options={teams.map((x) => ({ value: x.id, label: x.name }))} disabled={!!contest.lotsDrawnAt} />
          </Form.Item>
          <Form.Item name="name" label={t('contests.setup.col.name')} rules={[{ required: true, whitespace: true, max: 50 }]}><Input maxLength={50} /></Form.Item>
        </div>
        <Form.Item
          name="idNumber" label={t('contests.setup.col.id_number')} extra={p ? t('contests.setup.contestant.id_keep', { masked: p.idNumberMasked ?? '' }) : undefined}
          rules={[{ required: !p, message: t('contests.setup.contestant.id_required') }, { validator: async (_, v?: string) => { if (v && !isValidIdCard(v)) throw new Error(t('contests.setup.contestant.id_invalid')); } }]}
        >
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        <div className="setup-form-row">
          <Form.Item name="gender" label={t('contests.setup.col.gender')}>
            <Radio.Group options={[{ value: 'm', label: t('contests.setup.gender.m') }, { value: 'f', label: t('contests.setup.gender.f') }]} />
          </Form.Item>
          <Form.Item name="phone" label={t('contests.setup.col.phone')} extra={p?.phoneMasked ? t('contests.setup.contestant.phone_keep', { masked: p.phoneMasked }) : undefined}>
            <Input maxLength={20} autoComplete="off" inputMode="tel" />
          </Form.Item>
        </div>
        <Form.Item name="employer" label={t('contests.setup.col.employer')}><Input maxLength={100} /></Form.Item>
        <div className="setup-form-row">
          <Form.Item name="isUnionMember" valuePropName="checked"><Checkbox>{t('contests.setup.contestant.member')}</Checkbox></Form.Item>
          {member && <Form.Item name="memberNo" label={t('contests.setup.contestant.member_no')}><Input maxLength={30} /></Form.Item>}
        </div>
        {p && <Form.Item name="withdrawn" valuePropName="checked"><Checkbox>{t('contests.setup.contestant.withdrawn')}</Checkbox></Form.Item>}
      </Form>
    </Modal>
  );
}
