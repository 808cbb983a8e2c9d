import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { DEMO_LOGINS, homeFor, useAuthActions, useHealth, useMe } from '../../services/auth.js';
import { ApiError } from '../../services/client.js';
import { PageLoading } from '../../components/StatusPage.js';
import { useI18n, useT } from '../../i18n/index.js';
import { AntdShell, BrandHeader } from './AntdShell.js';
import './admin.css';

interface LoginValues {
  login: string;
  password: string;
}

function LoginForm() {
  const t = useT();
  const { lang, setLang } = useI18n();
  const me = useMe();
  const health = useHealth();
  const { login } = useAuthActions();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<LoginValues>();
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (me.isPending) return <PageLoading />;
  if (me.data) return <Navigate to={homeFor(me.data, params.get('next'))} replace />;

  const submit = async (values: LoginValues) => {
    setAlert(null);
    setBusy(true);
    try {
      const user = await login(values.login.trim(), values.password);
      navigate(homeFor(user, params.get('next')), { replace: true });
    } catch (error) {
      if (error instanceof ApiError) {
        setAlert(error.message);
        form.setFields(error.issues.map((i) => ({ name: i.path as keyof LoginValues, errors: [i.message] })));
      } else setAlert(t('common.network_error'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login-page">
      <Card className="login-card">
        <BrandHeader title={t('app.name')} subtitle={t('app.tagline')} />
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} size="large">
          {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 16 }} />}
          <Form.Item name="login" label={t('login.login')} rules={[{ required: true, whitespace: true, message: t('login.required_login') }]}>
            <Input prefix={<UserOutlined />} placeholder={t('login.login')} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.required_password') }]}>
            <Input.Password prefix={<LockOutlined />} placeholder={t('login.password')} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>{t('login.submit')}</Button>
        </Form>
        {health.data?.demo && (
          <div className="login-demo">
            <Typography.Text type="secondary">{t('login.demo_title')}</Typography.Text>
            <Space size={[4, 8]} wrap style={{ marginTop: 8 }}>
              {DEMO_LOGINS.map((name) => (
                <Tag key={name} style={{ cursor: 'pointer' }} onClick={() => form.setFieldsValue({ login: name, password: 'chuanyu-demo' })}>
                  {name}
                </Tag>
              ))}
            </Space>
          </div>
        )}
        <div className="login-footer">
          <Space size="middle"><Link to="/m">{t('login.to_mobile')}</Link><Link to="/register">{t('reg.link')}</Link></Space>
          <Segmented
            size="small" value={lang} onChange={(v) => setLang(v as 'zh-CN' | 'en')}
            options={[{ label: '中文', value: 'zh-CN' }, { label: 'EN', value: 'en' }]}
          />
        </div>
      </Card>
    </main>
  );
}

/** Desktop login at /login (antd chunk). */
export default function LoginPage() {
  return (
    <AntdShell>
      <LoginForm />
    </AntdShell>
  );
}
