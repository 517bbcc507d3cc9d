import { Card, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { api, type List } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { wan } from './pledge-ui.tsx';

type Row = { id: number; state: string; stateLabel: string; pledgorName: string; pledgeeName: string | null; registrationNo: string | null; registrationDate: string | null; loanAmountFen: number | null };
const ACTIVE = ['registered', 'disbursed', 'repaid', 'defaulted', 'compensated'];

/** On the patent page: the pledges of this patent the user may see; an unreleased one means a transfer or licence needs the pledgee's consent. */
export default function PledgePatentSection({ patentId }: { patentId: number }) {
  const { user } = useAuth();
  const q = useQuery({ queryKey: ['pledges', 'patent', patentId], queryFn: () => api<List<Row>>('/pledges', { query: { patentId, pageSize: 50 } }), enabled: !!user });
  if (!user || !q.data || q.data.total === 0) return null;
  const active = q.data.items.some((r) => ACTIVE.includes(r.state));
  return (
    <Card title="专利权质押" size="small" extra={active ? <Tag color="red">质押中：转让或许可须经质权人同意</Tag> : null} data-testid="patent-pledges">
      <Table<Row> rowKey="id" size="small" pagination={false} dataSource={q.data.items} columns={[
        { title: '编号', dataIndex: 'id', render: (v: number) => <Link to={`/pledges/${v}`}>#{v}</Link> },
        { title: '出质人', dataIndex: 'pledgorName' }, { title: '质权人', dataIndex: 'pledgeeName' }, { title: '登记号', dataIndex: 'registrationNo' },
        { title: '登记日期', dataIndex: 'registrationDate' }, { title: '贷款金额', dataIndex: 'loanAmountFen', render: wan }, { title: '状态', dataIndex: 'stateLabel' }]} />
    </Card>
  );
}
