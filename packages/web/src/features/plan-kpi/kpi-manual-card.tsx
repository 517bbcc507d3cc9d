import { App, Button, Card, Form, Input, InputNumber, Select, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type List } from '../../api/client.ts';
import { useCatalogue } from './kpi-api.ts';

type ManualRow = { id: number; indicator: string; indicatorName: string; regionCode: string; year: number; value: number; note: string; enteredAt: string };

/** Hand-entered figures: only for indicators the platform has no source for; each entry is audited. */
export function KpiManualCard({ regionCode, years }: { regionCode: string; years: number[] }) {
  const cat = useCatalogue();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ indicator: string; year: number; value: number; note: string }>();
  const list = useQuery({ queryKey: ['kpi-manual', regionCode], queryFn: () => api<List<ManualRow>>('/kpi/manual', { query: { region: regionCode } }) });
  const options = (cat.data?.indicators ?? []).filter((i) => !i.computed).map((i) => ({ value: i.code, label: `${i.name}（${i.unit}）` }));
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await api('/kpi/manual', { body: { ...v, regionCode } });
      message.success('已填报（已记入审计日志）');
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['kpi-manual'] });
      await qc.invalidateQueries({ queryKey: ['kpi-eval'] });
    } catch (e) { message.error((e as Error).message); }
  };
  return (
    <Card title={<>手工填报 <Tag color="orange">仅限平台无数据来源的指标</Tag></>}>
      <Form form={form} layout="inline" style={{ marginBottom: 12 }}>
        <Form.Item name="indicator" rules={[{ required: true, message: '选择指标' }]}><Select placeholder="指标" style={{ width: 280 }} options={options} /></Form.Item>
        <Form.Item name="year" rules={[{ required: true, message: '年度' }]}><Select placeholder="年度" style={{ width: 100 }} options={years.map((y) => ({ value: y, label: `${y}年` }))} /></Form.Item>
        <Form.Item name="value" rules={[{ required: true, message: '数值' }]}><InputNumber placeholder="数值" min={0} /></Form.Item>
        <Form.Item name="note" rules={[{ required: true, min: 2, message: '请说明数据来源' }]}><Input placeholder="数据来源（文件、文号）" style={{ width: 260 }} /></Form.Item>
        <Button type="primary" onClick={() => void submit()}>填报</Button>
      </Form>
      <Table<ManualRow> rowKey="id" size="small" pagination={false} dataSource={list.data?.items ?? []}
        columns={[{ title: '指标', dataIndex: 'indicatorName' }, { title: '地区', dataIndex: 'regionCode', width: 90 }, { title: '年度', dataIndex: 'year', width: 70 },
          { title: '数值', dataIndex: 'value', width: 100 }, { title: '来源说明', dataIndex: 'note' }, { title: '填报时间', dataIndex: 'enteredAt', width: 200 }]} />
    </Card>
  );
}
