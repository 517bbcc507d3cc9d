import { Button, Card, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { DEAL_KIND_LABELS, DEAL_STATE_LABELS } from '@zhuanhua/domain/deal/deal.schemas.ts';
import { optionsOf } from '../../lib/labels.ts';
import { downloadUrl } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { DEAL_STATE_COLORS, useDeals, type DealSummary } from './deal-api.ts';

export function DealListPage() {
  const [params, setParams] = useSearchParams();
  const { user } = useAuth();
  const q = {
    q: params.get('q') ?? undefined, kind: params.get('kind') ?? undefined, state: params.get('state') ?? undefined, year: params.get('year') ?? undefined,
    page: Number(params.get('page') ?? 1), pageSize: Number(params.get('pageSize') ?? 20), sort: params.get('sort') ?? '-contract_date',
  };
  const list = useDeals(q);
  const set = (k: string, v: string | number | null | undefined) => {
    const p = new URLSearchParams(params);
    if (v === undefined || v === null || v === '') p.delete(k); else p.set(k, String(v));
    if (k !== 'page') p.delete('page');
    setParams(p);
  };
  const canWrite = user && user.role !== 'auditor' && user.role !== 'bank_officer';
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>交易台账</Typography.Title>}
      extra={<Space>
        <Button icon={<DownloadOutlined />} href={downloadUrl('/deals/export', { q: q.q, kind: q.kind, state: q.state, year: q.year })}>导出 Excel</Button>
        {canWrite && <Link to="/deals/import"><Button icon={<UploadOutlined />}>导入历史交易</Button></Link>}
        {canWrite && <Link to="/deals/new"><Button type="primary" icon={<PlusOutlined />} data-testid="deal-new">登记交易</Button></Link>}
      </Space>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search placeholder="合同名称、当事方、申请号、登记号" allowClear defaultValue={q.q} onSearch={(v) => set('q', v)} style={{ width: 300 }} enterButton="查询" />
        <Select placeholder="交易类型" allowClear style={{ width: 120 }} value={q.kind} options={optionsOf(DEAL_KIND_LABELS)} onChange={(v) => set('kind', v)} />
        <Select placeholder="状态" allowClear style={{ width: 130 }} value={q.state} options={optionsOf(DEAL_STATE_LABELS)} onChange={(v) => set('state', v)} />
        <InputNumber placeholder="合同年度" min={1985} max={2100} style={{ width: 110 }} value={q.year ? Number(q.year) : null} onChange={(v) => set('year', v)} />
      </Space>
      <Table<DealSummary> rowKey="id" loading={list.isFetching} dataSource={list.data?.items ?? []} data-testid="deal-table"
        pagination={{ current: q.page, pageSize: q.pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (t) => `共 ${t} 笔`,
          onChange: (p, s) => { const np = new URLSearchParams(params); np.set('page', String(p)); np.set('pageSize', String(s)); setParams(np); } }}
        columns={[
          { title: '合同名称', dataIndex: 'title', render: (v: string, r) => <Link to={`/deals/${r.id}`}>{v}</Link> },
          { title: '类型', dataIndex: 'kindLabel', width: 140, render: (v: string, r) => <>{v}{r.licenceKindLabel ? `（${r.licenceKindLabel}）` : ''}</> },
          { title: '出让/许可方', width: 180, render: (_: unknown, r) => r.parties.filter((p) => p.side === 'out').map((p) => p.name).join('、') },
          { title: '受让/被许可方', width: 180, render: (_: unknown, r) => r.parties.filter((p) => p.side === 'in').map((p) => p.name).join('、') },
          { title: '专利', width: 70, render: (_: unknown, r) => `${r.patents.length} 件` },
          { title: '合同日期', dataIndex: 'contractDate', width: 110 },
          { title: '合同金额（万元）', width: 130, align: 'right', render: (_: unknown, r) => r.contractAmount.wan },
          { title: '实际到账（万元）', width: 130, align: 'right', render: (_: unknown, r) => r.received.wan },
          { title: '状态', dataIndex: 'state', width: 110, render: (v: string, r) => <Tag color={DEAL_STATE_COLORS[v]}>{r.stateLabel}</Tag> },
        ]} />
    </Card>
  );
}
