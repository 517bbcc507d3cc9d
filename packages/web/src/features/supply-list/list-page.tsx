import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Popconfirm, Space, Table, Tag, Typography, message } from 'antd';
import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError, downloadUrl } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { PATENT_TYPE_LABELS } from '../../lib/labels.ts';
import { STATE_COLORS, useList, useListItems, type ListItem } from './supply-list-api.ts';

export function ListPage() {
  const id = Number(useParams().id);
  const l = useList(id);
  const [page, setPage] = useState(1);
  const items = useListItems(id, { page, pageSize: 20 });
  const { user } = useAuth();
  const qc = useQueryClient();
  const office = user?.role === 'platform_admin';
  const act = async (path: string, body: unknown, ok: string) => {
    try { await api(`/supply-lists/${id}/${path}`, { body }); message.success(ok); await qc.invalidateQueries({ queryKey: ['supply-list', id] }); await qc.invalidateQueries({ queryKey: ['supply-lists'] }); } catch (e) { message.error(e instanceof ApiError ? e.message : '操作失败'); }
  };
  if (l.isError) return <Alert type="error" message="清单不存在或尚未发布" />;
  const d = l.data;
  if (!d) return <Card loading />;
  return (
    <Card title={<Space><Typography.Title level={4} style={{ margin: 0 }} data-testid="list-heading">{d.title}</Typography.Title><Tag color={STATE_COLORS[d.state]} data-testid="list-state">{d.stateLabel}</Tag></Space>}
      extra={<Space>
        {office && d.state === 'draft' && <Button onClick={() => act('review', { to: 'reviewed' }, '审核通过，清单内容已固定')} data-testid="list-review">审核通过</Button>}
        {office && d.state === 'reviewed' && <Button onClick={() => act('review', { to: 'draft' }, '已退回草稿')}>退回</Button>}
        {office && d.state === 'reviewed' && <Popconfirm title="发布后清单公开且不可修改，确定发布？" onConfirm={() => act('publish', {}, '已发布')}><Button type="primary" data-testid="list-publish">发布</Button></Popconfirm>}
        <Button icon={<FileExcelOutlined />} href={downloadUrl(`/supply-lists/${id}/export.xlsx`)} data-testid="list-xlsx">Excel</Button>
        <Button icon={<FileWordOutlined />} href={downloadUrl(`/supply-lists/${id}/export.docx`)} data-testid="list-docx">Word</Button>
      </Space>}>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label="编号">{d.listNo ?? '（发布时编号）'}</Descriptions.Item>
        <Descriptions.Item label="发布日期">{d.publishedOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="类型">{d.kindLabel}</Descriptions.Item>
        <Descriptions.Item label="来源盘点批次">{d.batchNo ? <Link to={`/inventory/runs/${d.runId}`}>{d.batchNo}</Link> : '—'}（基准日 {d.asOf ?? '—'}）</Descriptions.Item>
        <Descriptions.Item label="筛选条件" span={2}>{d.filterText}</Descriptions.Item>
        {d.description && <Descriptions.Item label="说明" span={2}>{d.description}</Descriptions.Item>}
      </Descriptions>
      {items.data?.preview && <Alert style={{ margin: '12px 0' }} type="info" showIcon message="草稿：以下为按当前条件的预览，审核通过时固定清单内容。" />}
      <Table<ListItem> style={{ marginTop: 12 }} rowKey="seq" loading={items.isFetching} dataSource={items.data?.items ?? []} data-testid="list-items"
        pagination={{ current: page, pageSize: 20, total: items.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 件` }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 60 },
          { title: '申请号', dataIndex: 'applicationNumber', width: 160 },
          { title: '专利名称', dataIndex: 'title', render: (v: string, r) => <Link to={`/patents/${r.patentId}`}>{v}</Link> },
          { title: '类型', dataIndex: 'type', width: 80, render: (v: string) => PATENT_TYPE_LABELS[v as keyof typeof PATENT_TYPE_LABELS] ?? v },
          { title: '专利权人', dataIndex: 'holderName', width: 180 },
          { title: '分级', dataIndex: 'gradeLabel', width: 200 },
          { title: '战略性新兴产业', dataIndex: 'seiIndustry', width: 150 },
          { title: '开放许可', dataIndex: 'openLicence', width: 80, render: (v: boolean) => (v ? '是' : '否') },
        ]} />
    </Card>
  );
}
