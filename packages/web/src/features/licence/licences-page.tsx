import { Alert, Card, List, Segmented, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useState } from 'react';
import { formatYuan } from '@zhuanhua/domain';
import { useAuth } from '../../app/auth.tsx';
import { useLicences, useReminders, type Licence } from './licence-api.ts';

/** 先使用后付费看板: reminders (payable / receivable) and the licences of the organisation on both sides. */
export function LicencesPage() {
  const { user } = useAuth();
  const [side, setSide] = useState<'all' | 'licensee' | 'licensor'>('all');
  const list = useLicences({ side: side === 'all' ? undefined : side, pageSize: 200 });
  const rem = useReminders();
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={<Typography.Title level={4} style={{ margin: 0 }}>开放许可与先使用后付费</Typography.Title>}>
        {(rem.data?.items.length ?? 0) === 0
          ? <Alert type="success" showIcon message="暂无到期提醒" />
          : <List size="small" bordered dataSource={rem.data?.items ?? []} data-testid="reminders"
            renderItem={(r) => (
              <List.Item>
                <Space wrap>
                  <Tag color={r.kind === 'overdue' ? 'red' : 'orange'}>{r.kind === 'overdue' ? '已逾期' : `${r.daysLeft} 天后到期`}</Tag>
                  <Tag>{r.side === 'payable' ? '应付' : '应收'}</Tag>
                  <Link to={`/licences/${r.licenceId}`}>{r.title}</Link>
                  <span>{r.label}</span>
                  <span>到期日 {r.dueDate}</span>
                  {r.outstandingFen > 0 && <Typography.Text strong>{formatYuan(r.outstandingFen)} 元</Typography.Text>}
                </Space>
              </List.Item>
            )} />}
      </Card>
      <Card title="许可列表" extra={user?.role !== 'platform_admin' && user?.role !== 'auditor' &&
        <Segmented value={side} onChange={(v) => setSide(v as typeof side)} options={[{ value: 'all', label: '全部' }, { value: 'licensee', label: '我方为被许可方' }, { value: 'licensor', label: '我方为许可方' }]} />}>
        <Table<Licence> rowKey="id" loading={list.isFetching} dataSource={list.data?.items ?? []} pagination={false} data-testid="licences-table"
          columns={[
            { title: '专利', dataIndex: 'title', render: (v: string, r) => <Link to={`/licences/${r.id}`}>{v}</Link> },
            { title: '许可方', dataIndex: 'licensorName', width: 170 },
            { title: '被许可方', dataIndex: 'licenseeName', width: 170 },
            { title: '许可期限', width: 210, render: (_: unknown, r) => `${r.licensedFrom} 至 ${r.licensedTo}` },
            { title: '试用期至', dataIndex: 'trialEnd', width: 110, render: (v: string | null) => v ?? '—' },
            { title: '已付（元）', width: 120, align: 'right', render: (_: unknown, r) => r.received.yuan },
            { title: '状态', dataIndex: 'stateNowLabel', width: 90, render: (v: string, r) => <Tag color={r.stateNow === 'trial' ? 'green' : r.stateNow === 'active' ? 'blue' : 'default'}>{v}</Tag> },
          ]} />
      </Card>
    </Space>
  );
}
