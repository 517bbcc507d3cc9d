export { PATENT_TYPE_LABELS, LEGAL_STATUS_LABELS, ORG_TYPE_LABELS, SIZE_CLASS_LABELS, ROLE_LABELS, formatYuan, formatWan } from '@zhuanhua/domain';

export const STATUS_COLORS: Record<string, string> = { pending: 'blue', in_force: 'green', lapsed: 'default' };

/** antd Select options from a label map. */
export const optionsOf = (m: Record<string, string>) => Object.entries(m).map(([value, label]) => ({ value, label }));
