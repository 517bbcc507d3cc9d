import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Input, Select, Space, Statistic, Row, Col, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { EVENT_KIND_LABELS, EVENT_STATE_LABELS, OUTCOME_KIND_LABELS, PROJECT_KIND_LABELS } from '@zhuanhua/domain/event/index.ts';
import { api, ApiError, downloadUrl } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { ImportPanel } from '../../components/import-panel.tsx';
import { optionsOf } from '../../lib/labels.ts';
import { FormButton, todayCn, usePaged, wan, type Field } from '../pledge/pledge-ui.tsx';

type EventSummary = { id: number; title: string; kindLabel: string; organiserName: string; eventDate: string; online: boolean; place: string | null; state: string; stateLabel: string; projectCount: number; registrationCount: number; dealCount: number };
type EventDetail = EventSummary & {
  description: string | null; targetIndustry: string | null; targetParks: string | null; canManage: boolean; registered: boolean;
  projects: { id: number; kindLabel: string; title: string; refId: number | null; kind: string; presenterName: string | null }[];
  registrations: { orgId: number; name: string }[];
  outcomes: { id: number; kindLabel: string; orgName: string | null; dealId: number | null; note: string | null; projectId: number | null }[];
  deals: { id: number; title: string; state: string; contractAmountFen: number; patents: number }[];
  counts: { projects: number; registeredOrgs: number; contacts: number; intents: number; deals: number; dealPatents: number; dealAmountFen: number };
};

export function EventListPage() {
  const { user } = useAuth();
  const navigate = useNavigate();
  const [state, setState] = useState<string | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const { q: list, pagination } = usePaged<EventSummary>('events', '/events', { state, q });
  const canCreate = user?.role === 'platform_admin' || user?.role === 'service_agent';
  const fields: Field[] = [
    { name: 'title', label: '活动名称', required: true }, { name: 'kind', label: '活动类型', type: 'select', options: optionsOf(EVENT_KIND_LABELS), required: true, initial: 'matchmaking' },
    { name: 'organiserName', label: '主办单位', required: true, initial: user?.orgName ?? undefined }, { name: 'eventDate', label: '活动日期', type: 'date', required: true, initial: todayCn() },
    { name: 'online', label: '线上活动', type: 'bool' }, { name: 'place', label: '地点' }, { name: 'targetIndustry', label: '目标产业' }, { name: 'targetParks', label: '面向园区' },
    { name: 'description', label: '活动简介', type: 'textarea' },
  ];
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>供需对接活动与路演</Typography.Title>}
      extra={<Space>
        {canCreate && <FormButton label="新建活动" type="primary" endpoint="/events" fields={fields} invalidate={[['events']]} build={(b) => ({ online: false, ...b })} onDone={(r) => navigate(`/events/${(r as { id: number }).id}`)} />}
        {user && <Button icon={<DownloadOutlined />} href={downloadUrl('/events/export', { state, q })}>导出 Excel</Button>}
      </Space>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search placeholder="活动名称、主办单位、产业" allowClear onSearch={(v) => setQ(v || undefined)} style={{ width: 280 }} enterButton="检索" />
        <Select placeholder="状态" allowClear style={{ width: 120 }} value={state} onChange={setState} options={optionsOf(EVENT_STATE_LABELS)} />
      </Space>
      <Table<EventSummary> rowKey="id" loading={list.isFetching} dataSource={list.data?.items ?? []} pagination={pagination} columns={[
        { title: '活动', dataIndex: 'title', render: (v: string, r) => <Link to={`/events/${r.id}`}>{v}</Link> },
        { title: '类型', dataIndex: 'kindLabel', width: 100 }, { title: '主办单位', dataIndex: 'organiserName' }, { title: '日期', dataIndex: 'eventDate', width: 110 },
        { title: '地点', render: (_: unknown, r) => (r.online ? '线上' : r.place) }, { title: '项目', dataIndex: 'projectCount', width: 70 },
        { title: '报名', dataIndex: 'registrationCount', width: 70 }, { title: '成交', dataIndex: 'dealCount', width: 70 },
        { title: '状态', dataIndex: 'stateLabel', width: 90, render: (v: string) => <Tag>{v}</Tag> },
      ]} />
    </Card>
  );
}

export function EventDetailPage() {
  const id = Number(useParams().id);
  const { user } = useAuth();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const d = useQuery({ queryKey: ['events', 'detail', id], queryFn: () => api<EventDetail>(`/events/${id}`) });
  if (d.error) return <Alert type="error" showIcon message={(d.error as Error).message} />;
  const e = d.data;
  if (!e) return <Card loading />;
  const inv = [['events']];
  const base = `/events/${id}`;
  const post = async (path: string, body: unknown) => {
    try { await api(`${base}${path}`, { method: 'POST', body }); await qc.invalidateQueries({ queryKey: ['events'] }); message.success('已保存'); } catch (x) { message.error(x instanceof ApiError ? x.message : '操作失败'); }
  };
  const projectOptions = e.projects.map((p) => ({ value: p.id, label: p.title }));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title={<Space><span>{e.title}</span><Tag>{e.stateLabel}</Tag></Space>} extra={<Space wrap>
        {user && !e.registered && e.state !== 'closed' && e.state !== 'cancelled' && user.orgId && <Button onClick={() => void post('/registrations', {})}>报名参加</Button>}
        {e.canManage && e.state === 'planned' && <Button onClick={() => void post('/state', { state: 'held' })}>标记为已举办</Button>}
        {e.canManage && e.state === 'held' && <Button onClick={() => void post('/state', { state: 'closed' })}>结项</Button>}
        {e.canManage && e.state === 'planned' && <Button danger onClick={() => void post('/state', { state: 'cancelled' })}>取消活动</Button>}
        {e.canManage && <FormButton label="添加展示项目" endpoint={`${base}/projects`} invalidate={inv} fields={[
          { name: 'kind', label: '项目类型', type: 'select', options: optionsOf(PROJECT_KIND_LABELS), required: true, initial: 'patent' },
          { name: 'patentIds', label: '专利（专利项目）', type: 'patents' }, { name: 'refId', label: '技术成果/需求编号（其他项目）', type: 'int' },
          { name: 'title', label: '项目名称', required: true }, { name: 'presenterOrgId', label: '路演单位', type: 'org' }]}
          build={({ patentIds, ...b }) => ({ ...b, refId: Array.isArray(patentIds) && patentIds.length ? patentIds[0] : b.refId })} />}
        {e.canManage && e.state !== 'planned' && <FormButton label="登记对接结果" type="primary" endpoint={`${base}/outcomes`} invalidate={inv} fields={[
          { name: 'kind', label: '结果类型', type: 'select', options: optionsOf(OUTCOME_KIND_LABELS), required: true, initial: 'contact' },
          { name: 'projectId', label: '关联项目', type: 'select', options: projectOptions }, { name: 'orgId', label: '对接机构', type: 'org' },
          { name: 'dealId', label: '交易台账编号（成交时必填）', type: 'int' }, { name: 'note', label: '说明', type: 'textarea' }]} />}
        {e.canManage && e.state !== 'planned' && <FormButton label="登记成交并记入交易台账" endpoint={`${base}/outcomes`} invalidate={inv} fields={[
          { name: 'projectId', label: '关联项目', type: 'select', options: projectOptions },
          { name: 'dealKind', label: '交易类型', type: 'select', required: true, initial: 'licence', options: [{ value: 'licence', label: '许可' }, { value: 'transfer', label: '转让' }, { value: 'equity', label: '作价入股' }] },
          { name: 'licenceKind', label: '许可类型（许可时）', type: 'select', initial: 'ordinary', options: [{ value: 'ordinary', label: '普通许可' }, { value: 'exclusive', label: '独占许可' }, { value: 'sole', label: '排他许可' }] },
          { name: 'title', label: '合同名称', required: true }, { name: 'contractDate', label: '合同日期', type: 'date', required: true, initial: todayCn() },
          { name: 'contractAmountFen', label: '合同金额', type: 'wan', required: true }, { name: 'patentIds', label: '专利', type: 'patents', required: true },
          { name: 'outOrgId', label: '出让方/许可方', type: 'org', required: true }, { name: 'inOrgId', label: '受让方/被许可方', type: 'org', required: true }]}
          build={(b) => ({
            kind: 'deal', projectId: b.projectId, orgId: b.inOrgId,
            deal: { kind: b.dealKind, licenceKind: b.dealKind === 'licence' ? b.licenceKind : null, title: b.title, contractDate: b.contractDate, effectiveDate: b.contractDate,
              contractAmountFen: b.contractAmountFen, patentIds: b.patentIds, parties: [{ side: 'out', orgId: b.outOrgId }, { side: 'in', orgId: b.inOrgId }] },
          })} />}
      </Space>}>
        <Descriptions column={{ xs: 1, md: 3 }} bordered size="small">
          <Descriptions.Item label="类型">{e.kindLabel}</Descriptions.Item>
          <Descriptions.Item label="主办单位">{e.organiserName}</Descriptions.Item>
          <Descriptions.Item label="日期">{e.eventDate}</Descriptions.Item>
          <Descriptions.Item label="地点">{e.online ? '线上' : e.place}</Descriptions.Item>
          <Descriptions.Item label="目标产业">{e.targetIndustry ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="面向园区">{e.targetParks ?? '—'}</Descriptions.Item>
        </Descriptions>
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col span={4}><Statistic title="展示项目" value={e.counts.projects} /></Col>
          <Col span={4}><Statistic title="报名机构" value={e.counts.registeredOrgs} /></Col>
          <Col span={4}><Statistic title="对接洽谈" value={e.counts.contacts} /></Col>
          <Col span={4}><Statistic title="合作意向" value={e.counts.intents} /></Col>
          <Col span={4}><Statistic title="成交（台账）" value={e.counts.deals} /></Col>
          <Col span={4}><Statistic title="成交金额" value={wan(e.counts.dealAmountFen)} /></Col>
        </Row>
      </Card>
      <Card title="展示项目" size="small">
        <Table rowKey="id" size="small" pagination={false} dataSource={e.projects} columns={[
          { title: '类型', dataIndex: 'kindLabel', width: 100 },
          { title: '项目', dataIndex: 'title', render: (v: string, r) => (r.kind === 'patent' && r.refId ? <Link to={`/patents/${r.refId}`}>{v}</Link> : v) },
          { title: '路演单位', dataIndex: 'presenterName' }]} />
      </Card>
      {user && <Card title="对接结果" size="small">
        <Table rowKey="id" size="small" pagination={false} dataSource={e.outcomes} columns={[
          { title: '类型', dataIndex: 'kindLabel', width: 100 }, { title: '机构', dataIndex: 'orgName' },
          { title: '交易', dataIndex: 'dealId', render: (v: number | null) => (v ? `#${v}` : '—') }, { title: '说明', dataIndex: 'note' }]} />
      </Card>}
      {user && <Card title="报名机构" size="small">{e.registrations.map((r) => <Tag key={r.orgId}>{r.name}</Tag>)}</Card>}
    </Space>
  );
}

export function EventImportPage() {
  const qc = useQueryClient();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4}>导入活动台账</Typography.Title>
      <Typography.Paragraph type="secondary">表头：活动名称、活动类型（供需对接会/路演/展会/培训/其他）、主办单位、活动日期、线上（是/否）、地点、目标产业、面向园区、状态（筹备中/已举办/已结项）。</Typography.Paragraph>
      <ImportPanel title="上传活动清单" endpoint="/imports/events" templatePath="/imports/events/template" onDone={() => void qc.invalidateQueries({ queryKey: ['events'] })} />
    </Space>
  );
}
