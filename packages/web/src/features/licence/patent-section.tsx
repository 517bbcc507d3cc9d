import { Alert, Card } from 'antd';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { formatYuan } from '@zhuanhua/domain';
import { api } from '../../api/client.ts';

type Status = { declaration: { id: number; publishedDate: string | null; feeMode: string; payLater: boolean } | null; licenceCount: number; reductionBp: number;
  nextFee: { year: number; dueDate: string; fullFen: number; withOpenLicenceFen: number; reductionLabel: string } | null };

/** On the patent page: the open licence in force and its 15% annual-fee reduction. */
export default function OpenLicenceSection({ patentId }: { patentId: number }) {
  const s = useQuery({ queryKey: ['licence', 'patent-status', patentId], queryFn: () => api<Status>(`/licence/patent-status/${patentId}`) });
  const d = s.data?.declaration;
  if (!d) return null;
  return (
    <Card title="开放许可" data-testid="patent-open-licence">
      <Alert type="success" showIcon message={<>已声明开放许可（公告日 {d.publishedDate}），<Link to={`/open-licence/${d.id}`}>查看许可条件并实施</Link>；已许可 {s.data?.licenceCount ?? 0} 家。{d.payLater ? '支持先使用后付费。' : ''}</>}
        description={s.data?.nextFee ? `开放许可期间年费减缴 15%：第 ${s.data.nextFee.year} 年年费（${s.data.nextFee.dueDate} 前缴纳）全额 ${formatYuan(s.data.nextFee.fullFen)} 元，减缴后 ${formatYuan(s.data.nextFee.withOpenLicenceFen)} 元（不与其他费减叠加，取最优）。` : '开放许可期间年费减缴 15%。'} />
    </Card>
  );
}
