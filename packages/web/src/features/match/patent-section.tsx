import { useState } from 'react';
import { Button, Card, List, Space, Tag } from 'antd';
import { useAuth } from '../../app/auth.tsx';
import { useProspects } from './match-api.ts';

/** On the patent page: SMEs likely to license this patent, with reasons. */
export default function ProspectsSection({ patentId }: { patentId: number }) {
  const { user } = useAuth();
  const [open, setOpen] = useState(false);
  const allowed = !!user && user.role !== 'auditor';
  const q = useProspects(patentId, open && allowed);
  if (!allowed) return null;
  return (
    <Card title="潜在许可对象（中小企业）" data-testid="patent-prospects" extra={!open && <Button onClick={() => setOpen(true)}>查找</Button>}>
      {open && (
        <List loading={q.isFetching} dataSource={q.data?.items ?? []} locale={{ emptyText: '暂未发现匹配的企业' }}
          renderItem={(p) => (
            <List.Item key={p.orgId}>
              <List.Item.Meta title={<Space>{p.name}<Tag>得分 {p.score.toFixed(2)}</Tag></Space>}
                description={<Space wrap size={[4, 4]}>{p.reasons.map((r, i) => <Tag key={i} color="blue">{r.text}</Tag>)}</Space>} />
            </List.Item>
          )} />
      )}
    </Card>
  );
}
