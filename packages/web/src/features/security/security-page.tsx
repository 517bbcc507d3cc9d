import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, List, Select, Space, Switch, Typography, message } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { getPolicy, saveSettings, totpActivate, totpSetup, unlockUser, verifyAudit, type AuditVerify, type SecuritySettings } from './security-api.ts';

const errText = (e: unknown) => (e instanceof ApiError ? e.message : '操作失败');

function PolicyCard() {
  const q = useQuery({ queryKey: ['security-policy'], queryFn: getPolicy });
  const p = q.data?.passwordPolicy;
  if (!p) return <Card title="密码策略" loading={q.isLoading} />;
  return (
    <Card title="密码策略">
      <Descriptions column={1} size="small">
        <Descriptions.Item label="策略">{p.name === 'dengbao' ? '等保三级' : '默认（OWASP ASVS）'}</Descriptions.Item>
        <Descriptions.Item label="长度">{p.minLength}–{p.maxLength} 位（建议 {p.recommendedLength} 位以上的短语）</Descriptions.Item>
        <Descriptions.Item label="字符类别">{p.minClasses ? `至少 ${p.minClasses} 类（大写、小写、数字、特殊字符）` : '不限'}</Descriptions.Item>
        <Descriptions.Item label="定期更换">{p.rotationDays ? `每 ${p.rotationDays} 天` : '不强制'}</Descriptions.Item>
        <Descriptions.Item label="历史密码">{p.historySize ? `不得与最近 ${p.historySize} 次相同` : '不检查'}</Descriptions.Item>
        <Descriptions.Item label="常见/泄露密码">禁止使用</Descriptions.Item>
        <Descriptions.Item label="登录失败">{q.data!.settings.maxFailures} 次后锁定 {q.data!.settings.lockMinutes} 分钟</Descriptions.Item>
        <Descriptions.Item label="空闲超时">{q.data!.settings.idleMinutes} 分钟未操作自动退出</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function TotpCard() {
  const [setup, setSetup] = useState<{ secret: string; uri: string } | null>(null);
  const [code, setCode] = useState('');
  const [done, setDone] = useState(false);
  const start = useMutation({ mutationFn: totpSetup, onSuccess: setSetup, onError: (e) => message.error(errText(e)) });
  const activate = useMutation({ mutationFn: () => totpActivate(code), onSuccess: () => { setDone(true); setSetup(null); message.success('已启用动态口令'); }, onError: (e) => message.error(errText(e)) });
  return (
    <Card title="动态口令（双因素认证）">
      {done && <Alert type="success" showIcon message="已启用。以后登录时需输入验证器中的 6 位动态验证码。" />}
      {!setup && !done && <Button onClick={() => start.mutate()} loading={start.isPending} data-testid="totp-setup">绑定验证器</Button>}
      {setup && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>在验证器应用（如 Google Authenticator、微信小程序“腾讯身份验证器”）中手动添加以下密钥，然后输入显示的 6 位验证码：</Typography.Text>
          <Typography.Text code copyable data-testid="totp-secret">{setup.secret}</Typography.Text>
          <Typography.Text type="secondary" copyable={{ text: setup.uri }}>otpauth 链接</Typography.Text>
          <Space>
            <Input value={code} onChange={(e) => setCode(e.target.value.trim())} maxLength={6} placeholder="6 位验证码" style={{ width: 140 }} data-testid="totp-code" />
            <Button type="primary" onClick={() => activate.mutate()} loading={activate.isPending} disabled={!/^\d{6}$/.test(code)}>启用</Button>
          </Space>
        </Space>
      )}
    </Card>
  );
}

function SettingsCard() {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['security-policy'], queryFn: getPolicy });
  const save = useMutation({ mutationFn: saveSettings, onSuccess: () => { message.success('已保存'); void qc.invalidateQueries({ queryKey: ['security-policy'] }); }, onError: (e) => message.error(errText(e)) });
  if (!q.data) return <Card title="安全参数（安全管理员）" loading />;
  return (
    <Card title="安全参数（安全管理员）">
      <Form<SecuritySettings> layout="inline" initialValues={q.data.settings} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="passwordProfile" label="密码策略"><Select style={{ width: 170 }} options={[{ value: 'asvs', label: '默认（OWASP ASVS）' }, { value: 'dengbao', label: '等保三级' }]} /></Form.Item>
        <Form.Item name="idleMinutes" label="空闲超时（分钟）"><InputNumber min={5} max={120} /></Form.Item>
        <Form.Item name="maxFailures" label="失败次数"><InputNumber min={3} max={10} /></Form.Item>
        <Form.Item name="lockMinutes" label="锁定（分钟）"><InputNumber min={5} max={1440} /></Form.Item>
        <Form.Item name="totpRequiredForAdmins" label="管理员须双因素" valuePropName="checked"><Switch /></Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>保存</Button>
      </Form>
    </Card>
  );
}

function UnlockCard() {
  const [id, setId] = useState<number | null>(null);
  const m = useMutation({ mutationFn: () => unlockUser(id!), onSuccess: () => message.success('已解锁'), onError: (e) => message.error(errText(e)) });
  return (
    <Card title="解锁账户（安全管理员）">
      <Space><InputNumber placeholder="用户 ID" min={1} value={id} onChange={(v) => setId(v)} /><Button onClick={() => m.mutate()} disabled={!id} loading={m.isPending}>解锁</Button></Space>
    </Card>
  );
}

function AuditCard() {
  const [res, setRes] = useState<AuditVerify | null>(null);
  const m = useMutation({ mutationFn: verifyAudit, onSuccess: setRes, onError: (e) => message.error(errText(e)) });
  return (
    <Card title="审计日志完整性（审计管理员）">
      <Button onClick={() => m.mutate()} loading={m.isPending} data-testid="audit-verify">校验审计链</Button>
      {res && (res.ok
        ? <Alert style={{ marginTop: 12 }} type="success" showIcon message={`审计链完整：已校验 ${res.checked} 条记录（${res.ms} 毫秒）`} data-testid="audit-result" />
        : <Alert style={{ marginTop: 12 }} type="error" showIcon message={`发现 ${res.problems.length} 处问题（已校验 ${res.checked} 条）`}
            description={<List size="small" dataSource={res.problems.slice(0, 50)} renderItem={(p) => <List.Item>{p.message}</List.Item>} />} data-testid="audit-result" />)}
    </Card>
  );
}

export function SecurityPage() {
  const { user } = useAuth();
  const isAdmin = user?.role === 'platform_admin';
  const canAudit = isAdmin || user?.role === 'auditor';
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3}>账户与安全</Typography.Title>
      <PolicyCard />
      <TotpCard />
      {isAdmin && <SettingsCard />}
      {isAdmin && <UnlockCard />}
      {canAudit && <AuditCard />}
    </Space>
  );
}
