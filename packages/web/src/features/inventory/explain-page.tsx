import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Popconfirm, Radio, Space, Typography, message } from 'antd';
import dayjs from 'dayjs';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { todayIso, useExplain } from './inventory-api.ts';
import { ExplainView } from './explain-view.tsx';

export function ExplainPage() {
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const runId = params.get('runId') ? Number(params.get('runId')) : undefined;
  const asOf = params.get('asOf') ?? (runId ? undefined : todayIso());
  const ex = useExplain(id, { runId, asOf });
  const { user } = useAuth();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const canMark = user && ['platform_admin', 'org_admin', 'org_member'].includes(user.role);
  const mark = async (v: { kind: 'used' | 'excluded'; reason: string; fromDate?: dayjs.Dayjs }) => {
    setBusy(true);
    try {
      await api(`/inventory/patents/${id}/mark`, { method: 'PUT', body: { kind: v.kind, reason: v.reason, fromDate: v.fromDate ? v.fromDate.format('YYYY-MM-DD') : null } });
      message.success('已保存标记');
      await qc.invalidateQueries({ queryKey: ['inventory', 'explain', id] });
    } catch (e) { message.error(e instanceof ApiError ? e.message : '保存失败'); } finally { setBusy(false); }
  };
  const unmark = async () => {
    try { await api(`/inventory/patents/${id}/mark`, { method: 'DELETE' }); await qc.invalidateQueries({ queryKey: ['inventory', 'explain', id] }); } catch (e) { message.error(e instanceof ApiError ? e.message : '操作失败'); }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card title={<Typography.Title level={4} style={{ margin: 0 }}>专利盘点说明</Typography.Title>}
        extra={<Space>
          {ex.data?.run && <Link to={`/inventory/runs/${ex.data.run.id}`}>返回 {ex.data.run.batchNo}</Link>}
          <Link to={`/patents/${id}`}>专利详情</Link>
          {!runId && <DatePicker value={asOf ? dayjs(asOf) : null} onChange={(d) => { const p = new URLSearchParams(params); if (d) p.set('asOf', d.format('YYYY-MM-DD')); setParams(p); }} />}
        </Space>}>
        {ex.isError && <Alert type="error" message={ex.error instanceof ApiError ? ex.error.message : '加载失败'} />}
        {ex.data && <ExplainView e={ex.data} />}
      </Card>
      {canMark && ex.data && (
        <Card title="权利人标记（已实施或正当理由）">
          <Typography.Paragraph type="secondary">标记后，该专利在以后的盘点中不再计入沉睡专利；标记人和时间会被记录并审计。</Typography.Paragraph>
          <Form layout="inline" onFinish={mark} initialValues={{ kind: 'used' }}>
            <Form.Item name="kind"><Radio.Group options={[{ value: 'used', label: '已自行实施' }, { value: 'excluded', label: '有正当理由未实施' }]} /></Form.Item>
            <Form.Item name="reason" rules={[{ required: true, min: 4, message: '请填写至少 4 个字的说明' }]}><Input style={{ width: 320 }} placeholder="说明（如实施的产品、或正当理由）" maxLength={500} /></Form.Item>
            <Form.Item name="fromDate"><DatePicker placeholder="自何日起" /></Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>保存标记</Button>
            {ex.data.mark && <Popconfirm title="确定取消标记？" onConfirm={unmark}><Button danger>取消标记</Button></Popconfirm>}
          </Form>
        </Card>
      )}
    </Space>
  );
}
