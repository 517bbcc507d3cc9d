import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { REGISTRY_FIELDS, REGISTRY_KINDS, REGISTRY_KIND_LABELS, SERVICE_TYPE_LABELS, type RegistryKind } from '@zhuanhua/domain/registry/index.ts';
import { api, ApiError, downloadUrl } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { ImportPanel } from '../../components/import-panel.tsx';
import { optionsOf } from '../../lib/labels.ts';
import { FormButton, todayCn, usePaged, type Field } from '../pledge/pledge-ui.tsx';

type Entry = { id: number; kind: RegistryKind; kindLabel: string; name: string; orgName: string | null; regionCode: string | null; startDate: string | null; attrs: Record<string, string | number | null>; state: string; stateLabel: string; canEdit?: boolean };
const AGENCY_KINDS: RegistryKind[] = ['agency', 'specialist', 'typical_case'];

function entryFields(kind: RegistryKind, office: boolean): Field[] {
  return [
    { name: 'name', label: kind === 'specialist' ? '姓名' : kind === 'typical_case' ? '案例标题' : '名称', required: true },
    ...(office ? [{ name: 'orgId', label: '所属机构', type: 'org' } as Field] : []),
    { name: 'regionCode', label: '行政区划代码（6 位）' }, { name: 'startDate', label: '认定/设立/发布日期', type: 'date' },
    ...REGISTRY_FIELDS[kind].map((f): Field => ({
      name: `a_${f.key}`, label: f.label, required: f.required,
      type: f.type === 'longtext' ? 'textarea' : f.type === 'enum' ? 'select' : f.type === 'int' ? 'int' : f.type === 'date' ? 'date' : 'text',
      options: f.options?.map((o) => ({ value: o, label: o })),
    })),
  ];
}
const buildEntry = (kind: RegistryKind) => (b: Record<string, unknown>): Record<string, unknown> => {
  const attrs: Record<string, unknown> = {}; const out: Record<string, unknown> = { kind };
  for (const [k, v] of Object.entries(b)) if (k.startsWith('a_')) attrs[k.slice(2)] = v; else out[k] = v;
  return { ...out, attrs };
};

export function RegistryListPage() {
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const kind = (params.get('kind') as RegistryKind | null) ?? 'agency';
  const [q, setQ] = useState<string | undefined>();
  const { q: list, pagination } = usePaged<Entry>('registry', '/registry', { kind, q });
  const office = user?.role === 'platform_admin';
  const canCreate = office || (user?.role === 'service_agent' && AGENCY_KINDS.includes(kind));
  const extra = REGISTRY_FIELDS[kind].filter((f) => f.type !== 'longtext').slice(0, 3);
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>服务机构与登记名录</Typography.Title>}
      extra={<Space>
        {canCreate && <FormButton key={kind} label={`新增${REGISTRY_KIND_LABELS[kind]}`} type="primary" endpoint="/registry" fields={entryFields(kind, office)} invalidate={[['registry']]} build={buildEntry(kind)} />}
        {user && <Button icon={<DownloadOutlined />} href={downloadUrl('/registry/export', { kind, q })}>导出 Excel</Button>}
        <Link to="/service-records">服务记录</Link>
      </Space>}>
      <Tabs activeKey={kind} onChange={(k) => setParams({ kind: k })} items={REGISTRY_KINDS.map((k) => ({ key: k, label: REGISTRY_KIND_LABELS[k] }))} />
      <Input.Search placeholder="名称、机构或内容" allowClear onSearch={(v) => setQ(v || undefined)} style={{ width: 300, marginBottom: 16 }} enterButton="检索" />
      <Table<Entry> rowKey="id" loading={list.isFetching} dataSource={list.data?.items ?? []} pagination={pagination} columns={[
        { title: '名称', dataIndex: 'name', render: (v: string, r) => <Link to={`/registry/${r.id}`}>{v}</Link> },
        { title: '所属机构', dataIndex: 'orgName' },
        ...extra.map((f) => ({ title: f.label, key: f.key, render: (_: unknown, r: Entry) => r.attrs[f.key] ?? '—' })),
        { title: '日期', dataIndex: 'startDate', width: 110 },
        { title: '状态', dataIndex: 'stateLabel', width: 90, render: (v: string) => <Tag>{v}</Tag> },
      ]} />
    </Card>
  );
}

export function RegistryDetailPage() {
  const id = Number(useParams().id);
  const { user } = useAuth();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const d = useQuery({ queryKey: ['registry', 'detail', id], queryFn: () => api<Entry>(`/registry/${id}`) });
  if (d.error) return <Alert type="error" showIcon message={(d.error as Error).message} />;
  const e = d.data;
  if (!e) return <Card loading />;
  const setState = async (state: string) => {
    try { await api(`/registry/${id}/state`, { method: 'POST', body: { state } }); await qc.invalidateQueries({ queryKey: ['registry'] }); message.success('已更新'); } catch (x) { message.error(x instanceof ApiError ? x.message : '操作失败'); }
  };
  const office = user?.role === 'platform_admin';
  return (
    <Card title={<Space><span>{e.name}</span><Tag>{e.kindLabel}</Tag><Tag color={e.state === 'published' || e.state === 'active' ? 'green' : 'default'}>{e.stateLabel}</Tag></Space>}
      extra={<Space>
        {e.canEdit && <FormButton label="修改" method="PATCH" endpoint={`/registry/${id}`} invalidate={[['registry']]} fields={entryFields(e.kind, false).map((f) => ({ ...f, required: false, initial: f.name.startsWith('a_') ? e.attrs[f.name.slice(2)] ?? undefined : (e as unknown as Record<string, unknown>)[f.name] ?? undefined }))}
          build={(b) => { const { kind: _k, ...rest } = buildEntry(e.kind)(b); void _k; return rest; }} />}
        {office && e.kind === 'typical_case' && e.state === 'draft' && <Button type="primary" onClick={() => void setState('published')}>发布到门户</Button>}
        {office && e.state === 'published' && <Button onClick={() => void setState('withdrawn')}>撤回发布</Button>}
        {office && e.state === 'active' && <Button onClick={() => void setState('withdrawn')}>撤销</Button>}
        {office && e.state === 'withdrawn' && <Button onClick={() => void setState(e.kind === 'typical_case' ? 'draft' : 'active')}>恢复</Button>}
      </Space>}>
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label="所属机构">{e.orgName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="行政区划">{e.regionCode ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="日期">{e.startDate ?? '—'}</Descriptions.Item>
        {REGISTRY_FIELDS[e.kind].map((f) => (
          <Descriptions.Item key={f.key} label={f.label}><div style={{ whiteSpace: 'pre-wrap' }}>{e.attrs[f.key] ?? '—'}</div></Descriptions.Item>
        ))}
      </Descriptions>
    </Card>
  );
}

type Service = { id: number; agencyName: string; enterpriseName: string; serviceDate: string; typeLabel: string; content: string; specialistName: string | null };

export function ServiceRecordsPage() {
  const { user } = useAuth();
  const [year, setYear] = useState<number | undefined>();
  const [type, setType] = useState<string | undefined>();
  const { q: list, pagination } = usePaged<Service>('service-records', '/service-records', { year, type });
  if (!user) return <Alert type="info" showIcon message="请先登录" />;
  const canCreate = user.role === 'platform_admin' || user.role === 'service_agent';
  const years = Array.from({ length: 8 }, (_, i) => Number(todayCn().slice(0, 4)) - i);
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>企业服务记录</Typography.Title>}
      extra={<Space>
        {canCreate && <FormButton label="登记服务" type="primary" endpoint="/service-records" invalidate={[['service-records']]} fields={[
          ...(user.role === 'platform_admin' ? [{ name: 'agencyOrgId', label: '服务机构', type: 'org', orgType: 'service_agency', required: true } as Field] : []),
          { name: 'enterpriseOrgId', label: '服务对象', type: 'org', required: true }, { name: 'serviceDate', label: '服务日期', type: 'date', required: true, initial: todayCn() },
          { name: 'type', label: '服务类型', type: 'select', options: optionsOf(SERVICE_TYPE_LABELS), required: true }, { name: 'content', label: '服务内容', type: 'textarea', required: true }]} />}
        <Button icon={<DownloadOutlined />} href={downloadUrl('/service-records/export', { year, type })}>导出 Excel</Button>
      </Space>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select placeholder="年度" allowClear style={{ width: 110 }} value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: `${y} 年` }))} />
        <Select placeholder="服务类型" allowClear style={{ width: 140 }} value={type} onChange={setType} options={optionsOf(SERVICE_TYPE_LABELS)} />
        <Typography.Text data-testid="service-visits">服务 {String(list.data?.visits ?? 0)} 家次，覆盖企业 {String(list.data?.enterprises ?? 0)} 家（同一机构同日服务同一企业计 1 家次）</Typography.Text>
      </Space>
      <Table<Service> rowKey="id" loading={list.isFetching} dataSource={list.data?.items ?? []} pagination={pagination} columns={[
        { title: '服务日期', dataIndex: 'serviceDate', width: 110 }, { title: '服务机构', dataIndex: 'agencyName' }, { title: '服务对象', dataIndex: 'enterpriseName' },
        { title: '类型', dataIndex: 'typeLabel', width: 110 }, { title: '内容', dataIndex: 'content' }, { title: '专员', dataIndex: 'specialistName' }]} />
    </Card>
  );
}

export function RegistryImportPage() {
  const qc = useQueryClient();
  const [kind, setKind] = useState<RegistryKind>('agency');
  const { user } = useAuth();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4}>导入登记名录与服务记录</Typography.Title>
      {user?.role === 'platform_admin' && <>
        <Space><span>登记类别：</span><Select style={{ width: 260 }} value={kind} onChange={setKind} options={REGISTRY_KINDS.map((k) => ({ value: k, label: REGISTRY_KIND_LABELS[k] }))} /></Space>
        <Typography.Paragraph type="secondary">表头：名称、所属机构、行政区划代码、认定/设立日期、{REGISTRY_FIELDS[kind].map((f) => f.label).join('、')}。</Typography.Paragraph>
        <ImportPanel key={kind} title={`上传${REGISTRY_KIND_LABELS[kind]}名录`} endpoint="/imports/registry" templatePath={`/imports/registry/template?kind=${kind}`} extraFields={{ kind }}
          onDone={() => void qc.invalidateQueries({ queryKey: ['registry'] })} />
      </>}
      <ImportPanel title="上传服务记录（服务机构、服务对象、服务日期、服务类型、服务内容、专员）" endpoint="/imports/service-records" templatePath="/imports/service-records/template"
        onDone={() => void qc.invalidateQueries({ queryKey: ['service-records'] })} />
    </Space>
  );
}
