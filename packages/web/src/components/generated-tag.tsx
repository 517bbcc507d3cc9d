import { Tag, Tooltip } from 'antd';

const FIELD_LABELS: Record<string, string> = {
  '*': '全部字段', application_number: '申请号', filing_date: '申请日', publication_date: '公开日', grant_date: '授权日', legal_status: '法律状态',
  holders: '权利人', fee_paid_through: '年费缴至', claims_count: '权利要求数',
};

/** Marks demo/synthetic data as generated, listing which fields were generated. */
export function GeneratedTag({ fields, source }: { fields: string[]; source?: string }) {
  if (!fields.length && source !== 'generated') return null;
  const label = source === 'generated' ? '合成数据' : '含生成字段';
  return (
    <Tooltip title={`演示用生成字段：${fields.map((f) => FIELD_LABELS[f] ?? f).join('、') || '全部'}`}>
      <Tag color="orange">{label}</Tag>
    </Tooltip>
  );
}
