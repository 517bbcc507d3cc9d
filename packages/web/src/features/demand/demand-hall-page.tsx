import { useState } from 'react';
import { Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { DEMAND_MODE_LABELS } from '@zhuanhua/domain/demand/demand.rules.ts';
import { useAuth } from '../../app/auth.tsx';
import { STATE_COLORS, useDemands, type Demand } from './demand-api.ts';

export function DemandHallPage({ mine = false }: { mine?: boolean }) {
  const { user } = useAuth();
  const [q, setQ] = useState('');
  const [mode, setMode] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const list = useDemands({ q: q || undefined, mode, page, pageSize: 20 }, mine);
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{mine ? '我的需求' : '需求大厅'}</Typography.Title>}
      extra={user && user.role !== 'bank_officer' && user.role !== 'auditor' ? <Link to="/demands/new"><Button type="primary" data-testid="new-demand">发布需求</Button></Link> : null}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search placeholder="需求名称、描述或企业" allowClear onSearch={(v) => { setQ(v); setPage(1); }} style={{ width: 300 }} enterButton="搜索" />
        <Select placeholder="合作方式" allowClear style={{ width: 130 }} value={mode} onChange={(v) => { setMode(v); setPage(1); }} options={Object.entries(DEMAND_MODE_LABELS).map(([value, label]) => ({ value, label }))} />
      </Space>
      <Table<Demand> rowKey="id" loading={list.isFetching} dataSource={list.data?.items ?? []} data-testid="demand-table"
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 条` }}
        columns={[
          { title: '需求名称', dataIndex: 'title', render: (v: string, r) => <Link to={`/demands/${r.id}`}>{v}</Link> },
          { title: '需求方', dataIndex: 'companyName', width: 200 },
          { title: '领域', dataIndex: 'industry', width: 160 },
          { title: '地区', dataIndex: 'regionName', width: 120 },
          { title: '预算', dataIndex: 'budgetLabel', width: 120 },
          { title: '合作方式', dataIndex: 'modeLabel', width: 90 },
          { title: '状态', dataIndex: 'state', width: 90, render: (v: string, r) => <Tag color={STATE_COLORS[v]}>{r.stateLabel}</Tag> },
        ]} />
    </Card>
  );
}
