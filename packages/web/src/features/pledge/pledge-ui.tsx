/**
 * Small shared UI pieces for the pledge, product-filing, event and registry features: a form dialog built from a
 * field list (amounts typed in 万元 are sent as fen), organisation and patent pickers, and a paged list hook.
 */
import { useState, type ReactNode } from 'react';
import { Button, Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { wanToFen, yuanToFen } from '@zhuanhua/domain';
import { api, type List, type Query } from '../../api/client.ts';
import { useFormDialog } from '../../components/use-form-dialog.ts';

export type Field = {
  name: string; label: string; required?: boolean;
  type?: 'text' | 'textarea' | 'date' | 'wan' | 'yuan' | 'int' | 'percent' | 'select' | 'bool' | 'org' | 'patents';
  options?: { value: string | number; label: string }[];
  orgType?: string; holderOrgId?: number | null; initial?: unknown; help?: string;
};

/** Today in China as YYYY-MM-DD (UI default for date fields). */
export { todayCn } from '../../components/use-form-dialog.ts';

export function OrgSelect({ value, onChange, type, testId }: { value?: number; onChange?: (v: number) => void; type?: string; testId?: string }) {
  const [q, setQ] = useState('');
  const orgs = useQuery({ queryKey: ['organisations', 'pick', type, q], queryFn: () => api<List<{ id: number; name: string }>>('/organisations', { query: { type, q, pageSize: 50 } }) });
  return <Select showSearch filterOption={false} onSearch={setQ} value={value} onChange={onChange} data-testid={testId} placeholder="输入名称搜索"
    options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))} />;
}

export function PatentSelect({ value, onChange, holderOrgId, testId }: { value?: number[]; onChange?: (v: number[]) => void; holderOrgId?: number | null; testId?: string }) {
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['patents', 'pick', holderOrgId, q],
    queryFn: () => api<List<{ id: number; applicationNumber: string; title: string }>>('/patents', { query: { q, holderId: holderOrgId ?? undefined, pageSize: 50 } }),
  });
  return <Select mode="multiple" showSearch filterOption={false} onSearch={setQ} value={value} onChange={onChange} data-testid={testId} placeholder="输入申请号或名称搜索"
    options={(list.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.applicationNumber} ${p.title}` }))} />;
}

function toBody(fields: Field[], v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const x = v[f.name];
    if (x === undefined || x === null || x === '') continue;
    if (f.type === 'wan') out[f.name] = wanToFen(String(x));
    else if (f.type === 'yuan') out[f.name] = yuanToFen(String(x));
    else if (f.type === 'percent') out[f.name] = Math.round(Number(x) * 100);
    else out[f.name] = x;
  }
  return out;
}

function control(f: Field): ReactNode {
  const testId = `field-${f.name}`;
  switch (f.type) {
    case 'textarea': return <Input.TextArea rows={3} data-testid={testId} />;
    case 'date': return <Input type="date" data-testid={testId} />;
    case 'wan': return <InputNumber min={0} step={1} style={{ width: '100%' }} addonAfter="万元" stringMode data-testid={testId} />;
    case 'yuan': return <InputNumber min={0} precision={2} stringMode style={{ width: '100%' }} addonAfter="元" data-testid={testId} />;
    case 'percent': return <InputNumber min={0} max={100} style={{ width: '100%' }} addonAfter="%" data-testid={testId} />;
    case 'int': return <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid={testId} />;
    case 'select': return <Select options={f.options} data-testid={testId} allowClear={!f.required} />;
    case 'bool': return <Checkbox data-testid={testId} />;
    case 'org': return <OrgSelect type={f.orgType} testId={testId} />;
    case 'patents': return <PatentSelect holderOrgId={f.holderOrgId} testId={testId} />;
    default: return <Input data-testid={testId} />;
  }
}

/** A button opening a dialog with the fields; on OK posts the body (transformed by `build`) to the endpoint. */
export function FormButton(props: {
  label: string; title?: string; endpoint: string; method?: string; fields: Field[]; invalidate: unknown[][]; testId?: string;
  build?: (body: Record<string, unknown>) => Record<string, unknown>; onDone?: (res: unknown) => void; type?: 'primary' | 'default'; danger?: boolean;
}) {
  const { open, setOpen, busy, form, onOk } = useFormDialog<Record<string, unknown>>({
    submit: (v) => { const body = toBody(props.fields, v); return api(props.endpoint, { method: props.method ?? 'POST', body: props.build ? props.build(body) : body }); },
    success: '已保存', failure: '保存失败', invalidate: props.invalidate,
    onDone: (res) => { form.resetFields(); props.onDone?.(res); },
  });
  const initial = Object.fromEntries(props.fields.filter((f) => f.initial !== undefined).map((f) => [f.name, f.initial]));
  return (
    <>
      <Button type={props.type ?? 'default'} danger={props.danger} onClick={() => setOpen(true)} data-testid={props.testId}>{props.label}</Button>
      <Modal title={props.title ?? props.label} open={open} onOk={onOk} confirmLoading={busy} onCancel={() => setOpen(false)} okText="提交" cancelText="取消" destroyOnHidden
        okButtonProps={{ 'data-testid': 'modal-ok' } as Record<string, string>}>
        <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
          {props.fields.map((f) => (
            <Form.Item key={f.name} name={f.name} label={f.label} extra={f.help} valuePropName={f.type === 'bool' ? 'checked' : 'value'}
              rules={f.required ? [{ required: true, message: `请填写${f.label}` }] : []}>
              {control(f)}
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </>
  );
}

/** A paged list query bound to the URL-less local state. */
export function usePaged<T>(key: string, path: string, filters: Query) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const q = useQuery({ queryKey: [key, 'list', filters, page, pageSize], queryFn: () => api<List<T> & Record<string, unknown>>(path, { query: { ...filters, page, pageSize } }), placeholderData: (p) => p });
  return {
    q,
    pagination: { current: page, pageSize, total: q.data?.total ?? 0, showSizeChanger: true, showTotal: (t: number) => `共 ${t} 条`, onChange: (p: number, s: number) => { setPage(p); setPageSize(s); } },
  };
}

export const wan = (fen: number | null | undefined): string => (fen == null ? '—' : `${(fen / 1_000_000).toLocaleString('zh-CN', { maximumFractionDigits: 4 })} 万元`);
