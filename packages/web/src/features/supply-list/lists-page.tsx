import { useState } from 'react';
import { Button, Card, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography, message } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { api, ApiError } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { ORG_TYPE_LABELS, PATENT_TYPE_LABELS, optionsOf } from '../../lib/labels.ts';
import { STATE_COLORS, useLists, type SupplyList } from './supply-list-api.ts';

const SEI = { '1': '新一代信息技术产业', '2': '高端装备制造产业', '3': '新材料产业', '4': '生物产业', '5': '新能源汽车产业', '6': '新能源产业', '7': '节能环保产业', '8': '数字创意产业', '9': '相关服务业' };

export function ListsTable({ pub }: { pub: boolean }) {
  const [page, setPage] = useState(1);
  const lists = useLists({ page, pageSize: 20 }, pub);
  return (
    <Table<SupplyList> rowKey="id" loading={lists.isFetching} dataSource={lists.data?.items ?? []} data-testid="lists-table"
      pagination={{ current: page, pageSize: 20, total: lists.data?.total ?? 0, onChange: setPage }}
      columns={[
        { title: '编号', dataIndex: 'listNo', width: 200, render: (v: string | null) => v ?? '—' },
        { title: '标题', dataIndex: 'title', render: (v: string, r) => <Link to={`/supply-lists/${r.id}`}>{v}</Link> },
        { title: '类型', dataIndex: 'kindLabel', width: 200 },
        { title: '专利数', dataIndex: 'itemCount', width: 80 },
        { title: '发布日期', dataIndex: 'publishedOn', width: 110 },
        ...(pub ? [] : [{ title: '状态', dataIndex: 'state', width: 90, render: (v: string, r: SupplyList) => <Tag color={STATE_COLORS[v]}>{r.stateLabel}</Tag> }]),
      ]} />
  );
}

export function ListsPage() {
  const { user } = useAuth();
  const [open, setOpen] = useState(false);
  const nav = useNavigate();
  const canCreate = user && ['platform_admin', 'org_admin', 'service_agent'].includes(user.role);
  const create = async (v: { title: string; kind: string; description?: string; grades?: string[]; seiIndustries?: string[]; holderTypes?: string[]; patentTypes?: string[]; openLicenceOnly?: boolean; highValueOnly?: boolean; keyword?: string; maxItems?: number }) => {
    try {
      const filter = { grades: v.grades, seiIndustries: v.seiIndustries, holderTypes: v.holderTypes, patentTypes: v.patentTypes, openLicenceOnly: v.openLicenceOnly || undefined, highValueOnly: v.highValueOnly || undefined, keyword: v.keyword || undefined, maxItems: v.maxItems || undefined };
      const l = await api<SupplyList>('/supply-lists', { body: { title: v.title, kind: v.kind, description: v.description || null, filter } });
      setOpen(false);
      nav(`/supply-lists/${l.id}`);
    } catch (e) { message.error(e instanceof ApiError ? e.message : '创建失败'); }
  };
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>专利技术供给清单</Typography.Title>}
      extra={canCreate && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="list-new">编制清单</Button>}>
      <ListsTable pub={false} />
      <Modal title="编制供给清单" open={open} onCancel={() => setOpen(false)} footer={null} width={640} destroyOnHidden>
        <Typography.Paragraph type="secondary">清单从最近一次全量盘点批次的入库专利中按条件筛选，按价值分从高到低排列。</Typography.Paragraph>
        <Form layout="vertical" onFinish={create} initialValues={{ kind: 'general', maxItems: 500 }}>
          <Form.Item name="title" label="标题" rules={[{ required: true, min: 4, message: '标题至少 4 个字' }]}><Input data-testid="list-title" maxLength={100} /></Form.Item>
          <Form.Item name="kind" label="类型"><Select options={[{ value: 'general', label: '专利技术供给清单' }, { value: 'soe_sharing', label: '国有企业共享成熟专利技术清单' }]} /></Form.Item>
          <Space wrap>
            <Form.Item name="grades" label="分级"><Select mode="multiple" style={{ width: 180 }} options={['A', 'B', 'C', 'D'].map((g) => ({ value: g, label: g }))} data-testid="list-grades" /></Form.Item>
            <Form.Item name="seiIndustries" label="战略性新兴产业"><Select mode="multiple" style={{ width: 260 }} options={optionsOf(SEI)} /></Form.Item>
            <Form.Item name="holderTypes" label="权利人类型"><Select mode="multiple" style={{ width: 200 }} options={optionsOf({ university: ORG_TYPE_LABELS.university, research_institute: ORG_TYPE_LABELS.research_institute, soe: ORG_TYPE_LABELS.soe })} /></Form.Item>
            <Form.Item name="patentTypes" label="专利类型"><Select mode="multiple" style={{ width: 200 }} options={optionsOf(PATENT_TYPE_LABELS)} /></Form.Item>
            <Form.Item name="keyword" label="标题关键词"><Input style={{ width: 160 }} maxLength={50} /></Form.Item>
            <Form.Item name="maxItems" label="最多条数"><InputNumber min={1} max={5000} /></Form.Item>
          </Space>
          <Space>
            <Form.Item name="openLicenceOnly" valuePropName="checked"><Checkbox>仅开放许可</Checkbox></Form.Item>
            <Form.Item name="highValueOnly" valuePropName="checked"><Checkbox>仅高价值发明专利</Checkbox></Form.Item>
          </Space>
          <Form.Item name="description" label="说明"><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
          <Button type="primary" htmlType="submit" data-testid="list-create">创建草稿</Button>
        </Form>
      </Modal>
    </Card>
  );
}

export function PublicListsPage() {
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>已发布的专利技术供给清单</Typography.Title>}>
      <ListsTable pub />
    </Card>
  );
}
