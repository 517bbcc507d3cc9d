import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Input, InputNumber, List as AList, Result, Select, Space, Steps, Table, Tag, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError, type List } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { toFen, yuan, type ApplicationDetail, type Assessment, type PolicySummary } from './subsidy-api.ts';

type Declared = { officialFeesPaidFen?: number; priorSubsidiesFen?: number; serviceFeeFen?: number };

/** The live pre-check: checks, missing evidence and the amount with its steps. */
export function AssessmentView({ a }: { a: Assessment }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="subsidy-assessment">
      <Alert type={a.eligible ? 'success' : 'warning'} showIcon data-testid="subsidy-eligibility"
        message={a.eligible ? `符合申请条件，可申请 ${yuan(a.amount?.amountFen)}` : '暂不符合申请条件'}
        description={`按《${a.policy.name}》第 ${a.policy.version} 版（${a.policy.effectiveFrom} 起施行）审核。金额规则：${a.policy.ruleText}`} />
      <AList size="small" bordered header="资格检查" dataSource={a.checks} renderItem={(c) => (
        <AList.Item>{c.ok ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" />}&nbsp;{c.message}</AList.Item>
      )} />
      {a.missingEvidence.length > 0 && <Alert type="error" showIcon message="缺少的证据" description={<ul style={{ margin: 0 }}>{a.missingEvidence.map((m) => <li key={m}>{m}</li>)}</ul>} data-testid="subsidy-missing" />}
      {a.amount && <Table size="small" pagination={false} rowKey={(r) => `${r.label}-${r.note}`} dataSource={a.amount.steps} data-testid="subsidy-amount-steps"
        columns={[{ title: '计算步骤', dataIndex: 'label', width: 160 }, { title: '说明', dataIndex: 'note' }, { title: '金额', dataIndex: 'valueFen', width: 160, align: 'right', render: (v: number) => yuan(v) }]} />}
    </Space>
  );
}

export function ApplyPage() {
  const { user } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [policyId, setPolicyId] = useState<number | undefined>(params.get('policyId') ? Number(params.get('policyId')) : undefined);
  const [recordId, setRecordId] = useState<number | undefined>();
  const [orgId, setOrgId] = useState<number | undefined>();
  const [declared, setDeclared] = useState<Declared>({});
  const [requested, setRequested] = useState<number | undefined>();
  const [note, setNote] = useState('');
  const policies = useQuery({ queryKey: ['subsidy', 'policies', 'all'], queryFn: () => api<List<PolicySummary>>('/subsidy/policies', { query: { pageSize: 200 } }) });
  const policy = policies.data?.items.find((p) => p.id === policyId);
  const office = user?.role === 'platform_admin';
  const orgs = useQuery({ enabled: office, queryKey: ['organisations', 'subsidy-pick'], queryFn: () => api<List<{ id: number; name: string }>>('/organisations', { query: { pageSize: 200 } }) });
  const records = useQuery({
    enabled: !!policyId && (!office || !!orgId),
    queryKey: ['subsidy', 'records', policyId, orgId],
    queryFn: () => api<List<{ id: number; label: string }>>(`/subsidy/policies/${policyId}/records`, { query: { orgId } }),
  });
  useEffect(() => { setRecordId(undefined); setDeclared({}); }, [policyId, orgId]);
  const body = { policyId, recordId, applicantOrgId: office ? orgId : undefined, requestedFen: requested ?? null, declared };
  const check = useQuery({
    enabled: !!policyId && !!recordId,
    queryKey: ['subsidy', 'check', body],
    queryFn: () => api<Assessment>('/subsidy/check', { body }),
    retry: false,
  });
  const submit = useMutation({
    mutationFn: () => api<ApplicationDetail>('/subsidy/applications', { body: { ...body, note: note || null, idempotencyKey: `web-${policyId}-${recordId}-${Date.now()}` } }),
    onSuccess: (a) => { message.success('申请已提交'); navigate(`/subsidy/applications/${a.id}`); },
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)),
  });
  if (!user) return <Result status="403" title="请先登录" />;
  const step = !policyId ? 0 : !recordId ? 1 : 2;
  const kind = policy?.itemKind;
  const yuanInput = (key: keyof Declared, label: string, help: string) => (
    <Descriptions.Item label={label}>
      <Space><InputNumber min={0} addonAfter="元" style={{ width: 220 }} value={declared[key] == null ? null : declared[key]! / 100}
        onChange={(v) => setDeclared({ ...declared, [key]: toFen(v) })} data-testid={`declared-${key}`} /><Typography.Text type="secondary">{help}</Typography.Text></Space>
    </Descriptions.Item>
  );
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>申请奖补</Typography.Title>}>
      <Steps current={step} style={{ marginBottom: 24 }} items={[{ title: '选择政策' }, { title: '选择申请事项' }, { title: '核对资格与金额并提交' }]} />
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label="奖补政策">
          <Select style={{ width: '100%' }} showSearch optionFilterProp="label" placeholder="选择政策" value={policyId} onChange={setPolicyId} data-testid="subsidy-policy-select"
            options={(policies.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.year}）` }))} />
        </Descriptions.Item>
        {policy && <Descriptions.Item label="政策要点">{policy.itemKindLabel}；{policy.ruleText}</Descriptions.Item>}
        {office && <Descriptions.Item label="申请单位（窗口代录）">
          <Select style={{ width: 360 }} showSearch optionFilterProp="label" value={orgId} onChange={setOrgId} options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))} />
        </Descriptions.Item>}
        {policyId && <Descriptions.Item label="申请事项（台账记录）">
          <Select style={{ width: '100%' }} placeholder={records.data?.items.length === 0 ? '本单位没有可申请的记录' : '选择记录'} value={recordId} onChange={setRecordId}
            loading={records.isFetching} data-testid="subsidy-record-select" options={(records.data?.items ?? []).map((r) => ({ value: r.id, label: r.label }))} />
        </Descriptions.Item>}
        {recordId && kind === 'patent_grant' && yuanInput('officialFeesPaidFen', '已缴官方规定费用', '按缴费凭证合计填写')}
        {recordId && (kind === 'patent_grant' || kind === 'pledge_loan') && yuanInput('priorSubsidiesFen', '已获其他资助', kind === 'pledge_loan' ? '该笔贷款已获其他财政资金资助的金额' : '该专利已获各级各类资助合计')}
        {recordId && kind === 'deal' && yuanInput('serviceFeeFen', '转化服务费', '评估、代理、检索等服务费（有凭证）')}
        {recordId && <Descriptions.Item label="申请金额（可少于可资助金额）">
          <InputNumber min={0} addonAfter="元" style={{ width: 220 }} placeholder="按可资助金额" value={requested == null ? null : requested / 100} onChange={(v) => setRequested(toFen(v))} />
        </Descriptions.Item>}
        {recordId && <Descriptions.Item label="备注"><Input.TextArea rows={2} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} /></Descriptions.Item>}
      </Descriptions>
      {check.error && <Alert type="error" showIcon style={{ marginTop: 16 }} message={(check.error as Error).message} />}
      {check.data && <div style={{ marginTop: 16 }}><AssessmentView a={check.data} /></div>}
      {check.data && <Space style={{ marginTop: 16 }}>
        <Button type="primary" disabled={!check.data.eligible} loading={submit.isPending} onClick={() => submit.mutate()} data-testid="subsidy-submit">提交申请</Button>
        {check.data.eligible && <Tag color="green">将按 {yuan(check.data.amount?.amountFen)} 申请</Tag>}
      </Space>}
    </Card>
  );
}
