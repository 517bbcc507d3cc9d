import { Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { FEE_MODE_LABELS } from '@zhuanhua/domain/licence/licence.schemas.ts';
import { optionsOf } from '../../lib/labels.ts';
import { useAuth } from '../../app/auth.tsx';
import { useCatalogue, type Declaration } from './licence-api.ts';

/** The public open-licence catalogue (开放许可目录). */
export function CataloguePage() {
  const [params, setParams] = useSearchParams();
  const { user } = useAuth();
  const q = { q: params.get('q') ?? undefined, feeMode: params.get('feeMode') ?? undefined, payLater: params.get('payLater') ?? undefined, page: Number(params.get('page') ?? 1), pageSize: Number(params.get('pageSize') ?? 20) };
  const list = useCatalogue(q);
  const set = (k: string, v: string | undefined | null) => {
    const p = new URLSearchParams(params);
    if (!v) p.delete(k); else p.set(k, v);
    if (k !== 'page') p.delete('page');
    setParams(p);
  };
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>开放许可目录</Typography.Title>}
      extra={user && (user.role === 'org_admin' || user.role === 'org_member') && <Link to="/open-licence/declare"><Button type="primary" data-testid="declare-open-licence">声明开放许可</Button></Link>}>
      <Typography.Paragraph type="secondary">
        专利权人公开声明愿意许可任何单位或个人实施，并明确许可使用费支付方式和标准（专利法第五十条）。企业书面通知专利权人并按公告标准付费即可获得许可，条件对所有被许可方相同；
        标注“先使用后付费”的可在试用期内免费实施。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search placeholder="专利名称、申请号、专利权人、IPC" allowClear defaultValue={q.q} onSearch={(v) => set('q', v)} style={{ width: 320 }} enterButton="检索" data-testid="catalogue-search" />
        <Select placeholder="付费方式" allowClear style={{ width: 140 }} value={q.feeMode} options={optionsOf(FEE_MODE_LABELS)} onChange={(v) => set('feeMode', v)} />
        <Select placeholder="先使用后付费" allowClear style={{ width: 150 }} value={q.payLater} options={[{ value: 'true', label: '先使用后付费' }, { value: 'false', label: '无试用期' }]} onChange={(v) => set('payLater', v)} />
      </Space>
      <Table<Declaration> rowKey="id" loading={list.isFetching} dataSource={list.data?.items ?? []} data-testid="catalogue-table"
        pagination={{ current: q.page, pageSize: q.pageSize, total: list.data?.total ?? 0, showTotal: (t) => `共 ${t} 项`, onChange: (p, s) => { const np = new URLSearchParams(params); np.set('page', String(p)); np.set('pageSize', String(s)); setParams(np); } }}
        columns={[
          { title: '专利名称', dataIndex: 'title', render: (v: string, r) => <Space direction="vertical" size={0}><Link to={`/open-licence/${r.id}`}>{v}</Link><Typography.Text type="secondary">{r.applicationNumber} · {r.patentTypeLabel} · {r.ipcMain ?? ''}</Typography.Text></Space> },
          { title: '专利权人', dataIndex: 'holderName', width: 180 },
          { title: '许可使用费', dataIndex: 'feeText', render: (v: string, r) => <Space direction="vertical" size={0}>{r.payLater && <Tag color="green">先使用后付费</Tag>}<span>{v}</span></Space> },
          { title: '许可期限', dataIndex: 'licenceYears', width: 90, render: (v: number) => `${v} 年` },
          { title: '公布日', dataIndex: 'publishedDate', width: 110 },
          { title: '已许可', dataIndex: 'licenceCount', width: 80, render: (v: number) => `${v} 家` },
        ]} />
    </Card>
  );
}
