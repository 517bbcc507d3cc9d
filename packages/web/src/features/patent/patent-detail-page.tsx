import { Alert, Card, Descriptions, Empty, List, Space, Spin, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { GeneratedTag } from '../../components/generated-tag.tsx';
import { LEGAL_STATUS_LABELS, PATENT_TYPE_LABELS, STATUS_COLORS } from '../../lib/labels.ts';
import { usePatent } from './patent-api.ts';
import { patentDetailTabs } from './patent-tabs.ts';

const USE_LABELS: Record<string, string> = { transfer: '转让', licence: '许可', equity: '作价入股', pledge: '质押', product_filing: '产品备案', own_use: '自行实施', other: '其他' };

export function PatentDetailPage() {
  const id = Number(useParams().id);
  const { data: p, isLoading, error } = usePatent(id);
  if (isLoading) return <Spin />;
  if (error || !p) return <Alert type="error" message={(error as Error)?.message ?? '专利不存在'} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={<Space><Typography.Title level={4} style={{ margin: 0 }} data-testid="patent-title">{p.title}</Typography.Title><GeneratedTag fields={p.generatedFields} source={p.source} /></Space>}>
        <Descriptions column={2} bordered size="small">
          <Descriptions.Item label="申请号">{p.applicationNumber}</Descriptions.Item>
          <Descriptions.Item label="专利类型">{PATENT_TYPE_LABELS[p.type as keyof typeof PATENT_TYPE_LABELS]}</Descriptions.Item>
          <Descriptions.Item label="公开(公告)号">{p.publicationNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="授权公告号">{p.grantNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="申请日">{p.filingDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="公开日">{p.publicationDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="授权公告日">{p.grantDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="法律状态"><Tag color={STATUS_COLORS[p.legalStatus]}>{LEGAL_STATUS_LABELS[p.legalStatus as keyof typeof LEGAL_STATUS_LABELS]}</Tag>{p.legalStatusRaw}</Descriptions.Item>
          <Descriptions.Item label="权利人" span={2}>{p.holders.map((h) => (h.orgId ? <Link key={h.name} to={`/organisations/${h.orgId}`} style={{ marginRight: 8 }}>{h.name}</Link> : <span key={h.name} style={{ marginRight: 8 }}>{h.name}</span>))}</Descriptions.Item>
          <Descriptions.Item label="发明人" span={2}>{p.inventors.join('；') || '—'}</Descriptions.Item>
          <Descriptions.Item label="权利要求数">{p.claimsCount ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="年费缴至">{p.feePaidThrough ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="被引用次数">{p.citationsCount}</Descriptions.Item>
          <Descriptions.Item label="海外同族">{p.overseasFamily.join('、') || '无'}</Descriptions.Item>
          <Descriptions.Item label="摘要" span={2}>{p.abstract ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="IPC 分类">
        <Table size="small" rowKey="code" pagination={false} dataSource={p.ipc} data-testid="patent-ipc"
          columns={[{ title: '分类号', dataIndex: 'code', width: 160, render: (c: string, _r, i) => <Space>{c}{i === 0 && <Tag color="blue">主分类</Tag>}</Space> }, { title: '中文含义', dataIndex: 'title' }]} />
      </Card>
      {patentDetailTabs.map((T) => <T key={T.name} patentId={p.id} />)}
      <Card title="法律状态历史">
        {p.statusHistory.length ? <List size="small" dataSource={p.statusHistory} renderItem={(h) => <List.Item>{h.date ?? '—'}：{LEGAL_STATUS_LABELS[h.status as keyof typeof LEGAL_STATUS_LABELS] ?? h.status} {h.raw}</List.Item>} /> : <Empty description="暂无记录" />}
      </Card>
      <Card title="实施与运用记录">
        {p.uses.length ? <List size="small" dataSource={p.uses} renderItem={(u) => <List.Item>{u.fromDate}{u.toDate ? ` 至 ${u.toDate}` : ''}：{USE_LABELS[u.kind] ?? u.kind} {u.note ?? ''}</List.Item>} /> : <Empty description="暂无转让、许可、质押或产品备案记录" />}
      </Card>
    </Space>
  );
}
