import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../services/client.js';
import type { Me } from '../../services/auth.js';
import { useT } from '../../i18n/index.js';
import { AntdShell, BrandHeader } from './AntdShell.js';
import { EnterpriseFields, toEnterpriseBody } from './EnterpriseForm.js';
import { applyServerIssues } from './formIssues.js';
import './admin.css';

interface Values {
  phone: string;
  name: string;
  password: string;
  enterprise: Parameters<typeof toEnterpriseBody>[0];
}

function RegisterForm() {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const submit = async (v: Values) => {
    setBusy(true);
    setAlert(null);
    try {
      const res = await api<{ user: Me; enterpriseId: string; membership: 'active' | 'pending' }>('/api/employers/register', {
        method: 'POST', body: { phone: v.phone, name: v.name, password: v.password, enterprise: toEnterpriseBody(v.enterprise) },
      });
      queryClient.setQueryData(['me'], res.user);
      navigate(res.membership === 'active' ? `/admin/enterprises/${res.enterpriseId}?registered=1` : '/admin?pending=1', { replace: true });
    } catch (error) {
      setAlert(applyServerIssues(form as never, error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login-page">
      <Card className="login-card" style={{ maxWidth: 640 }}>
        <BrandHeader title={t('reg.title')} subtitle={t('app.name')} />
        <Typography.Paragraph type="secondary">{t('reg.subtitle')}</Typography.Paragraph>
        {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Typography.Title level={5}>{t('reg.account')}</Typography.Title>
          <Form.Item name="phone" label={t('reg.phone')} rules={[{ required: true, pattern: /^1\d{10}$/ }]}><Input inputMode="tel" autoComplete="tel" /></Form.Item>
          <Form.Item name="name" label={t('reg.name')} rules={[{ required: true, whitespace: true }]}><Input autoComplete="name" /></Form.Item>
          <Form.Item name="password" label={t('reg.password')} rules={[{ required: true, min: 8 }]}><Input.Password autoComplete="new-password" /></Form.Item>
          <Typography.Title level={5}>{t('reg.enterprise')}</Typography.Title>
          <EnterpriseFields prefix={['enterprise']} />
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>{t('reg.submit')}</Button>
        </Form>
        <div className="login-footer"><Link to="/login">{t('reg.have_account')}</Link></div>
      </Card>
    </main>
  );
}

/** Employer self-registration at /register (antd chunk). */
export default function RegisterPage() {
  return (
    <AntdShell>
      <RegisterForm />
    </AntdShell>
  );
}
