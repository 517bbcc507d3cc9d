import { Card, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { api, type List } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { STATUS_COLORS, yuan, type ApplicationSummary } from './subsidy-api.ts';

/** On the patent page: grant subsidies claimed on this patent that the viewer may see (the holder, the office, auditors). */
export default function PatentSubsidySection({ patentId }: { patentId: number }) {
  const { user } = useAuth();
  const allowed = !!user && ['platform_admin', 'org_admin', 'org_member', 'auditor'].includes(user.role);
  const q = useQuery({ queryKey: ['subsidy', 'patent', patentId], queryFn: () => api<List<ApplicationSummary>>('/subsidy/applications', { query: { patentId, pageSize: 50 } }), enabled: allowed });
  if (!allowed || !q.data || q.data.total === 0) return null;
  return (
    <Card title={`奖补记录（${q.data.total} 项）`} data-testid="patent-subsidies">
      <Table<ApplicationSummary> size="small" rowKey="id" pagination={false} dataSource={q.data.items}
        columns={[
          { title: '政策', dataIndex: 'policyName', render: (v: string, r) => <Link to={`/subsidy/applications/${r.id}`}>{v}</Link> },
          { title: '申请单位', dataIndex: 'applicantName', width: 200 },
          { title: '金额', width: 140, align: 'right', render: (_: unknown, r) => yuan(r.amountFen) },
          { title: '状态', width: 100, render: (_: unknown, r) => <Tag color={STATUS_COLORS[r.status]}>{r.statusLabel}</Tag> },
        ]} />
    </Card>
  );
}
