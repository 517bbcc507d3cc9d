import { Card, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { api, type List } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { DEAL_STATE_COLORS, type DealSummary } from './deal-api.ts';

/** On the patent page: the deals of this patent the viewer may see (parties, the office, auditors). */
export default function PatentDealsSection({ patentId }: { patentId: number }) {
  const { user } = useAuth();
  const allowed = !!user && user.role !== 'bank_officer';
  const q = useQuery({ queryKey: ['deals', 'patent', patentId], queryFn: () => api<List<DealSummary>>('/deals', { query: { patentId, pageSize: 50 } }), enabled: allowed });
  if (!allowed || !q.data || q.data.total === 0) return null;
  return (
    <Card title={`交易记录（${q.data.total} 笔）`} data-testid="patent-deals">
      <Table<DealSummary> size="small" rowKey="id" pagination={false} dataSource={q.data.items}
        columns={[
          { title: '合同', dataIndex: 'title', render: (v: string, r) => <Link to={`/deals/${r.id}`}>{v}</Link> },
          { title: '类型', width: 150, render: (_: unknown, r) => `${r.kindLabel}${r.licenceKindLabel ? `（${r.licenceKindLabel}）` : ''}` },
          { title: '受让/被许可方', width: 200, render: (_: unknown, r) => r.parties.filter((p) => p.side === 'in').map((p) => p.name).join('、') },
          { title: '合同日期', dataIndex: 'contractDate', width: 110 },
          { title: '状态', width: 100, render: (_: unknown, r) => <Tag color={DEAL_STATE_COLORS[r.state]}>{r.stateLabel}</Tag> },
        ]} />
    </Card>
  );
}
