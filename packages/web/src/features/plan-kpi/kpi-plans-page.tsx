import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Space, Table, Tag } from 'antd';
import { CopyOutlined, DashboardOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { isOffice, useAuth } from '../../app/auth.tsx';
import { usePlans, type Plan } from './kpi-api.ts';

export function KpiPlansPage() {
  const { user } = useAuth();
  const plans = usePlans();
  const [copying, setCopying] = useState<Plan | null>(null);
  const office = isOffice(user);
  return (
    <Card title="规划与目标（实施方案）" extra={office && <Link to="/kpi/plans/new/edit"><Button type="primary" icon={<PlusOutlined />}>新建规划</Button></Link>}>
      <Table<Plan> rowKey="id" loading={plans.isFetching} dataSource={plans.data?.items ?? []} pagination={false}
        columns={[
          { title: '规划', dataIndex: 'name', render: (v: string, r) => <Space><Link to={`/kpi/plans/${r.id}`}>{v}</Link>{r.preset && <Tag color="gold">预置</Tag>}</Space> },
          { title: '编号', dataIndex: 'id', width: 200 },
          { title: '地区', dataIndex: 'regionName', width: 100 },
          { title: '期间', width: 150, render: (_: unknown, r) => `${r.startYear}—${r.endYear}（基期${r.baselineYear}）` },
          { title: '目标数', width: 80, render: (_: unknown, r) => r.targets.length },
          { title: '操作', width: 250, render: (_: unknown, r) => (
            <Space>
              <Link to={`/kpi/plans/${r.id}`}><Button size="small" icon={<DashboardOutlined />}>看板</Button></Link>
              {office && <Button size="small" icon={<CopyOutlined />} onClick={() => setCopying(r)}>复制</Button>}
              {office && !r.preset && <Link to={`/kpi/plans/${r.id}/edit`}><Button size="small" icon={<EditOutlined />}>编辑</Button></Link>}
            </Space>) },
        ]} />
      <CopyDialog plan={copying} onClose={() => setCopying(null)} />
    </Card>
  );
}

function CopyDialog({ plan, onClose }: { plan: Plan | null; onClose: () => void }) {
  const [form] = Form.useForm<{ id: string; name: string }>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const nav = useNavigate();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await api(`/kpi/plans/${plan!.id}/copy`, { body: v });
      await qc.invalidateQueries({ queryKey: ['kpi-plans'] });
      message.success('已复制');
      onClose();
      nav(`/kpi/plans/${v.id}/edit`);
    } catch (e) { message.error((e as Error).message); }
  };
  return (
    <Modal open={!!plan} title={`复制规划：${plan?.name ?? ''}`} onCancel={onClose} onOk={() => void submit()} okText="复制" destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ name: plan ? `${plan.name}（副本）` : '' }} preserve={false}>
        <Form.Item name="id" label="新规划编号" rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9-]{2,79}$/, message: '小写字母、数字和连字符，至少3位' }]}><Input placeholder="如 dongsheng-2021-conversion" /></Form.Item>
        <Form.Item name="name" label="名称" rules={[{ required: true, min: 2, message: '请填写名称' }]}><Input /></Form.Item>
      </Form>
    </Modal>
  );
}
