import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ENHANCEMENT_LABELS, PLEDGE_STATE_LABELS, RISK_PARTIES, RISK_PARTY_LABELS, RISK_SHARE_PRESETS, VALUATION_METHOD_LABELS, formatBp } from '@zhuanhua/domain/pledge/index.ts';
import { api, downloadUrl } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { ImportPanel } from '../../components/import-panel.tsx';
import { optionsOf } from '../../lib/labels.ts';
import { FormButton, todayCn, usePaged, wan, type Field } from './pledge-ui.tsx';

type PledgeSummary = {
  id: number; state: string; stateLabel: string; pledgorName: string; pledgeeName: string | null; applicationDate: string | null; requestedAmountFen: number | null;
  loanAmountFen: number | null; registrationNo: string | null; registrationDate: string | null; patentCount: number; batchName: string | null; pledgorOrgId: number;
};
type PledgeDetail = PledgeSummary & {
  purpose: string | null; actions: string[]; coverageRatioBp: number | null; pledgeRateBp: number | null; securedAmountFen: number | null; releasedDate: string | null;
  valuation: { method: string; valueFen: number; appraiser: string; feeFen: number; date: string } | null;
  decision: { approvedAmountFen: number | null; date: string; reason: string | null } | null;
  registration: { registrationNo: string; registrationDate: string; securedAmountFen: number; debtTermStart: string; debtTermEnd: string } | null;
  loan: { amountFen: number; rateBp: number; start: string; end: string; enhancement: string; enhancerName: string | null; premiumFen: number; riskShare: Record<string, number>; repaidPrincipalFen: number; outstandingFen: number } | null;
  default: { date: string; unpaidInterestFen: number } | null;
  claim: { date: string; lossFen: number; fundPaysFen: number; recoveredFen: number } | null;
  patents: { id: number; applicationNumber: string; title: string; legalStatus: string; expiry: string | null }[];
  repayments: { id: number; date: string; principalFen: number; interestFen: number }[];
};

const STATE_COLORS: Record<string, string> = { applied: 'blue', valued: 'cyan', approved: 'geekblue', registered: 'purple', disbursed: 'orange', repaid: 'green', released: 'default', rejected: 'red', defaulted: 'red', compensated: 'magenta', withdrawn: 'default' };

export function PledgeListPage() {
  const { user } = useAuth();
  const navigate = useNavigate();
  const [state, setState] = useState<string | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const { q: list, pagination } = usePaged<PledgeSummary>('pledges', '/pledges', { state, q });
  const batches = useQuery({ queryKey: ['pledges', 'batches'], queryFn: () => api<{ items: { id: number; name: string; bankName: string }[] }>('/pledge-batches'), enabled: !!user });
  if (!user) return <Alert type="info" showIcon message="请先登录：企业查看本企业的质押融资，银行查看本行贷款，知识产权局查看全部。" />;
  const canApply = user.role === 'org_admin' || user.role === 'org_member' || user.role === 'platform_admin';
  const applyFields: Field[] = [
    ...(user.role === 'platform_admin' ? [{ name: 'pledgorOrgId', label: '出质企业', type: 'org', required: true } as Field] : []),
    { name: 'pledgeeOrgId', label: '贷款银行（质权人）', type: 'org', orgType: 'bank', required: true },
    { name: 'patentIds', label: '质押专利', type: 'patents', holderOrgId: user.role === 'platform_admin' ? null : user.orgId, required: true },
    { name: 'requestedAmountFen', label: '申请金额', type: 'wan', required: true },
    { name: 'valuerOrgId', label: '评估机构（可选，其服务专员可录入评估结果）', type: 'org', orgType: 'service_agency' },
    { name: 'applicationDate', label: '申请日期', type: 'date', required: true, initial: todayCn() },
    { name: 'purpose', label: '资金用途', type: 'textarea' },
    { name: 'batchId', label: '集合授信批次（园区企业，可选）', type: 'select', options: (batches.data?.items ?? []).map((b) => ({ value: b.id, label: `${b.name}（${b.bankName}）` })) },
  ];
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>专利质押融资</Typography.Title>}
      extra={<Space>
        {canApply && <FormButton label="申请质押贷款" type="primary" testId="pledge-apply" endpoint="/pledges" fields={applyFields} invalidate={[['pledges']]}
          onDone={(r) => navigate(`/pledges/${(r as { id: number }).id}`)} />}
        <Link to="/pledge-batches">集合授信</Link>
        <Button icon={<DownloadOutlined />} href={downloadUrl('/pledges/export', { state, q })}>导出 Excel</Button>
      </Space>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search placeholder="出质人、银行或登记号" allowClear onSearch={(v) => setQ(v || undefined)} style={{ width: 280 }} enterButton="检索" />
        <Select placeholder="状态" allowClear style={{ width: 140 }} value={state} onChange={setState} options={optionsOf(PLEDGE_STATE_LABELS)} />
      </Space>
      <Table<PledgeSummary> rowKey="id" loading={list.isFetching} dataSource={list.data?.items ?? []} pagination={pagination} data-testid="pledge-table"
        columns={[
          { title: '编号', dataIndex: 'id', width: 70, render: (v: number) => <Link to={`/pledges/${v}`}>#{v}</Link> },
          { title: '出质人', dataIndex: 'pledgorName', render: (v: string, r) => <Link to={`/pledges/${r.id}`}>{v}</Link> },
          { title: '质权人', dataIndex: 'pledgeeName' },
          { title: '专利数', dataIndex: 'patentCount', width: 80 },
          { title: '申请金额', dataIndex: 'requestedAmountFen', render: wan },
          { title: '贷款金额', dataIndex: 'loanAmountFen', render: wan },
          { title: '登记号', dataIndex: 'registrationNo' },
          { title: '登记日期', dataIndex: 'registrationDate', width: 110 },
          { title: '状态', dataIndex: 'state', width: 110, render: (v: string, r) => <Tag color={STATE_COLORS[v]}>{r.stateLabel}</Tag> },
        ]} />
    </Card>
  );
}

const riskFields: Field[] = RISK_PARTIES.map((p) => ({ name: `rs_${p}`, label: `${RISK_PARTY_LABELS[p]}分担比例`, type: 'percent', initial: RISK_SHARE_PRESETS.zhongshan!.share[p] / 100 }));

export function PledgeDetailPage() {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const d = useQuery({ queryKey: ['pledges', 'detail', id], queryFn: () => api<PledgeDetail>(`/pledges/${id}`) });
  if (d.error) return <Alert type="error" showIcon message={(d.error as Error).message} />;
  const p = d.data;
  if (!p) return <Card loading />;
  const inv = [['pledges']];
  const act = (a: string) => p.actions.includes(a);
  const base = `/pledges/${id}`;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title={<Space><span>质押融资 #{p.id}</span><Tag color={STATE_COLORS[p.state]} data-testid="pledge-state">{p.stateLabel}</Tag></Space>}
        extra={<Space wrap>
          {act('value') && <FormButton label="录入评估" testId="act-value" endpoint={`${base}/valuation`} invalidate={inv} fields={[
            { name: 'method', label: '评估方法', type: 'select', options: optionsOf(VALUATION_METHOD_LABELS), required: true, initial: 'income' },
            { name: 'valueFen', label: '评估价值', type: 'wan', required: true }, { name: 'appraiser', label: '评估机构', required: true },
            { name: 'feeFen', label: '评估费', type: 'wan', initial: '0' }, { name: 'reportNo', label: '评估报告编号' },
            { name: 'valuationDate', label: '评估日期', type: 'date', required: true, initial: todayCn() }]} />}
          {act('decide') && <FormButton label="银行审批" type="primary" testId="act-decide" endpoint={`${base}/decision`} invalidate={inv} fields={[
            { name: 'approve', label: '批准', type: 'select', options: [{ value: 1, label: '批准' }, { value: 0, label: '拒绝' }], required: true, initial: 1 },
            { name: 'approvedAmountFen', label: '批准金额', type: 'wan', initial: p.requestedAmountFen != null ? String(p.requestedAmountFen / 1_000_000) : undefined },
            { name: 'reason', label: '意见/拒绝理由', type: 'textarea' }, { name: 'decisionDate', label: '审批日期', type: 'date', required: true, initial: todayCn() }]}
            build={(b) => ({ ...b, approve: b.approve === 1 })} />}
          {act('register') && <FormButton label="质押登记" type="primary" testId="act-register" endpoint={`${base}/registration`} invalidate={inv} fields={[
            { name: 'registrationNo', label: '质押登记号', required: true }, { name: 'registrationDate', label: '登记日期', type: 'date', required: true, initial: todayCn() },
            { name: 'securedAmountFen', label: '被担保债权数额', type: 'wan', required: true, initial: p.decision?.approvedAmountFen != null ? String(p.decision.approvedAmountFen / 1_000_000) : undefined },
            { name: 'debtTermStart', label: '债务履行期限起', type: 'date', required: true }, { name: 'debtTermEnd', label: '债务履行期限止', type: 'date', required: true },
            { name: 'debtType', label: '债务类型', initial: '借款' }]} />}
          {act('disburse') && <FormButton label="放款" type="primary" testId="act-disburse" endpoint={`${base}/loan`} invalidate={inv} fields={[
            { name: 'loanAmountFen', label: '贷款金额', type: 'wan', required: true, initial: p.registration ? String(p.registration.securedAmountFen / 1_000_000) : undefined },
            { name: 'rateBp', label: '年利率', type: 'percent', required: true, initial: 3.85 },
            { name: 'loanStart', label: '放款日', type: 'date', required: true, initial: p.registration?.debtTermStart }, { name: 'loanEnd', label: '到期日', type: 'date', required: true, initial: p.registration?.debtTermEnd },
            { name: 'enhancement', label: '增信方式', type: 'select', options: optionsOf(ENHANCEMENT_LABELS), initial: 'none', required: true },
            { name: 'enhancerName', label: '保险/担保机构' }, { name: 'premiumFen', label: '保费/担保费', type: 'wan', initial: '0' }, ...riskFields]}
            build={(b) => {
              const out: Record<string, unknown> = {}; const share: Record<string, number> = {};
              for (const [k, v] of Object.entries(b)) if (k.startsWith('rs_')) share[k.slice(3)] = v as number; else out[k] = v;
              for (const pt of RISK_PARTIES) share[pt] ??= 0;
              return { ...out, riskShare: share };
            }} />}
          {act('repay') && <FormButton label="登记还款" testId="act-repay" endpoint={`${base}/repayments`} invalidate={inv} fields={[
            { name: 'date', label: '还款日期', type: 'date', required: true, initial: todayCn() },
            { name: 'principalFen', label: '本金', type: 'wan', required: true, initial: p.loan ? String(p.loan.outstandingFen / 1_000_000) : undefined },
            { name: 'interestFen', label: '利息', type: 'wan', initial: '0' }]} />}
          {act('release') && <FormButton label="解除质押" testId="act-release" endpoint={`${base}/release`} invalidate={inv} fields={[{ name: 'releasedDate', label: '解除（注销）日期', type: 'date', required: true, initial: todayCn() }]} />}
          {act('default') && <FormButton label="登记违约" danger testId="act-default" endpoint={`${base}/default`} invalidate={inv} fields={[
            { name: 'defaultDate', label: '违约日期', type: 'date', required: true, initial: todayCn() }, { name: 'unpaidInterestFen', label: '欠息', type: 'wan', initial: '0' }, { name: 'note', label: '说明', type: 'textarea' }]} />}
          {act('claim') && <FormButton label="申请风险补偿" testId="act-claim" endpoint={`${base}/claim`} invalidate={inv} fields={[
            { name: 'claimDate', label: '申请日期', type: 'date', required: true, initial: todayCn() }, { name: 'recoveredFen', label: '已处置回收金额', type: 'wan', initial: '0' },
            { name: 'includeInterest', label: '欠息计入损失', type: 'bool' }, { name: 'fundCapFen', label: '补偿资金单笔上限（可选）', type: 'wan' }]} />}
          {act('withdraw') && <Button danger onClick={() => void api(`${base}/withdraw`, { method: 'POST', body: {} }).then(() => qc.invalidateQueries({ queryKey: ['pledges'] }))}>撤回申请</Button>}
        </Space>}>
        <Descriptions column={{ xs: 1, md: 3 }} bordered size="small">
          <Descriptions.Item label="出质人">{p.pledgorName}</Descriptions.Item>
          <Descriptions.Item label="质权人">{p.pledgeeName}</Descriptions.Item>
          <Descriptions.Item label="集合授信">{p.batchName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="申请日期">{p.applicationDate}</Descriptions.Item>
          <Descriptions.Item label="申请金额">{wan(p.requestedAmountFen)}</Descriptions.Item>
          <Descriptions.Item label="资金用途">{p.purpose ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="评估">{p.valuation ? `${VALUATION_METHOD_LABELS[p.valuation.method as keyof typeof VALUATION_METHOD_LABELS]} ${wan(p.valuation.valueFen)}（${p.valuation.appraiser}，${p.valuation.date}）` : '—'}</Descriptions.Item>
          <Descriptions.Item label="覆盖率（评估值/贷款）">{p.coverageRatioBp != null ? formatBp(p.coverageRatioBp) : '—'}</Descriptions.Item>
          <Descriptions.Item label="质押率（贷款/评估值）">{p.pledgeRateBp != null ? formatBp(p.pledgeRateBp) : '—'}</Descriptions.Item>
          <Descriptions.Item label="审批">{p.decision ? `${p.decision.date} ${p.decision.approvedAmountFen != null ? `批准 ${wan(p.decision.approvedAmountFen)}` : `拒绝：${p.decision.reason ?? ''}`}` : '—'}</Descriptions.Item>
          <Descriptions.Item label="质押登记">{p.registration ? `${p.registration.registrationNo}（${p.registration.registrationDate}）` : '—'}</Descriptions.Item>
          <Descriptions.Item label="债务履行期限">{p.registration ? `${p.registration.debtTermStart} 至 ${p.registration.debtTermEnd}` : '—'}</Descriptions.Item>
          <Descriptions.Item label="贷款">{p.loan ? `${wan(p.loan.amountFen)}，年利率 ${formatBp(p.loan.rateBp)}，${p.loan.start} 至 ${p.loan.end}` : '—'}</Descriptions.Item>
          <Descriptions.Item label="增信">{p.loan ? `${ENHANCEMENT_LABELS[p.loan.enhancement as keyof typeof ENHANCEMENT_LABELS] ?? p.loan.enhancement} ${p.loan.enhancerName ?? ''} 费用 ${wan(p.loan.premiumFen)}` : '—'}</Descriptions.Item>
          <Descriptions.Item label="风险分担">{p.loan?.riskShare ? RISK_PARTIES.filter((k) => p.loan!.riskShare[k]).map((k) => `${RISK_PARTY_LABELS[k]} ${formatBp(p.loan!.riskShare[k]!)}`).join('，') : '—'}</Descriptions.Item>
          <Descriptions.Item label="剩余本金"><span data-testid="pledge-outstanding">{p.loan ? wan(p.loan.outstandingFen) : '—'}</span></Descriptions.Item>
          <Descriptions.Item label="解除日期">{p.releasedDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="风险补偿">{p.claim ? `损失 ${wan(p.claim.lossFen)}，补偿资金支付 ${wan(p.claim.fundPaysFen)}` : '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="质押专利" size="small">
        <Table rowKey="id" size="small" pagination={false} dataSource={p.patents} columns={[
          { title: '申请号', dataIndex: 'applicationNumber', render: (v: string, r) => <Link to={`/patents/${r.id}`}>{v}</Link> },
          { title: '名称', dataIndex: 'title' }, { title: '有效期至', dataIndex: 'expiry' }]} />
      </Card>
      <Card title="还款记录" size="small">
        <Table rowKey="id" size="small" pagination={false} dataSource={p.repayments} columns={[
          { title: '日期', dataIndex: 'date' }, { title: '本金', dataIndex: 'principalFen', render: wan }, { title: '利息', dataIndex: 'interestFen', render: wan }]} />
      </Card>
    </Space>
  );
}

type Batch = { id: number; name: string; bankName: string; parkName: string | null; creditLineFen: number; startDate: string; endDate: string; summary: { members: number; enterprises: number; usedFen: number; remainingFen: number; registered: number } | null };

export function PledgeBatchPage() {
  const { user } = useAuth();
  const list = useQuery({ queryKey: ['pledges', 'batches'], queryFn: () => api<{ items: Batch[] }>('/pledge-batches'), enabled: !!user });
  const [sel, setSel] = useState<number | null>(null);
  const detail = useQuery({ queryKey: ['pledges', 'batch', sel], queryFn: () => api<Batch>(`/pledge-batches/${sel}`), enabled: sel !== null });
  const canCreate = user?.role === 'bank_officer' || user?.role === 'platform_admin';
  return (
    <Card title="集合授信（园区企业批量质押融资）" extra={canCreate && <FormButton label="新建授信批次" type="primary" endpoint="/pledge-batches" invalidate={[['pledges']]} fields={[
      { name: 'name', label: '批次名称', required: true }, ...(user?.role === 'platform_admin' ? [{ name: 'bankOrgId', label: '授信银行', type: 'org', orgType: 'bank', required: true } as Field] : []),
      { name: 'parkName', label: '园区' }, { name: 'creditLineFen', label: '授信额度', type: 'wan', required: true },
      { name: 'startDate', label: '开始日期', type: 'date', required: true, initial: todayCn() }, { name: 'endDate', label: '结束日期', type: 'date', required: true }]}
      build={(b) => ({ bankOrgId: user?.orgId ?? 0, ...b })} />}>
      <Table<Batch> rowKey="id" dataSource={list.data?.items ?? []} pagination={false} onRow={(r) => ({ onClick: () => setSel(r.id) })} columns={[
        { title: '批次', dataIndex: 'name' }, { title: '银行', dataIndex: 'bankName' }, { title: '园区', dataIndex: 'parkName' },
        { title: '授信额度', dataIndex: 'creditLineFen', render: wan }, { title: '期限', render: (_: unknown, r) => `${r.startDate} 至 ${r.endDate}` }]} />
      {detail.data?.summary && (
        <Descriptions style={{ marginTop: 16 }} bordered size="small" title={detail.data.name}>
          <Descriptions.Item label="申请项目">{detail.data.summary.members}</Descriptions.Item>
          <Descriptions.Item label="企业数">{detail.data.summary.enterprises}</Descriptions.Item>
          <Descriptions.Item label="已登记">{detail.data.summary.registered}</Descriptions.Item>
          <Descriptions.Item label="已用额度">{wan(detail.data.summary.usedFen)}</Descriptions.Item>
          <Descriptions.Item label="剩余额度">{wan(detail.data.summary.remainingFen)}</Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

export function PledgeImportPage() {
  const qc = useQueryClient();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4}>导入质押登记记录</Typography.Title>
      <Typography.Paragraph type="secondary">表头：出质人、质权人、质押登记号、登记日期、被担保债权数额(万元)、债务起始日、债务到期日、专利申请号（多个用分号分隔）、贷款金额(万元)、状态（已登记/已解除）、解除日期。出质人、质权人须已登记为机构，专利须已在专利库中。</Typography.Paragraph>
      <ImportPanel title="上传质押登记清单" endpoint="/imports/pledges" templatePath="/imports/pledges/template" onDone={() => void qc.invalidateQueries({ queryKey: ['pledges'] })} />
    </Space>
  );
}
