import { App, Button, Card, Space, Table, Tabs, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { CONTACT_STATE_LABELS, respondContact, useContacts, type Contact } from './match-api.ts';

function ContactTable({ box }: { box: 'in' | 'out' }) {
  const list = useContacts(box);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const act = async (id: number, state: 'accepted' | 'declined' | 'deal') => {
    try { await respondContact(id, state); await qc.invalidateQueries({ queryKey: ['contacts'] }); } catch (e) { message.error((e as Error).message); }
  };
  return (
    <Table<Contact> rowKey="id" loading={list.isFetching} dataSource={list.data?.items ?? []} data-testid={`contacts-${box}`} pagination={false}
      columns={[
        { title: '专利', dataIndex: 'patentTitle', render: (v: string, r) => <Link to={`/patents/${r.patentId}`}>{v}</Link> },
        { title: '需求', dataIndex: 'demandTitle', render: (v: string | null, r) => (v ? <Link to={`/demands/${r.demandId}`}>{v}</Link> : '—') },
        { title: box === 'in' ? '来自' : '发往', render: (_: unknown, r) => (box === 'in' ? r.fromOrgName : r.toOrgName) },
        { title: '状态', dataIndex: 'state', width: 90, render: (v: string) => <Tag>{CONTACT_STATE_LABELS[v] ?? v}</Tag> },
        { title: '时间', dataIndex: 'createdAt', width: 170, render: (v: string) => new Date(v).toLocaleString('zh-CN') },
        { title: '操作', width: 200, render: (_: unknown, r) => (
          <Space>
            {box === 'in' && r.state === 'pending' && <><Button size="small" type="primary" onClick={() => act(r.id, 'accepted')}>接受</Button><Button size="small" onClick={() => act(r.id, 'declined')}>婉拒</Button></>}
            {r.state === 'accepted' && <Button size="small" onClick={() => act(r.id, 'deal')}>标记成交</Button>}
          </Space>) },
      ]} />
  );
}

export function ContactsPage() {
  return (
    <Card title="对接请求">
      <Tabs items={[{ key: 'in', label: '收到的（我的专利）', children: <ContactTable box="in" /> }, { key: 'out', label: '发出的（我感兴趣）', children: <ContactTable box="out" /> }]} />
    </Card>
  );
}
