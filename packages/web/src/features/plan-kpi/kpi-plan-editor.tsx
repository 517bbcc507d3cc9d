import { useEffect } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Space, Spin } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client.ts';
import { useCatalogue, usePlan, type Plan } from './kpi-api.ts';

type FormValues = Omit<Plan, 'preset'>;

/** Create (id = "new") or edit a plan: region, period, baseline, phases, targets with their clause, ranking weights. */
export function KpiPlanEditor() {
  const id = useParams().id!;
  const isNew = id === 'new';
  const plan = usePlan(isNew ? '' : id);
  const cat = useCatalogue();
  const [form] = Form.useForm<FormValues>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const nav = useNavigate();
  useEffect(() => { if (!isNew && plan.data) form.setFieldsValue(plan.data); }, [isNew, plan.data, form]);
  if (!isNew && plan.isLoading) return <Spin />;
  if (!isNew && plan.data?.preset) return <Alert type="info" message="预置规划不可修改，请在规划列表中复制后编辑。" />;
  const indicatorOptions = (cat.data?.indicators ?? []).map((i) => ({ value: i.code, label: `${i.name}（${i.unit}）${i.computed ? '' : ' · 手工填报'}` }));
  const kindOptions = (cat.data?.targetKinds ?? []).map((k) => ({ value: k.kind, label: k.label }));
  const save = async () => {
    const v = await form.validateFields();
    const body = { ...v, phases: v.phases ?? [], rankingWeights: v.rankingWeights ?? [], targets: (v.targets ?? []).map((t) => ({ ...t, value: t.value ?? null, dueDate: t.dueDate || null, text: t.text ?? '' })) };
    try {
      if (isNew) await api('/kpi/plans', { body });
      else await api(`/kpi/plans/${id}`, { method: 'PUT', body });
      await qc.invalidateQueries({ queryKey: ['kpi-plans'] });
      await qc.invalidateQueries({ queryKey: ['kpi-plan', v.id ?? id] });
      message.success('已保存');
      nav(`/kpi/plans/${isNew ? v.id : id}`);
    } catch (e) {
      const d = e instanceof ApiError ? (e.details as { issues?: { path: string; message: string }[] } | undefined) : undefined;
      message.error(d?.issues?.length ? d.issues.map((i) => `${i.path}：${i.message}`).join('；') : (e as Error).message);
    }
  };
  return (
    <Card title={isNew ? '新建规划' : `编辑规划：${plan.data?.name ?? ''}`} extra={<Button type="primary" onClick={() => void save()}>保存</Button>}>
      <Form form={form} layout="vertical" initialValues={{ startYear: 2021, endYear: 2023, baselineYear: 2020, rankingLevel: 'county', targets: [], phases: [], rankingWeights: [] }}>
        <Space wrap align="start">
          {isNew && <Form.Item name="id" label="规划编号" rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9-]{2,79}$/, message: '小写字母、数字和连字符' }]}><Input style={{ width: 220 }} /></Form.Item>}
          <Form.Item name="name" label="名称" rules={[{ required: true, min: 2 }]}><Input style={{ width: 420 }} /></Form.Item>
          <Form.Item name="issuer" label="发文机关"><Input style={{ width: 300 }} /></Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="regionCode" label="地区代码（6位）" rules={[{ required: true, pattern: /^\d{6}$/, message: '6位行政区划代码' }]}><Input style={{ width: 120 }} /></Form.Item>
          <Form.Item name="regionName" label="地区名称"><Input style={{ width: 140 }} /></Form.Item>
          <Form.Item name="startYear" label="开始年份" rules={[{ required: true }]}><InputNumber min={2000} max={2100} /></Form.Item>
          <Form.Item name="endYear" label="结束年份" rules={[{ required: true }]}><InputNumber min={2000} max={2100} /></Form.Item>
          <Form.Item name="baselineYear" label="基期年份" rules={[{ required: true }]}><InputNumber min={1999} max={2100} /></Form.Item>
          <Form.Item name="rankingLevel" label="排名层级"><Select style={{ width: 120 }} options={[{ value: 'county', label: '区县（旗区）' }, { value: 'city', label: '市州' }]} /></Form.Item>
        </Space>
        <Form.List name="targets">
          {(fields, { add, remove }) => (
            <Card size="small" title="目标" extra={<Button size="small" icon={<PlusOutlined />} onClick={() => add({ id: `t${fields.length + 1}`, kind: 'cumulative_at_least', clause: '' })}>添加目标</Button>}>
              {fields.map((f) => (
                <Space key={f.key} wrap align="start" style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item name={[f.name, 'id']} rules={[{ required: true }]}><Input placeholder="编号" style={{ width: 150 }} /></Form.Item>
                  <Form.Item name={[f.name, 'indicator']} rules={[{ required: true, message: '选择指标' }]}><Select placeholder="指标" showSearch optionFilterProp="label" style={{ width: 300 }} options={indicatorOptions} /></Form.Item>
                  <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]}><Select style={{ width: 130 }} options={kindOptions} /></Form.Item>
                  <Form.Item name={[f.name, 'value']}><InputNumber placeholder="目标值（%或单位）" style={{ width: 150 }} min={0} /></Form.Item>
                  <Form.Item name={[f.name, 'dueDate']}><Input placeholder="截止日期" style={{ width: 120 }} /></Form.Item>
                  <Form.Item name={[f.name, 'clause']} rules={[{ required: true, message: '条款出处' }]}><Input placeholder="条款，如 四、1" style={{ width: 120 }} /></Form.Item>
                  <Form.Item name={[f.name, 'text']}><Input placeholder="原文" style={{ width: 260 }} /></Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
            </Card>
          )}
        </Form.List>
        <Form.List name="rankingWeights">
          {(fields, { add, remove }) => (
            <Card size="small" style={{ marginTop: 12 }} title="绩效排名权重" extra={<Button size="small" icon={<PlusOutlined />} onClick={() => add({ metric: 'total', weight: 10 })}>添加</Button>}>
              {fields.map((f) => (
                <Space key={f.key} wrap style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'indicator']} rules={[{ required: true }]}><Select placeholder="指标" showSearch optionFilterProp="label" style={{ width: 300 }} options={indicatorOptions} /></Form.Item>
                  <Form.Item name={[f.name, 'metric']}><Select style={{ width: 140 }} options={[{ value: 'total', label: '规划期累计' }, { value: 'growth', label: '年均增幅' }]} /></Form.Item>
                  <Form.Item name={[f.name, 'weight']} rules={[{ required: true }]}><InputNumber min={0.01} placeholder="权重" /></Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
            </Card>
          )}
        </Form.List>
        <Form.Item name="notes" label="备注" style={{ marginTop: 12 }}><Input.TextArea rows={3} /></Form.Item>
      </Form>
    </Card>
  );
}
