import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import type { Feature } from '../../app/feature.ts';

function LoginPage() {
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [needTotp, setNeedTotp] = useState(false);
  const { refresh } = useAuth();
  const nav = useNavigate();
  const [params] = useSearchParams();
  async function submit(v: { username: string; password: string; totp?: string }) {
    setLoading(true); setError(null);
    try {
      await api('/auth/login', { body: v.totp ? v : { username: v.username, password: v.password } });
      await refresh();
      nav(params.get('next') || '/');
    } catch (e) {
      // an account with a second factor (TOTP) answers 401 with details.totpRequired: ask for the code
      if (e instanceof ApiError && (e.details as { totpRequired?: boolean } | undefined)?.totpRequired) setNeedTotp(true);
      setError(e instanceof ApiError ? e.message : '登录失败');
    } finally { setLoading(false); }
  }
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f7fa' }}>
      <Card style={{ width: 380 }}>
        <Typography.Title level={3} style={{ textAlign: 'center' }}>专利转化平台</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>专利转化专项计划 · 登录</Typography.Paragraph>
        {error && <Alert type="error" message={error} showIcon style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form onFinish={submit} layout="vertical">
          <Form.Item name="username" rules={[{ required: true, message: '请输入用户名' }]}><Input prefix={<UserOutlined />} placeholder="用户名" autoComplete="username" /></Form.Item>
          <Form.Item name="password" rules={[{ required: true, message: '请输入密码' }]}><Input.Password prefix={<LockOutlined />} placeholder="密码" autoComplete="current-password" /></Form.Item>
          {needTotp && <Form.Item name="totp" rules={[{ required: true, pattern: /^\d{6}$/, message: '请输入 6 位动态验证码' }]}><Input placeholder="动态验证码（6 位）" autoComplete="one-time-code" inputMode="numeric" maxLength={6} data-testid="login-totp" /></Form.Item>}
          <Button type="primary" htmlType="submit" block loading={loading}>登录</Button>
        </Form>
      </Card>
    </div>
  );
}

export default { routes: [{ path: '/login', element: <LoginPage /> }] } satisfies Feature;
