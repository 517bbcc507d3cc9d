import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Table, Tabs, Typography } from 'antd';
import { formatYuan, yuanToFen } from '@zhuanhua/domain';
import { api, ApiError } from '../../api/client.ts';
import { percentToBp } from './licence-api.ts';

type Estimate = { method: string; methodLabel: string; formula: string; steps: { label: string; valueFen: number }[]; resultFen: number };
const PCT = { pattern: /^\d{1,3}(\.\d{1,2})?$/, message: '百分比，最多 2 位小数' };
const YUAN = { pattern: /^\d+(\.\d{1,2})?$/, message: '金额（元），最多 2 位小数' };

/** 许可使用费估算（成本法 / 市场法 / 收益法），inputs and steps shown, exact to the fen. */
export function FeeEstimator({ onUse }: { onUse?: (fen: number) => void }) {
  const [method, setMethod] = useState<'cost' | 'market' | 'income'>('cost');
  const [result, setResult] = useState<Estimate | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  async function run() {
    setError(null);
    const v = await form.validateFields();
    try {
      let body: unknown;
      if (method === 'cost') body = { method, costFen: yuanToFen(v.cost), profitRateBp: percentToBp(v.profit), obsolescenceBp: percentToBp(v.obsolescence), shareBp: percentToBp(v.share) };
      else if (method === 'market') {
        const lines = String(v.comparables).split(/\n/).map((l) => l.trim()).filter(Boolean);
        body = { method, comparables: lines.map((l, i) => { const [amount, adj] = l.split(/[,，\s]+/); return { label: `可比交易 ${i + 1}`, amountFen: yuanToFen(amount), adjustmentBp: percentToBp(adj ?? '100') }; }) };
      } else body = { method, annualBaseFen: String(v.bases).split(/[,，\s]+/).filter(Boolean).map((x) => yuanToFen(x)), royaltyRateBp: percentToBp(v.rate), discountRateBp: percentToBp(v.discount) };
      setResult(await api<Estimate>('/licence/estimate', { body }));
    } catch (e) { setError(e instanceof ApiError ? e.message : (e as Error).message); }
  }
  return (
    <Card size="small" title="许可使用费估算（参考《专利开放许可使用费估算指引（试行）》）">
      <Tabs activeKey={method} onChange={(k) => { setMethod(k as typeof method); setResult(null); }} items={[
        { key: 'cost', label: '成本法' }, { key: 'market', label: '市场法' }, { key: 'income', label: '收益法' },
      ]} />
      <Form form={form} layout="inline" initialValues={{ profit: '20', obsolescence: '30', share: '10', comparables: '500000 100\n800000 80', rate: '3', discount: '10', bases: '1000000 1200000 1500000' }}>
        {method === 'cost' && <>
          <Form.Item name="cost" label="重置成本（元）" rules={[{ required: true, message: '必填' }, YUAN]}><Input style={{ width: 140 }} /></Form.Item>
          <Form.Item name="profit" label="合理利润率 %" rules={[PCT]}><Input style={{ width: 70 }} /></Form.Item>
          <Form.Item name="obsolescence" label="贬值率 %" rules={[PCT]}><Input style={{ width: 70 }} /></Form.Item>
          <Form.Item name="share" label="分摊率 %" rules={[PCT]}><Input style={{ width: 70 }} /></Form.Item>
        </>}
        {method === 'market' && <Form.Item name="comparables" label="可比交易（每行：金额 元 调整系数 %）" rules={[{ required: true }]}><Input.TextArea rows={3} style={{ width: 320 }} /></Form.Item>}
        {method === 'income' && <>
          <Form.Item name="bases" label="各年预期净销售额（元，空格分隔）" rules={[{ required: true }]}><Input style={{ width: 260 }} /></Form.Item>
          <Form.Item name="rate" label="提成率 %" rules={[PCT]}><Input style={{ width: 70 }} /></Form.Item>
          <Form.Item name="discount" label="折现率 %" rules={[PCT]}><Input style={{ width: 70 }} /></Form.Item>
        </>}
        <Form.Item><Button onClick={() => void run()}>估算</Button></Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} />}
      {result && <div style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">{result.methodLabel}：{result.formula}</Typography.Text>
        <Table size="small" pagination={false} rowKey="label" dataSource={result.steps} style={{ marginTop: 8 }}
          columns={[{ title: '步骤', dataIndex: 'label' }, { title: '金额（元）', align: 'right', dataIndex: 'valueFen', render: (v: number) => formatYuan(v) }]} />
        <Space style={{ marginTop: 8 }}><Typography.Text strong>估算结果：{formatYuan(result.resultFen)} 元</Typography.Text>{onUse && <Button size="small" onClick={() => onUse(result.resultFen)}>用作一次性许可费</Button>}</Space>
      </div>}
    </Card>
  );
}
