import { Card, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { DECLARATION_STATE_LABELS } from '@zhuanhua/domain/licence/licence.schemas.ts';
import { optionsOf } from '../../lib/labels.ts';
import { useAuth } from '../../app/auth.tsx';
import { useDeclarations, type Declaration } from './licence-api.ts';

const COLORS: Record<string, string> = { submitted: 'blue', published: 'green', rejected: 'red', withdrawn: 'default' };

/** Declarations: the office's review queue, or an organisation's own declarations. */
export function DeclarationsPage() {
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? (user?.role === 'platform_admin' ? 'submitted' : undefined);
  const list = useDeclarations({ state, pageSize: 100 });
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{user?.role === 'platform_admin' ? '开放许可声明审核' : '本单位开放许可声明'}</Typography.Title>}>
      <Space style={{ marginBottom: 16 }}>
        <Select placeholder="状态" allowClear style={{ width: 140 }} value={state} options={optionsOf(DECLARATION_STATE_LABELS)}
          onChange={(v) => { const p = new URLSearchParams(params); if (v) p.set('state', v); else p.set('state', ''); setParams(p); }} data-testid="declarations-state" />
      </Space>
      <Table<Declaration> rowKey="id" loading={list.isFetching} dataSource={list.data?.items ?? []} pagination={false} data-testid="declarations-table"
        columns={[
          { title: '专利', dataIndex: 'title', render: (v: string, r) => <Link to={`/open-licence/${r.id}`}>{v}</Link> },
          { title: '申请号', dataIndex: 'applicationNumber', width: 160 },
          { title: '专利权人', dataIndex: 'holderName', width: 180 },
          { title: '许可使用费', dataIndex: 'feeText' },
          { title: '状态', dataIndex: 'state', width: 90, render: (v: string, r) => <Tag color={COLORS[v]}>{r.stateLabel}</Tag> },
        ]} />
    </Card>
  );
}
