import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Divider, Input, InputNumber, Modal, Progress, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  AMOUNT_RULE_LABELS, BASE_KIND_LABELS, BASE_KINDS, COST_KIND_LABELS, COST_KINDS, ITEM_KIND_LABELS, PRESETS,
  type AmountRule, type CostComponent, type ItemKind, type PolicyTerms,
} from '@zhuanhua/domain/subsidy/index.ts';
import { api, ApiError, type List } from '../../api/client.ts';
import { isOffice, useAuth } from '../../app/auth.tsx';
import { optionsOf } from '../../lib/labels.ts';
import { fenToYuanNumber, toFen, yuan, type PolicyDetail, type PolicySummary } from './subsidy-api.ts';

const usedPercent = (b: PolicySummary['budget']) => (b.budgetFen > 0 ? Math.min(100, Math.round(((b.committedFen + b.paidFen) * 100) / b.budgetFen)) : 0);

/** A new policy, starting from the terms of a preset of the same item kind (edited afterwards as new versions). */
function NewPolicyDialog({ open, onClose, today }: { open: boolean; onClose: () => void; today: string }) {
  const navigate = useNavigate();
  const [v, setV] = useState({ code: '', regionCode: '', regionName: '', year: Number(today.slice(0, 4)), itemKind: 'pledge_loan' as ItemKind, name: '', budget: 1_000_000 as number | null });
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => {
      const template = structuredClone(PRESETS.find((p) => p.itemKind === v.itemKind)!.terms);
      const terms: PolicyTerms = { ...template, name: v.name, description: '', source: '', notes: `以预置政策“${template.name}”为模板新建`, budgetFen: toFen(v.budget) ?? 0 };
      return api<{ id: number }>('/subsidy/policies', { body: { code: v.code, regionCode: v.regionCode, regionName: v.regionName, year: v.year, itemKind: v.itemKind, effectiveFrom: today, terms } });
    },
    onSuccess: (r) => { onClose(); navigate(`/subsidy/policies/${r.id}`); },
    onError: (e) => setError(e instanceof ApiError ? e.message : String(e)),
  });
  return (
    <Modal open={open} title="新建奖补政策" onCancel={onClose} onOk={() => create.mutate()} confirmLoading={create.isPending} okText="创建">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="政策名称"><Input value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} /></Descriptions.Item>
        <Descriptions.Item label="政策编码"><Input value={v.code} placeholder="如 xc-nav-2026（小写字母、数字、连字符）" onChange={(e) => setV({ ...v, code: e.target.value })} /></Descriptions.Item>
        <Descriptions.Item label="区划代码"><Input value={v.regionCode} placeholder="如 411000" onChange={(e) => setV({ ...v, regionCode: e.target.value })} /></Descriptions.Item>
        <Descriptions.Item label="区域名称"><Input value={v.regionName} placeholder="如 许昌市" onChange={(e) => setV({ ...v, regionName: e.target.value })} /></Descriptions.Item>
        <Descriptions.Item label="年度"><InputNumber min={2000} max={2100} value={v.year} onChange={(x) => setV({ ...v, year: x ?? v.year })} /></Descriptions.Item>
        <Descriptions.Item label="资助事项"><Select style={{ width: '100%' }} value={v.itemKind} options={optionsOf(ITEM_KIND_LABELS)} onChange={(x) => setV({ ...v, itemKind: x })} /></Descriptions.Item>
        <Descriptions.Item label="年度预算"><InputNumber min={0} addonAfter="元" value={v.budget} onChange={(x) => setV({ ...v, budget: x })} /></Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>金额规则与条件先取同类预置政策，创建后在政策页“修改政策”中调整。</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} />}
    </Modal>
  );
}

export function PolicyListPage() {
  const { user } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [year, setYear] = useState<number | null>(null);
  const [itemKind, setItemKind] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: ['subsidy', 'policies', year, itemKind], queryFn: () => api<List<PolicySummary>>('/subsidy/policies', { query: { year, itemKind, pageSize: 100 } }) });
  const today = useQuery({ queryKey: ['subsidy', 'today'], queryFn: () => api<{ today: string }>('/subsidy/today') });
  const presets = useMutation({
    mutationFn: () => api<{ created: number[] }>('/subsidy/policies/presets', { body: { year: year ?? Number((today.data?.today ?? '2026').slice(0, 4)) } }),
    onSuccess: (r) => { message.success(r.created.length ? `已导入 ${r.created.length} 项预置政策` : '预置政策均已存在'); void qc.invalidateQueries({ queryKey: ['subsidy'] }); },
    onError: (e) => message.error((e as Error).message),
  });
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>奖补政策</Typography.Title>}
      extra={<Space>
        {user && user.role !== 'auditor' && user.role !== 'bank_officer' && user.role !== 'service_agent' && <Link to="/subsidy/apply"><Button type="primary" data-testid="subsidy-apply-link">申请奖补</Button></Link>}
        {isOffice(user) && <Button onClick={() => presets.mutate()} loading={presets.isPending} data-testid="subsidy-install-presets">导入本年度预置政策（许昌、鄂尔多斯）</Button>}
        {isOffice(user) && <Button onClick={() => setCreating(true)}>新建政策</Button>}
      </Space>}>
      {creating && today.data && <NewPolicyDialog open onClose={() => setCreating(false)} today={today.data.today} />}
      <Space wrap style={{ marginBottom: 16 }}>
        <InputNumber placeholder="政策年度" min={2000} max={2100} value={year} onChange={(v) => setYear(v)} style={{ width: 120 }} />
        <Select placeholder="资助事项" allowClear style={{ width: 260 }} value={itemKind} onChange={setItemKind} options={optionsOf(ITEM_KIND_LABELS)} />
      </Space>
      <Table<PolicySummary> rowKey="id" loading={list.isFetching} dataSource={list.data?.items ?? []} data-testid="subsidy-policy-table" pagination={false}
        columns={[
          { title: '政策', dataIndex: 'name', render: (v: string, r) => <Link to={`/subsidy/policies/${r.id}`}>{v}</Link> },
          { title: '区域', dataIndex: 'regionName', width: 100 },
          { title: '年度', dataIndex: 'year', width: 70 },
          { title: '资助事项', dataIndex: 'itemKindLabel', width: 200 },
          { title: '金额规则', dataIndex: 'ruleText', ellipsis: true },
          { title: '版本', width: 70, render: (_: unknown, r) => `第 ${r.currentVersion} 版` },
          { title: '预算', width: 130, align: 'right', render: (_: unknown, r) => yuan(r.budget.budgetFen) },
          { title: '已用', width: 120, render: (_: unknown, r) => <Progress percent={usedPercent(r.budget)} size="small" /> },
        ]} />
    </Card>
  );
}

/** Editor of the amount rule of a policy version. */
function RuleEditor({ rule, onChange }: { rule: AmountRule; onChange: (r: AmountRule) => void }) {
  const pct = (bp: number | null | undefined) => (bp == null ? null : bp / 100);
  const bp = (v: number | null) => (v == null ? null : Math.round(v * 100));
  switch (rule.kind) {
    case 'fixed':
      return <Space>定额（最高）<InputNumber min={0} addonAfter="元" value={fenToYuanNumber(rule.amountFen)} onChange={(v) => onChange({ kind: 'fixed', amountFen: toFen(v) ?? 0 })} data-testid="rule-fixed" /></Space>;
    case 'rate':
      return <Space>
        <Select style={{ width: 200 }} value={rule.base} options={BASE_KINDS.map((b) => ({ value: b, label: BASE_KIND_LABELS[b] }))} onChange={(b) => onChange({ ...rule, base: b })} />
        ×<InputNumber min={0} max={100} addonAfter="%" value={pct(rule.rateBp)} onChange={(v) => onChange({ ...rule, rateBp: bp(v) ?? 0 })} data-testid="rule-rate" />
      </Space>;
    case 'cost_share': {
      const set = (i: number, c: Partial<CostComponent>) => onChange({ kind: 'cost_share', components: rule.components.map((x, j) => (j === i ? { ...x, ...c } : x)) });
      return <Space direction="vertical">
        {rule.components.map((c, i) => (
          <Space key={i} wrap>
            <Select style={{ width: 220 }} value={c.cost} options={COST_KINDS.map((k) => ({ value: k, label: COST_KIND_LABELS[k] }))} onChange={(k) => set(i, { cost: k })} />
            资助<InputNumber min={0} max={100} addonAfter="%" value={pct(c.shareBp)} onChange={(v) => set(i, { shareBp: bp(v) ?? 0 })} data-testid={`rule-share-${i}`} />
            不超过<Select style={{ width: 160 }} allowClear value={c.base ?? undefined} options={BASE_KINDS.map((b) => ({ value: b, label: BASE_KIND_LABELS[b] }))} onChange={(b) => set(i, { base: b ?? null })} />
            的<InputNumber min={0} max={100} addonAfter="%" value={pct(c.baseRateBp)} onChange={(v) => set(i, { baseRateBp: bp(v) })} />
            单项最高<InputNumber min={0} addonAfter="元" value={fenToYuanNumber(c.capFen)} onChange={(v) => set(i, { capFen: toFen(v) ?? null })} />
            <Button danger size="small" onClick={() => onChange({ kind: 'cost_share', components: rule.components.filter((_, j) => j !== i) })}>删除</Button>
          </Space>
        ))}
        <Button size="small" onClick={() => onChange({ kind: 'cost_share', components: [...rule.components, { cost: COST_KINDS.find((k) => !rule.components.some((c) => c.cost === k)) ?? 'service_fee', shareBp: 5000 }] })}>增加费用项</Button>
      </Space>;
    }
    case 'tiered':
      return <Space direction="vertical">
        {rule.tiers.map((t, i) => (
          <Space key={i}>
            得分 ≥<InputNumber min={0} max={100} value={t.minScore} onChange={(v) => onChange({ kind: 'tiered', tiers: rule.tiers.map((x, j) => (j === i ? { ...x, minScore: v ?? 0 } : x)) })} />
            奖补<InputNumber min={0} addonAfter="元" value={fenToYuanNumber(t.amountFen)} onChange={(v) => onChange({ kind: 'tiered', tiers: rule.tiers.map((x, j) => (j === i ? { ...x, amountFen: toFen(v) ?? 0 } : x)) })} />
            <Button danger size="small" onClick={() => onChange({ kind: 'tiered', tiers: rule.tiers.filter((_, j) => j !== i) })}>删除</Button>
          </Space>
        ))}
        <Button size="small" onClick={() => onChange({ kind: 'tiered', tiers: [...rule.tiers, { minScore: 60, amountFen: 0 }] })}>增加一档</Button>
      </Space>;
  }
}

const RULE_DEFAULTS: Record<AmountRule['kind'], AmountRule> = {
  fixed: { kind: 'fixed', amountFen: 1_000_000 },
  rate: { kind: 'rate', base: 'official_fees', rateBp: 5000 },
  cost_share: { kind: 'cost_share', components: [{ cost: 'interest', shareBp: 5000 }] },
  tiered: { kind: 'tiered', tiers: [{ minScore: 90, amountFen: 50_000_000 }] },
};

function VersionEditor({ policy, onSaved }: { policy: PolicyDetail; onSaved: () => void }) {
  const { message } = App.useApp();
  const [t, setT] = useState<PolicyTerms>(() => structuredClone(policy.terms));
  const [effectiveFrom, setEffectiveFrom] = useState(policy.today);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => api<{ version: number }>(`/subsidy/policies/${policy.id}/versions`, { body: { effectiveFrom, terms: t } }),
    onSuccess: (r) => { message.success(`已保存为第 ${r.version} 版，自 ${effectiveFrom} 起提交的申请按新版本审核`); setError(null); onSaved(); },
    onError: (e) => setError(e instanceof ApiError ? e.message : String(e)),
  });
  const money = (label: string, key: 'budgetFen' | 'perItemCapFen' | 'perOrgYearCapFen' | 'twoReviewerThresholdFen', nullable = true) => (
    <Descriptions.Item label={label}>
      <InputNumber min={0} addonAfter="元" style={{ width: 220 }} value={fenToYuanNumber(t[key] as number | null)} placeholder={nullable ? '不限' : undefined}
        onChange={(v) => setT({ ...t, [key]: toFen(v) ?? (nullable ? null : 0) })} data-testid={`terms-${key}`} />
    </Descriptions.Item>
  );
  return (
    <Card type="inner" title="修改政策（保存为新版本）" data-testid="subsidy-version-editor">
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label="政策名称"><Input value={t.name} onChange={(e) => setT({ ...t, name: e.target.value })} /></Descriptions.Item>
        <Descriptions.Item label="金额规则">
          <Space direction="vertical">
            <Select style={{ width: 200 }} value={t.rule.kind} options={optionsOf(AMOUNT_RULE_LABELS)} onChange={(k: AmountRule['kind']) => setT({ ...t, rule: k === policy.terms.rule.kind ? policy.terms.rule : RULE_DEFAULTS[k] })} />
            <RuleEditor rule={t.rule} onChange={(rule) => setT({ ...t, rule })} />
          </Space>
        </Descriptions.Item>
        {money('年度预算', 'budgetFen', false)}
        {money('单项上限', 'perItemCapFen')}
        {money('每单位每年上限', 'perOrgYearCapFen')}
        <Descriptions.Item label="各级资助不超过官费的">
          <InputNumber min={0} max={100} addonAfter="%" placeholder="不限" value={t.feeShareCapBp == null ? null : t.feeShareCapBp / 100} onChange={(v) => setT({ ...t, feeShareCapBp: v == null ? null : Math.round(v * 100) })} />
        </Descriptions.Item>
        {money('超过此金额须两人审核', 'twoReviewerThresholdFen', false)}
        <Descriptions.Item label="公示期"><InputNumber min={1} max={60} addonAfter="天" value={t.noticeDays} onChange={(v) => setT({ ...t, noticeDays: v ?? 7 })} /></Descriptions.Item>
        <Descriptions.Item label="仅限中小微企业"><Switch checked={t.criteria.smeOnly} onChange={(v) => setT({ ...t, criteria: { ...t.criteria, smeOnly: v } })} /></Descriptions.Item>
        <Descriptions.Item label="说明"><Input.TextArea rows={2} value={t.notes} onChange={(e) => setT({ ...t, notes: e.target.value })} /></Descriptions.Item>
        <Descriptions.Item label="新版本生效日期"><Input type="date" value={effectiveFrom} onChange={(e) => setEffectiveFrom(e.target.value)} style={{ width: 180 }} /></Descriptions.Item>
      </Descriptions>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
      <Button type="primary" style={{ marginTop: 12 }} loading={save.isPending} onClick={() => save.mutate()} data-testid="subsidy-save-version">保存为新版本</Button>
    </Card>
  );
}

export function PolicyDetailPage() {
  const { id } = useParams();
  const { user } = useAuth();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const q = useQuery({ queryKey: ['subsidy', 'policy', id], queryFn: () => api<PolicyDetail>(`/subsidy/policies/${id}`) });
  const p = q.data;
  if (!p) return <Card loading={q.isLoading}>{q.error ? (q.error as Error).message : null}</Card>;
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{p.name}</Typography.Title>}
      extra={<Space>
        {user && ['org_admin', 'org_member', 'platform_admin'].includes(user.role) && <Link to={`/subsidy/apply?policyId=${p.id}`}><Button type="primary">申请</Button></Link>}
        {isOffice(user) && <Button onClick={() => setEditing(!editing)} data-testid="subsidy-edit-policy">{editing ? '收起' : '修改政策'}</Button>}
      </Space>}>
      <Descriptions column={2} bordered size="small">
        <Descriptions.Item label="区域">{p.regionName}（{p.regionCode}）</Descriptions.Item>
        <Descriptions.Item label="年度">{p.year}</Descriptions.Item>
        <Descriptions.Item label="资助事项">{p.itemKindLabel}</Descriptions.Item>
        <Descriptions.Item label="现行版本">第 {p.currentVersion} 版（{p.effectiveFrom} 起）</Descriptions.Item>
        <Descriptions.Item label="金额规则" span={2}>{p.ruleText}</Descriptions.Item>
        <Descriptions.Item label="单项上限">{p.terms.perItemCapFen == null ? '不限' : yuan(p.terms.perItemCapFen)}</Descriptions.Item>
        <Descriptions.Item label="每单位每年上限">{p.terms.perOrgYearCapFen == null ? '不限' : yuan(p.terms.perOrgYearCapFen)}</Descriptions.Item>
        <Descriptions.Item label="官费比例上限">{p.terms.feeShareCapBp == null ? '无' : `各级资助总额不超过已缴官费的 ${p.terms.feeShareCapBp / 100}%`}</Descriptions.Item>
        <Descriptions.Item label="双人审核">申请金额超过 {yuan(p.terms.twoReviewerThresholdFen)} 须两名不同审核人</Descriptions.Item>
        <Descriptions.Item label="公示期">{p.terms.noticeDays} 天</Descriptions.Item>
        <Descriptions.Item label="仅限中小微企业">{p.terms.criteria.smeOnly ? '是' : '否'}</Descriptions.Item>
        <Descriptions.Item label="预算">{yuan(p.budget.budgetFen)}（已承诺 {yuan(p.budget.committedFen)}，已拨付 {yuan(p.budget.paidFen)}，余额 {yuan(p.budget.availableFen)}）</Descriptions.Item>
        <Descriptions.Item label="政策依据">{p.source}</Descriptions.Item>
        <Descriptions.Item label="政策内容" span={2}>{p.description}</Descriptions.Item>
        {p.notes && <Descriptions.Item label="说明" span={2}><Typography.Text type="secondary">{p.notes}</Typography.Text></Descriptions.Item>}
      </Descriptions>
      {editing && <><Divider /><VersionEditor policy={p} onSaved={() => { setEditing(false); void qc.invalidateQueries({ queryKey: ['subsidy'] }); }} /></>}
      <Divider orientation="left">版本记录</Divider>
      <Table rowKey="version" size="small" pagination={false} dataSource={[...p.versions].reverse()} data-testid="subsidy-versions"
        columns={[
          { title: '版本', dataIndex: 'version', width: 80, render: (v: number) => <Tag>第 {v} 版</Tag> },
          { title: '生效日期', dataIndex: 'effectiveFrom', width: 120 },
          { title: '金额规则', dataIndex: 'ruleText' },
          { title: '预算', width: 140, render: (_: unknown, v) => yuan(v.terms.budgetFen) },
        ]} />
    </Card>
  );
}
