import { useState } from 'react';
import { App, Button, Card, Input, InputNumber, Modal, Progress, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, ApiError, downloadUrl } from '../../api/client.ts';
import { isOffice, useAuth } from '../../app/auth.tsx';
import { yuan } from './subsidy-api.ts';

type Notice = { id: number; applicantName: string; policyName: string; policyRegionName: string; itemLabel: string; amountFen: number; noticeStart: string; noticeEnd: string; open: boolean };

/** Public notice (公示): applications in their objection period; anyone logged in may object. */
export function NoticePage() {
  const { user } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [target, setTarget] = useState<Notice | null>(null);
  const [text, setText] = useState('');
  const list = useQuery({ queryKey: ['subsidy', 'notices'], queryFn: () => api<{ items: Notice[]; total: number; today: string }>('/subsidy/notices', { query: { pageSize: 200 } }) });
  const object = useMutation({
    mutationFn: () => api(`/subsidy/applications/${target!.id}/objections`, { body: { text } }),
    onSuccess: () => { message.success('异议已提交，将由主管部门核实处理'); setTarget(null); setText(''); void qc.invalidateQueries({ queryKey: ['subsidy'] }); },
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)),
  });
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>奖补公示</Typography.Title>}>
      <Typography.Paragraph type="secondary">以下奖补项目正在公示。对公示内容有异议的，请在公示期内提出（须登录）。今天：{list.data?.today}</Typography.Paragraph>
      <Table<Notice> rowKey="id" loading={list.isFetching} dataSource={list.data?.items ?? []} data-testid="subsidy-notice-table" pagination={false}
        columns={[
          { title: '申请单位', dataIndex: 'applicantName', width: 220 },
          { title: '政策', dataIndex: 'policyName' },
          { title: '事项', dataIndex: 'itemLabel', ellipsis: true },
          { title: '拟资助金额', width: 140, align: 'right', render: (_: unknown, r) => yuan(r.amountFen) },
          { title: '公示期', width: 220, render: (_: unknown, r) => <>{r.noticeStart} 至 {r.noticeEnd} {r.open ? <Tag color="orange">公示中</Tag> : <Tag>已期满</Tag>}</> },
          { title: '', width: 100, render: (_: unknown, r) => (user && r.open ? <Button size="small" onClick={() => setTarget(r)}>提出异议</Button> : isOffice(user) ? <Link to={`/subsidy/applications/${r.id}`}>办理</Link> : null) },
        ]} />
      <Modal open={!!target} title={`对“${target?.applicantName}”的公示提出异议`} onCancel={() => setTarget(null)} onOk={() => object.mutate()} confirmLoading={object.isPending} okText="提交">
        <Input.TextArea rows={4} value={text} onChange={(e) => setText(e.target.value)} placeholder="异议内容及理由" />
      </Modal>
    </Card>
  );
}

type BudgetLine = { policyId: number; code: string; name: string; regionName: string; budgetFen: number; committedFen: number; paidFen: number; availableFen: number; pendingFen: number; counts: Record<string, number> };
type Budget = { year: number; items: BudgetLine[]; totals: { budgetFen: number; committedFen: number; paidFen: number; availableFen: number; pendingFen: number } };

export function BudgetPage() {
  const { user } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const today = useQuery({ queryKey: ['subsidy', 'today'], queryFn: () => api<{ today: string; demo: boolean }>('/subsidy/today') });
  const [year, setYear] = useState<number | null>(null);
  const y = year ?? (today.data ? Number(today.data.today.slice(0, 4)) : null);
  const b = useQuery({ enabled: !!y, queryKey: ['subsidy', 'budget', y], queryFn: () => api<Budget>('/subsidy/budget', { query: { year: y } }) });
  const clock = useMutation({
    mutationFn: (days: number) => api<{ today: string }>('/subsidy/demo-clock', { body: { advanceDays: days } }),
    onSuccess: (r) => { message.success(`演示业务日期已调整为 ${r.today}`); void qc.invalidateQueries({ queryKey: ['subsidy'] }); },
    onError: (e) => message.error((e as Error).message),
  });
  const t = b.data?.totals;
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>奖补预算执行</Typography.Title>}
      extra={<Space>
        <InputNumber min={2000} max={2100} value={y} onChange={(v) => setYear(v)} addonBefore="年度" style={{ width: 150 }} />
        <Button icon={<DownloadOutlined />} href={downloadUrl('/subsidy/export/approved', { year: y })} data-testid="subsidy-export">导出批准名单（Excel）</Button>
      </Space>}>
      {t && <Space size="large" style={{ marginBottom: 16 }} data-testid="subsidy-budget-totals">
        <Statistic title="预算合计（元）" value={t.budgetFen / 100} precision={2} />
        <Statistic title="已承诺（已批准未拨付）" value={t.committedFen / 100} precision={2} />
        <Statistic title="已拨付" value={t.paidFen / 100} precision={2} />
        <Statistic title="余额" value={t.availableFen / 100} precision={2} />
        <Statistic title="审核中申请金额" value={t.pendingFen / 100} precision={2} />
      </Space>}
      <Table<BudgetLine> rowKey="policyId" loading={b.isFetching} dataSource={b.data?.items ?? []} pagination={false} data-testid="subsidy-budget-table"
        columns={[
          { title: '政策', dataIndex: 'name', render: (v: string, r) => <Link to={`/subsidy/policies/${r.policyId}`}>{v}</Link> },
          { title: '预算', width: 140, align: 'right', render: (_: unknown, r) => yuan(r.budgetFen) },
          { title: '已承诺', width: 140, align: 'right', render: (_: unknown, r) => yuan(r.committedFen) },
          { title: '已拨付', width: 140, align: 'right', render: (_: unknown, r) => <span data-testid={`subsidy-paid-${r.code}`}>{yuan(r.paidFen)}</span> },
          { title: '余额', width: 140, align: 'right', render: (_: unknown, r) => yuan(r.availableFen) },
          { title: '执行率', width: 140, render: (_: unknown, r) => <Progress size="small" percent={r.budgetFen ? Math.round(((r.committedFen + r.paidFen) * 100) / r.budgetFen) : 0} /> },
          { title: '件数（审核中/批准/拨付/驳回）', width: 200, render: (_: unknown, r) => `${r.counts.pending}/${r.counts.approved}/${r.counts.paid}/${r.counts.rejected}` },
        ]} />
      {today.data?.demo && isOffice(user) && <Space style={{ marginTop: 16 }}>
        <Typography.Text type="secondary">演示环境业务日期：{today.data.today}</Typography.Text>
        <Button size="small" onClick={() => clock.mutate(8)} data-testid="subsidy-demo-clock">演示：业务日期推后 8 天（公示期满）</Button>
      </Space>}
    </Card>
  );
}
