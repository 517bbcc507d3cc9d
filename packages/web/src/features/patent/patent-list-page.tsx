import { useState } from 'react';
import { Button, Card, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { downloadUrl, type Query } from '../../api/client.ts';
import { GeneratedTag } from '../../components/generated-tag.tsx';
import { RegionSelect } from '../../components/region-select.tsx';
import { LEGAL_STATUS_LABELS, ORG_TYPE_LABELS, PATENT_TYPE_LABELS, STATUS_COLORS, optionsOf } from '../../lib/labels.ts';
import { usePatents, type PatentSummary } from './patent-api.ts';

export function PatentListPage() {
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const filters: Query = {
    q: params.get('q') ?? undefined, type: params.get('type') ?? undefined, status: params.get('status') ?? undefined, ipc: params.get('ipc') ?? undefined,
    holderType: params.get('holderType') ?? undefined, region: params.get('region') ?? undefined, year: params.get('year') ?? undefined,
    holderId: params.get('holderId') ?? undefined,
  };
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const sort = params.get('sort') ?? undefined;
  const list = usePatents({ ...filters, page, pageSize, sort });
  const set = (k: string, v: string | number | boolean | undefined | null) => {
    const p = new URLSearchParams(params);
    if (v === undefined || v === null || v === '') p.delete(k); else p.set(k, String(v));
    if (k !== 'page') p.delete('page');
    setParams(p);
  };
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>专利检索</Typography.Title>}
      extra={<Button icon={<DownloadOutlined />} href={downloadUrl('/patents/export', filters)}>导出 Excel</Button>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search placeholder="名称、摘要、申请号、公开号或权利人" allowClear value={q} onChange={(e) => setQ(e.target.value)} onSearch={(v) => set('q', v)} style={{ width: 320 }} data-testid="patent-search" enterButton="检索" />
        <Select placeholder="专利类型" allowClear style={{ width: 120 }} value={filters.type ?? undefined} options={optionsOf(PATENT_TYPE_LABELS)} onChange={(v) => set('type', v)} />
        <Select placeholder="法律状态" allowClear style={{ width: 110 }} value={filters.status ?? undefined} options={optionsOf(LEGAL_STATUS_LABELS)} onChange={(v) => set('status', v)} />
        <Select placeholder="权利人类型" allowClear style={{ width: 130 }} value={filters.holderType ?? undefined} options={optionsOf(ORG_TYPE_LABELS)} onChange={(v) => set('holderType', v)} />
        <Input placeholder="IPC，如 H01M" allowClear style={{ width: 140 }} defaultValue={String(filters.ipc ?? '')} onPressEnter={(e) => set('ipc', (e.target as HTMLInputElement).value)} onBlur={(e) => set('ipc', e.target.value)} />
        <RegionSelect onChange={(v) => set('region', v)} />
        <InputNumber placeholder="申请年" min={1985} max={2100} style={{ width: 100 }} value={filters.year ? Number(filters.year) : null} onChange={(v) => set('year', v)} />
      </Space>
      <Table<PatentSummary> rowKey="id" loading={list.isFetching} dataSource={list.data?.items ?? []} data-testid="patent-table"
        onChange={(p, _f, s) => {
          const so = Array.isArray(s) ? s[0] : s;
          const np = new URLSearchParams(params);
          np.set('page', String(p.current ?? 1)); np.set('pageSize', String(p.pageSize ?? 20));
          if (so?.order && so.field) np.set('sort', `${so.order === 'descend' ? '-' : ''}${String(so.field)}`); else np.delete('sort');
          setParams(np);
        }}
        pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (t) => `共 ${t} 件` }}
        columns={[
          { title: '申请号', dataIndex: 'applicationNumber', width: 160, render: (v: string, r) => <Link to={`/patents/${r.id}`}>{v}</Link> },
          { title: '名称', dataIndex: 'title', render: (v: string, r) => <Space><Link to={`/patents/${r.id}`}>{v}</Link><GeneratedTag fields={r.generatedFields} source={r.source} /></Space> },
          { title: '类型', dataIndex: 'type', width: 90, render: (v: string) => PATENT_TYPE_LABELS[v as keyof typeof PATENT_TYPE_LABELS] },
          { title: '权利人', dataIndex: 'holders', width: 200, render: (h: PatentSummary['holders']) => h.map((x) => (x.orgId ? <Link key={x.name} to={`/organisations/${x.orgId}`}>{x.name} </Link> : <span key={x.name}>{x.name} </span>)) },
          { title: '主分类号', dataIndex: 'ipcMain', width: 110 },
          { title: '申请日', dataIndex: 'filingDate', width: 110, sorter: true },
          { title: '状态', dataIndex: 'legalStatus', width: 80, render: (v: string) => <Tag color={STATUS_COLORS[v]}>{LEGAL_STATUS_LABELS[v as keyof typeof LEGAL_STATUS_LABELS]}</Tag> },
        ]} />
    </Card>
  );
}
