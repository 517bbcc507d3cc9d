import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FILING_STATE_LABELS, PRODUCT_CATEGORIES } from '@zhuanhua/domain/product-filing/index.ts';
import { api, downloadUrl } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { ImportPanel } from '../../components/import-panel.tsx';
import { optionsOf } from '../../lib/labels.ts';
import { FormButton, todayCn, usePaged, wan, type Field } from '../pledge/pledge-ui.tsx';

type Filing = { id: number; orgName: string; productName: string; category: string; filingNo: string | null; filingDate: string | null; state: string; stateLabel: string; patentCount: number; latestYear: number | null; latestOutputFen: number | null; orgId: number };
type FilingDetail = Filing & {
  productionStart: string | null; description: string | null; reviewReason: string | null;
  patents: { id: number; applicationNumber: string; title: string; role: 'own' | 'licensed'; legalStatus: string }[];
  check: { date: string; problems: { message: string }[] };
  reports: { year: number; outputFen: number; salesFen: number; exportFen: number; jobs: number }[];
};
const COLORS: Record<string, string> = { draft: 'default', submitted: 'blue', filed: 'green', returned: 'orange', withdrawn: 'default' };
const categoryOptions = PRODUCT_CATEGORIES.map((c) => ({ value: c, label: c }));

export function FilingListPage() {
  const { user } = useAuth();
  const navigate = useNavigate();
  const [state, setState] = useState<string | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const { q: list, pagination } = usePaged<Filing>('product-filings', '/product-filings', { state, q });
  if (!user) return <Alert type="info" showIcon message="请先登录：企业查看本企业的备案，知识产权局审核全部备案。" />;
  const canCreate = user.role === 'org_admin' || user.role === 'org_member' || user.role === 'platform_admin';
  const fields: Field[] = [
    ...(user.role === 'platform_admin' ? [{ name: 'orgId', label: '备案主体', type: 'org', required: true } as Field] : []),
    { name: 'productName', label: '产品名称', required: true }, { name: 'category', label: '产品类别', type: 'select', options: categoryOptions, required: true },
    { name: 'productionStart', label: '投产日期', type: 'date' }, { name: 'description', label: '产品简介', type: 'textarea' },
    { name: 'ownPatents', label: '实施的自有专利', type: 'patents', holderOrgId: user.role === 'platform_admin' ? null : user.orgId },
    { name: 'licensedPatents', label: '实施的被许可专利', type: 'patents', help: '须有覆盖备案日的许可记录（交易台账）' },
    { name: 'integrityPledge', label: '本单位承诺所填信息真实、准确（诚信承诺）', type: 'bool', required: true },
  ];
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>专利产品备案</Typography.Title>}
      extra={<Space>
        {canCreate && <FormButton label="新建备案" type="primary" testId="filing-new" endpoint="/product-filings" fields={fields} invalidate={[['product-filings']]}
          build={(b) => {
            const { ownPatents, licensedPatents, ...rest } = b as { ownPatents?: number[]; licensedPatents?: number[] };
            return { ...rest, patents: [...(ownPatents ?? []).map((patentId) => ({ patentId, role: 'own' })), ...(licensedPatents ?? []).map((patentId) => ({ patentId, role: 'licensed' }))] };
          }}
          onDone={(r) => navigate(`/product-filings/${(r as { id: number }).id}`)} />}
        <Button icon={<DownloadOutlined />} href={downloadUrl('/product-filings/export', { state, q })}>导出 Excel</Button>
      </Space>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search placeholder="产品、企业或备案号" allowClear onSearch={(v) => setQ(v || undefined)} style={{ width: 280 }} enterButton="检索" />
        <Select placeholder="状态" allowClear style={{ width: 140 }} value={state} onChange={setState} options={optionsOf(FILING_STATE_LABELS)} />
      </Space>
      <Table<Filing> rowKey="id" loading={list.isFetching} dataSource={list.data?.items ?? []} pagination={pagination} data-testid="filing-table" columns={[
        { title: '产品名称', dataIndex: 'productName', render: (v: string, r) => <Link to={`/product-filings/${r.id}`}>{v}</Link> },
        { title: '备案主体', dataIndex: 'orgName' }, { title: '类别', dataIndex: 'category' }, { title: '备案号', dataIndex: 'filingNo' },
        { title: '备案日期', dataIndex: 'filingDate', width: 110 }, { title: '专利数', dataIndex: 'patentCount', width: 80 },
        { title: '最近年度产值', render: (_: unknown, r) => (r.latestYear ? `${r.latestYear} 年 ${wan(r.latestOutputFen)}` : '—') },
        { title: '状态', dataIndex: 'state', width: 100, render: (v: string, r) => <Tag color={COLORS[v]}>{r.stateLabel}</Tag> },
      ]} />
    </Card>
  );
}

export function FilingDetailPage() {
  const id = Number(useParams().id);
  const { user } = useAuth();
  const d = useQuery({ queryKey: ['product-filings', 'detail', id], queryFn: () => api<FilingDetail>(`/product-filings/${id}`) });
  if (d.error) return <Alert type="error" showIcon message={(d.error as Error).message} />;
  const f = d.data;
  if (!f || !user) return <Card loading />;
  const inv = [['product-filings']];
  const owner = user.role === 'platform_admin' || user.orgId === f.orgId;
  const office = user.role === 'platform_admin';
  const base = `/product-filings/${id}`;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title={<Space><span>{f.productName}</span><Tag color={COLORS[f.state]} data-testid="filing-state">{f.stateLabel}</Tag></Space>}
        extra={<Space wrap>
          {owner && (f.state === 'draft' || f.state === 'returned') && <FormButton label="提交备案" type="primary" testId="filing-submit" endpoint={`${base}/submit`} invalidate={inv}
            fields={[{ name: 'filingDate', label: '备案日期', type: 'date', required: true, initial: todayCn() }]} />}
          {office && f.state === 'submitted' && <FormButton label="审核" type="primary" testId="filing-review" endpoint={`${base}/review`} invalidate={inv} fields={[
            { name: 'approve', label: '审核结论', type: 'select', options: [{ value: 1, label: '通过（予以备案）' }, { value: 0, label: '退回' }], required: true, initial: 1 },
            { name: 'reason', label: '意见', type: 'textarea' }]} build={(b) => ({ ...b, approve: b.approve === 1 })} />}
          {owner && f.state === 'filed' && <FormButton label="报送年度数据" type="primary" testId="filing-report" endpoint={`${base}/reports`} invalidate={inv} fields={[
            { name: 'year', label: '年度', type: 'int', required: true, initial: Number(todayCn().slice(0, 4)) - 1 },
            { name: 'outputFen', label: '产值', type: 'wan', required: true }, { name: 'salesFen', label: '销售额', type: 'wan', required: true },
            { name: 'exportFen', label: '出口额', type: 'wan', initial: '0' }, { name: 'ipInvestmentFen', label: '知识产权投入', type: 'wan', initial: '0' },
            { name: 'jobs', label: '带动就业（人）', type: 'int', required: true }]} />}
          {owner && (f.state === 'filed' || f.state === 'draft' || f.state === 'returned') && <FormButton label="撤销备案" danger endpoint={`${base}/withdraw`} invalidate={inv} fields={[{ name: 'reason', label: '撤销理由', required: true }]} />}
        </Space>}>
        <Descriptions column={{ xs: 1, md: 3 }} bordered size="small">
          <Descriptions.Item label="备案主体">{f.orgName}</Descriptions.Item>
          <Descriptions.Item label="类别">{f.category}</Descriptions.Item>
          <Descriptions.Item label="备案号"><span data-testid="filing-no">{f.filingNo ?? '—'}</span></Descriptions.Item>
          <Descriptions.Item label="备案日期">{f.filingDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="投产日期">{f.productionStart ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="审核意见">{f.reviewReason ?? '—'}</Descriptions.Item>
        </Descriptions>
        {f.check.problems.length > 0 && f.state !== 'withdrawn' && (
          <Alert style={{ marginTop: 12 }} type="warning" showIcon message={`专利校验（${f.check.date}）未通过`} description={f.check.problems.map((p) => <div key={p.message}>{p.message}</div>)} />
        )}
      </Card>
      <Card title="产品实施的专利" size="small">
        <Table rowKey="id" size="small" pagination={false} dataSource={f.patents} columns={[
          { title: '申请号', dataIndex: 'applicationNumber', render: (v: string, r) => <Link to={`/patents/${r.id}`}>{v}</Link> },
          { title: '名称', dataIndex: 'title' }, { title: '来源', dataIndex: 'role', render: (v: string) => (v === 'own' ? '自有' : '被许可') }]} />
      </Card>
      <Card title="年度效果追踪" size="small">
        <Table rowKey="year" size="small" pagination={false} dataSource={f.reports} data-testid="filing-reports" columns={[
          { title: '年度', dataIndex: 'year' }, { title: '产值', dataIndex: 'outputFen', render: wan }, { title: '销售额', dataIndex: 'salesFen', render: wan },
          { title: '出口额', dataIndex: 'exportFen', render: wan }, { title: '带动就业（人）', dataIndex: 'jobs' }]} />
      </Card>
    </Space>
  );
}

export function FilingImportPage() {
  const qc = useQueryClient();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4}>导入已备案的专利产品</Typography.Title>
      <Typography.Paragraph type="secondary">表头：备案主体、产品名称、产品类别、备案号、备案日期、投产日期、专利申请号（多个用分号分隔）、报送年度、产值(万元)、销售额(万元)、带动就业(人)。每件专利须在备案日有效，且为备案主体所有或有许可记录。</Typography.Paragraph>
      <ImportPanel title="上传备案清单" endpoint="/imports/product-filings" templatePath="/imports/product-filings/template" onDone={() => void qc.invalidateQueries({ queryKey: ['product-filings'] })} />
    </Space>
  );
}
