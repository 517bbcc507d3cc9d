import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, Select, Space, Spin, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useAuth, isOffice } from '../../app/auth.tsx';
import { RegionSelect } from '../../components/region-select.tsx';
import { ORG_TYPE_LABELS, SIZE_CLASS_LABELS, optionsOf } from '../../lib/labels.ts';
import { useOrganisation, useOrganisations, type Organisation } from './organisation-api.ts';
import { OrganisationCreateDialog } from './organisation-form.tsx';
import { usePatents } from '../patent/patent-api.ts';

export function OrganisationListPage() {
  const { user } = useAuth();
  const [f, setF] = useState<{ q?: string; type?: string; region?: string; page: number; pageSize: number }>({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const list = useOrganisations(f);
  return (
    <Card title="机构" extra={isOffice(user) && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>新增机构</Button>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search placeholder="名称或信用代码" allowClear onSearch={(q) => setF({ ...f, q, page: 1 })} style={{ width: 260 }} />
        <Select placeholder="类型" allowClear style={{ width: 140 }} options={optionsOf(ORG_TYPE_LABELS)} onChange={(type) => setF({ ...f, type, page: 1 })} />
        <RegionSelect onChange={(region) => setF({ ...f, region, page: 1 })} />
      </Space>
      <Table<Organisation> rowKey="id" loading={list.isFetching} dataSource={list.data?.items ?? []}
        pagination={{ current: f.page, pageSize: f.pageSize, total: list.data?.total ?? 0, showTotal: (t) => `共 ${t} 家`, onChange: (page, pageSize) => setF({ ...f, page, pageSize }) }}
        columns={[
          { title: '名称', dataIndex: 'name', render: (v: string, r) => <Space><Link to={`/organisations/${r.id}`}>{v}</Link>{r.isDemo && <Tag color="orange">示例</Tag>}</Space> },
          { title: '类型', dataIndex: 'type', width: 110, render: (v: string) => ORG_TYPE_LABELS[v as keyof typeof ORG_TYPE_LABELS] },
          { title: '规模', dataIndex: 'sizeClass', width: 80, render: (v: string | null) => (v ? SIZE_CLASS_LABELS[v as keyof typeof SIZE_CLASS_LABELS] : '—') },
          { title: '地区', dataIndex: 'regionName', width: 120 },
          { title: '专利数', dataIndex: 'patentCount', width: 90 },
        ]} />
      <OrganisationCreateDialog open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}

export function OrganisationDetailPage() {
  const id = Number(useParams().id);
  const { data: o, isLoading, error } = useOrganisation(id);
  const [page, setPage] = useState(1);
  const patents = usePatents({ holderId: id, page, pageSize: 10 });
  if (isLoading) return <Spin />;
  if (error || !o) return <Alert type="error" message={(error as Error)?.message ?? '机构不存在'} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title={o.name}>
        <Descriptions column={2} bordered size="small">
          <Descriptions.Item label="类型">{ORG_TYPE_LABELS[o.type as keyof typeof ORG_TYPE_LABELS]}</Descriptions.Item>
          <Descriptions.Item label="规模">{o.sizeClass ? SIZE_CLASS_LABELS[o.sizeClass as keyof typeof SIZE_CLASS_LABELS] : '—'}</Descriptions.Item>
          <Descriptions.Item label="统一社会信用代码">{o.uscc ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="地区">{o.regionName ?? '—'}（{o.regionCode ?? '—'}）</Descriptions.Item>
          <Descriptions.Item label="经营范围" span={2}>{o.businessScope ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="主要产品" span={2}>{o.products ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="联系人">{o.contactName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{o.contactPhone ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={`持有专利（${patents.data?.total ?? 0}）`}>
        <Table rowKey="id" size="small" dataSource={patents.data?.items ?? []} loading={patents.isFetching}
          pagination={{ current: page, pageSize: 10, total: patents.data?.total ?? 0, onChange: setPage }}
          columns={[{ title: '申请号', dataIndex: 'applicationNumber', width: 160 }, { title: '名称', dataIndex: 'title', render: (v: string, r: { id: number }) => <Link to={`/patents/${r.id}`}>{v}</Link> }, { title: '申请日', dataIndex: 'filingDate', width: 110 }]} />
      </Card>
    </Space>
  );
}
