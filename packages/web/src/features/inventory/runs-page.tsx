import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Progress, Select, Space, Table, Tag, Typography, message } from 'antd';
import { PlayCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client.ts';
import { useJob } from '../../api/jobs.ts';
import { useAuth, isOffice } from '../../app/auth.tsx';
import { RegionSelect } from '../../components/region-select.tsx';
import { useRuns, type Run } from './inventory-api.ts';

const SCOPE_LABELS: Record<string, string> = { all: '全部', holder: '单个权利人', region: '单个地区' };
const STATE: Record<string, [string, string]> = { running: ['进行中', 'processing'], succeeded: ['已完成', 'success'], failed: ['失败', 'error'] };

export function RunsPage() {
  const { user } = useAuth();
  const office = isOffice(user);
  const [page, setPage] = useState(1);
  const runs = useRuns({ page, pageSize: 20 });
  const [jobId, setJobId] = useState<number | null>(null);
  const [runId, setRunId] = useState<number | null>(null);
  const job = useJob(jobId);
  const qc = useQueryClient();
  const nav = useNavigate();
  const [form] = Form.useForm();
  const [scope, setScope] = useState<'all' | 'holder' | 'region'>('all'); // office only; an organisation always runs its own holder scope
  const [busy, setBusy] = useState(false);
  const submit = async (v: { asOf: dayjs.Dayjs; holderId?: number; regionCode?: string; note?: string }) => {
    setBusy(true);
    try {
      const r = await api<{ runId: number; jobId: number; batchNo: string }>('/inventory/runs', {
        body: { asOf: v.asOf.format('YYYY-MM-DD'), scope: office ? scope : 'holder', holderId: office ? v.holderId ?? null : user?.orgId ?? null, regionCode: v.regionCode ?? null, note: v.note || null },
      });
      setJobId(r.jobId); setRunId(r.runId);
      message.success(`已发起 ${r.batchNo}`);
      void qc.invalidateQueries({ queryKey: ['inventory', 'runs'] });
    } catch (e) { message.error(e instanceof ApiError ? e.message : '发起失败'); } finally { setBusy(false); }
  };
  const j = job.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card title={<Typography.Title level={4} style={{ margin: 0 }}>沉睡专利盘点</Typography.Title>}>
        <Typography.Paragraph type="secondary">
          按基准日盘点高校、科研院所（及另设一库的国有企业）持有、授权满 3 年、无转让/许可/质押/产品备案/自行实施记录且无正当理由的有效专利，
          进行初评、分级、分类，生成编号的盘点批次并与上一批次比较。
        </Typography.Paragraph>
        <Form form={form} layout="inline" onFinish={submit} initialValues={{ asOf: dayjs().subtract(1, 'day') }}>
          <Form.Item name="asOf" label="盘点基准日" rules={[{ required: true, message: '请选择基准日' }]}><DatePicker data-testid="run-asof" /></Form.Item>
          {office && (
            <Form.Item label="范围">
              <Select value={scope} onChange={setScope} style={{ width: 130 }} options={Object.entries(SCOPE_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          )}
          {office && scope === 'holder' && <Form.Item name="holderId" label="权利人机构 ID" rules={[{ required: true, message: '请输入机构 ID' }]}><InputNumber min={1} /></Form.Item>}
          {office && scope === 'region' && <Form.Item name="regionCode" label="地区" rules={[{ required: true, message: '请选择地区' }]}><RegionSelect onChange={(v) => form.setFieldValue('regionCode', v)} /></Form.Item>}
          <Form.Item name="note" label="备注"><Input style={{ width: 200 }} maxLength={500} /></Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlayCircleOutlined />} loading={busy} data-testid="run-start">开始盘点</Button>
        </Form>
        {!office && <Alert style={{ marginTop: 12 }} type="info" showIcon message="机构用户只能盘点本机构持有的专利。" />}
        {j && (
          <div style={{ marginTop: 16 }} data-testid="run-progress">
            <Progress percent={j.total ? Math.floor((100 * j.progress) / j.total) : j.status === 'succeeded' ? 100 : 0} status={j.status === 'failed' ? 'exception' : j.status === 'succeeded' ? 'success' : 'active'} />
            <Typography.Text>{j.status === 'failed' ? j.error?.message : j.message}</Typography.Text>
            {j.status === 'succeeded' && runId && <Button type="link" onClick={() => nav(`/inventory/runs/${runId}`)} data-testid="run-open">查看盘点结果</Button>}
          </div>
        )}
      </Card>
      <Card title="盘点批次">
        <Table<Run> rowKey="id" loading={runs.isFetching} dataSource={runs.data?.items ?? []} data-testid="runs-table"
          pagination={{ current: page, pageSize: 20, total: runs.data?.total ?? 0, onChange: setPage }}
          columns={[
            { title: '批次号', dataIndex: 'batchNo', render: (v: string, r) => <Link to={`/inventory/runs/${r.id}`}>{v}</Link> },
            { title: '基准日', dataIndex: 'asOf', width: 110 },
            { title: '范围', dataIndex: 'scope', width: 200, render: (v: string, r) => `${SCOPE_LABELS[v]}${r.holderName ? `：${r.holderName}` : ''}${r.regionName ? `：${r.regionName}` : ''}` },
            { title: '盘点专利', dataIndex: 'scanned', width: 100 },
            { title: '入库', dataIndex: 'poolSize', width: 90 },
            { title: '状态', dataIndex: 'state', width: 90, render: (v: string) => <Tag color={STATE[v]?.[1]}>{STATE[v]?.[0] ?? v}</Tag> },
            { title: '分级模型', dataIndex: 'modelId', width: 140 },
          ]} />
      </Card>
    </Space>
  );
}
