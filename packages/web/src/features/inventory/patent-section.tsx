import { Card, Space, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth.tsx';
import { GRADE_COLORS, todayIso, useExplain } from './inventory-api.ts';

/** On the patent detail page: sleeping status and grade today, with a link to the full explanation. */
function Section({ patentId }: { patentId: number }) {
  const asOf = todayIso();
  const ex = useExplain(patentId, { asOf });
  if (!ex.data) return null;
  const e = ex.data;
  return (
    <Card size="small" title="盘点与分级" extra={<Link to={`/inventory/patents/${patentId}?asOf=${asOf}`}>查看说明</Link>} style={{ marginTop: 16 }}>
      <Space wrap>
        {e.sleeping.sleeping ? <Tag color="purple">沉睡专利</Tag> : <Tag>非沉睡专利</Tag>}
        <span>分级 <Tag color={GRADE_COLORS[e.grade.grade]}>{e.grade.grade}</Tag>（{e.grade.total} 分）</span>
        {e.highValue.isHighValue && <Tag color="red">高价值发明专利</Tag>}
        {e.fees && <span>{e.fees.riskLabel}</span>}
      </Space>
    </Card>
  );
}

export default function InventoryPatentSection({ patentId }: { patentId: number }) {
  const { user } = useAuth();
  if (!user || user.role === 'bank_officer') return null;
  return <Section patentId={patentId} />;
}
