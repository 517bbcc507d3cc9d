import { useState } from 'react';
import { Alert, Card, Col, DatePicker, InputNumber, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client.ts';
import { useAuth, isOffice } from '../../app/auth.tsx';
import { todayIso, yuan, type FeeRow, type Fees } from './inventory-api.ts';

const RISK_COLORS: Record<string, string> = { due_soon: 'gold', expiring: 'blue', grace: 'red', terminated_unpaid: 'magenta' };

function FeeTable({ rows, testId }: { rows: FeeRow[]; testId: string }) {
  return (
    <Table<FeeRow> size="small" rowKey="patentId" dataSource={rows} data-testid={testId} pagination={{ pageSize: 20 }}
      columns={[
        { title: '申请号', dataIndex: 'applicationNumber', width: 160 },
        { title: '名称', dataIndex: 'title', render: (v: string, r) => <Link to={`/inventory/patents/${r.patentId}`}>{v}</Link> },
        { title: '年度', dataIndex: ['next', 'year'], width: 60 },
        { title: '应缴日', dataIndex: ['next', 'dueDate'], width: 110 },
        { title: '滞纳期至', dataIndex: ['next', 'graceEnd'], width: 110 },
        { title: '应缴（元）', dataIndex: ['next', 'payableFen'], width: 110, align: 'right', render: (v?: number) => (v === undefined ? '—' : yuan(v)) },
        { title: '风险', dataIndex: 'riskLabel', width: 220, render: (v: string, r) => <Tag color={RISK_COLORS[r.risk]}>{v}</Tag> },
      ]} />
  );
}

export function FeesPage() {
  const { user } = useAuth();
  const office = isOffice(user);
  const [asOf, setAsOf] = useState(todayIso());
  const [holderId, setHolderId] = useState<number | null>(office ? null : user?.orgId ?? null);
  const [within, setWithin] = useState(90);
  const fees = useQuery({
    queryKey: ['inventory', 'fees', asOf, holderId, within],
    queryFn: () => api<Fees>('/inventory/fees', { query: { asOf, holderId: holderId ?? undefined, withinDays: within } }),
    enabled: !office || holderId !== null, retry: false,
  });
  const f = fees.data;
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>年费到期与失效风险</Typography.Title>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <span>基准日</span><DatePicker value={dayjs(asOf)} onChange={(d) => d && setAsOf(d.format('YYYY-MM-DD'))} allowClear={false} />
        <span>未来天数</span><InputNumber min={1} max={366} value={within} onChange={(v) => v && setWithin(v)} />
        {office && <><span>权利人机构 ID</span><InputNumber min={1} value={holderId} onChange={(v) => setHolderId(v ?? null)} /></>}
      </Space>
      {office && holderId === null && <Alert type="info" showIcon message="请输入权利人机构 ID（机构页面可查）" />}
      {fees.isError && <Alert type="error" message={fees.error instanceof ApiError ? fees.error.message : '加载失败'} />}
      {f && (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={8}><Statistic title="有效专利" value={f.inForce} /></Col>
            <Col span={8}><Statistic title="下一年度年费合计（元，已按费减推定）" value={yuan(f.yearlyCostFen)} /></Col>
            <Col span={8}><Statistic title={`${f.withinDays} 天内到期 / 不缴即失效`} value={`${f.dueSoon.length} / ${f.willLapse.length}`} /></Col>
          </Row>
          <Typography.Title level={5}>不缴即失效（滞纳期内或已过滞纳期）</Typography.Title>
          <FeeTable rows={f.willLapse} testId="fees-lapse" />
          <Typography.Title level={5}>{f.withinDays} 天内到期</Typography.Title>
          <FeeTable rows={f.dueSoon} testId="fees-due" />
          <Typography.Paragraph type="secondary">年费标准见专利法实施细则收费表；费减按权利人类型推定（高校、科研院所：单一权利人 85%，共有 70%，自授权当年起 10 年），开放许可期间减 15%，取最优一项；滞纳金按全额年费每月 5%。</Typography.Paragraph>
        </>
      )}
    </Card>
  );
}
