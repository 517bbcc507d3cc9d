import { Alert, Button, Card, Descriptions, InputNumber, Select, Space, Table, Typography, message } from 'antd';
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client.ts';
import { useAuth, isOffice } from '../../app/auth.tsx';

type Model = { id: string; name: string; note: string; thresholds: { A: number; B: number; C: number }; pledgeHighFen: number; dimensions: Record<string, { label: string; weight: number; indicators: Record<string, number> }> };
type Settings = { model: Model; highValue: { pledgeHighFen: number; fastGrantMonths: number; longMaintenanceYears: number }; presets: Model[] };

const IND: Record<string, string> = { type: '专利类型', status: '法律状态', remainingTerm: '剩余有效期', claims: '权利要求数量', ipcBreadth: 'IPC覆盖面', citations: '被引证次数', overseas: '海外同族', sei: '战略性新兴产业', maintenance: '维持年限', pledge: '质押融资', award: '获奖情况', deals: '转化交易记录' };

export function ConfigPage() {
  const { user } = useAuth();
  const qc = useQueryClient();
  const s = useQuery({ queryKey: ['inventory', 'config'], queryFn: () => api<Settings>('/inventory/config') });
  const [edit, setEdit] = useState<Model | null>(null);
  const [hv, setHv] = useState<Settings['highValue'] | null>(null);
  if (!s.data) return <Card loading />;
  const m = edit ?? s.data.model;
  const h = hv ?? s.data.highValue;
  const office = isOffice(user);
  const save = async (body: unknown) => {
    try { await api('/inventory/config', { method: 'PUT', body }); message.success('已保存'); setEdit(null); setHv(null); await qc.invalidateQueries({ queryKey: ['inventory', 'config'] }); } catch (e) { message.error(e instanceof ApiError ? e.message : '保存失败'); }
  };
  const setW = (d: string, k: string | null, v: number | null) => {
    const n = structuredClone(m);
    if (k) n.dimensions[d].indicators[k] = v ?? 0; else n.dimensions[d].weight = v ?? 0;
    setEdit(n);
  };
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>分级模型与高价值参数</Typography.Title>}
      extra={office && <Space><Select style={{ width: 320 }} placeholder="切换预设" options={s.data.presets.map((p) => ({ value: p.id, label: p.name }))} onChange={(v) => save({ presetId: v })} /></Space>}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label="当前模型">{m.name}（{m.id}）</Descriptions.Item>
        <Descriptions.Item label="说明">{m.note}</Descriptions.Item>
      </Descriptions>
      <Table size="small" rowKey="key" pagination={false}
        dataSource={Object.entries(m.dimensions).flatMap(([d, spec]) => [{ key: d, d, k: null as string | null, label: spec.label, w: spec.weight }, ...Object.entries(spec.indicators).map(([k, w]) => ({ key: `${d}.${k}`, d, k, label: `　└ ${IND[k] ?? k}`, w }))])}
        columns={[
          { title: '维度 / 指标', dataIndex: 'label' },
          { title: '权重（%，同级合计 100）', dataIndex: 'w', width: 220, render: (w: number, r) => (office ? <InputNumber min={0} max={100} value={w} onChange={(v) => setW(r.d, r.k, v)} /> : `${w}%`) },
        ]} />
      <Space style={{ marginTop: 12 }} wrap>
        分级阈值：{(['A', 'B', 'C'] as const).map((g) => <span key={g}>{g} ≥ {office ? <InputNumber min={1} max={100} value={m.thresholds[g]} onChange={(v) => setEdit({ ...m, thresholds: { ...m.thresholds, [g]: v ?? 0 } })} /> : m.thresholds[g]}</span>)}，其余为 D
      </Space>
      <Descriptions column={1} size="small" style={{ marginTop: 16 }} title="高价值参数">
        <Descriptions.Item label="较高质押融资金额（万元）">{office ? <InputNumber min={0} value={h.pledgeHighFen / 1_000_000} onChange={(v) => setHv({ ...h, pledgeHighFen: Math.round((v ?? 0) * 1_000_000) })} /> : h.pledgeHighFen / 1_000_000}</Descriptions.Item>
        <Descriptions.Item label="授权效率高（申请后几个月内授权）">{office ? <InputNumber min={1} max={120} value={h.fastGrantMonths} onChange={(v) => setHv({ ...h, fastGrantMonths: v ?? 24 })} /> : h.fastGrantMonths}</Descriptions.Item>
        <Descriptions.Item label="维持年限长（年）">{office ? <InputNumber min={1} max={20} value={h.longMaintenanceYears} onChange={(v) => setHv({ ...h, longMaintenanceYears: v ?? 10 })} /> : h.longMaintenanceYears}</Descriptions.Item>
      </Descriptions>
      {office && (edit || hv) && <Button type="primary" onClick={() => save({ ...(edit ? { model: { ...edit, id: edit.id.endsWith('-custom') ? edit.id : `${edit.id}-custom`, name: edit.name.includes('自定义') ? edit.name : `${edit.name}（自定义）` } } : {}), ...(hv ? { highValue: hv } : {}) })}>保存</Button>}
      <Alert style={{ marginTop: 16 }} type="info" showIcon message="修改只影响之后的盘点；每个盘点批次保存其使用的权重与阈值，同一输入总得到同一分级。" />
    </Card>
  );
}
