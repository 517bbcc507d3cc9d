/**
 * The indicator catalogue of plan-targets.md: code, Chinese name, unit, how it is valued and where it comes from.
 * Money indicators are computed in fen and shown in 万元; targets on them are written in 万元.
 */
export const INDICATOR_CODES = [
  'SME_IN_PATENTS', 'SME_IN_CONTRACT', 'SME_IN_PAID',
  'UNIV_OUT_PATENTS', 'UNIV_OUT_CONTRACT', 'UNIV_OUT_PAID', 'UNIV_TO_SME_PATENTS',
  'SOE_SHARED_PATENTS', 'LICENSE_TRANSFER_COUNT',
  'SMES_BENEFITING', 'SMES_BENEFITING_REVENUE', 'SMES_BENEFITING_EMPLOYEES',
  'PRODUCT_FILINGS', 'SME_PRODUCT_FILINGS',
  'PLEDGE_AMOUNT', 'PLEDGE_COUNT', 'SME_PLEDGE_AMOUNT', 'SME_PLEDGE_COUNT',
  'SLEEPING_PATENTS', 'SUPPLY_LISTS', 'SUPPLY_DEMAND_ITEMS', 'EVENTS', 'EVENT_PROJECTS', 'SERVICE_VISITS',
  'HV_CENTERS', 'IP_STRONG_ENTERPRISES', 'NAV_PROJECTS', 'PATENT_POOLS', 'PILOT_BASES', 'TYPICAL_CASES',
  'IP_SPECIALISTS', 'SERVICE_OUTLETS', 'PRODUCT_OUTPUT', 'JOBS_DRIVEN',
  'ALLIANCE_PROJECTS', 'IPO_PIPELINE', 'MEDIATION_COVERAGE',
] as const;
export type IndicatorCode = (typeof INDICATOR_CODES)[number];

/** 'money' values are integer fen; 'count' values are integers; 'ratio' values are percents (0..100). */
export type ValueKind = 'count' | 'money' | 'ratio';
/**
 * Where the figure comes from: 'deals' / 'pledges' / 'filings' (the ledger), 'registry' (registries and events kept
 * by other modules), 'manual' (no source in the platform: only hand-entered figures, marked and audited).
 */
export type IndicatorSource = 'deals' | 'pledges' | 'filings' | 'benefit' | 'registry' | 'manual';

export type IndicatorDef = {
  code: IndicatorCode;
  name: string;
  unit: string;
  kind: ValueKind;
  source: IndicatorSource;
  /** How the per-year figure is counted, in Chinese (shown beside the figure). */
  rule: string;
};

const d = (code: IndicatorCode, name: string, unit: string, kind: ValueKind, source: IndicatorSource, rule: string): IndicatorDef =>
  ({ code, name, unit, kind, source, rule });

export const INDICATORS: readonly IndicatorDef[] = [
  d('SME_IN_PATENTS', '中小微企业受让/被许可/作价入股专利数', '件', 'count', 'deals', '按合同日期计年；一份合同含k件专利计k件，同一专利许可给2家中小微企业计2件；中小微按交易日的企业规模判断'),
  d('SME_IN_CONTRACT', '中小微企业接受专利的成交金额', '万元', 'money', 'deals', '上述交易的合同金额，按合同日期计年'),
  d('SME_IN_PAID', '中小微企业接受专利的实际到账金额', '万元', 'money', 'deals', '上述交易的到账金额，按到账日期计年'),
  d('UNIV_OUT_PATENTS', '高校院所转让/许可/作价入股专利数', '件', 'count', 'deals', '高校、科研院所作为转让方/许可方的专利数，按合同日期计年'),
  d('UNIV_OUT_CONTRACT', '高校院所专利转化成交金额', '万元', 'money', 'deals', '上述交易的合同金额，按合同日期计年'),
  d('UNIV_OUT_PAID', '高校院所专利转化实际到账金额', '万元', 'money', 'deals', '上述交易的到账金额，按到账日期计年'),
  d('UNIV_TO_SME_PATENTS', '高校院所向中小微企业转化专利数', '件', 'count', 'deals', '转让方为高校院所、受让方为中小微企业的专利数'),
  d('SOE_SHARED_PATENTS', '国有企业向中小微企业许可/转让专利数', '件', 'count', 'deals', '转让方/许可方为国有企业、受让方为中小微企业的专利数（作价入股除外）'),
  d('LICENSE_TRANSFER_COUNT', '专利许可与转让数', '件', 'count', 'deals', '许可（含开放许可）与转让的专利数，不限主体'),
  d('SMES_BENEFITING', '政策惠及中小微企业数', '家', 'count', 'benefit', '当年获得专利、质押贷款或补贴的不同中小微企业数'),
  d('SMES_BENEFITING_REVENUE', '惠及中小微企业营业收入', '万元', 'money', 'benefit', '当年惠及中小微企业填报的营业收入合计'),
  d('SMES_BENEFITING_EMPLOYEES', '惠及中小微企业就业人数', '人', 'count', 'benefit', '当年惠及中小微企业填报的就业人数合计'),
  d('PRODUCT_FILINGS', '专利产品备案数', '件', 'count', 'filings', '按备案日期计年'),
  d('SME_PRODUCT_FILINGS', '中小微企业专利产品备案数', '件', 'count', 'filings', '备案主体为中小微企业（按备案日的企业规模）'),
  d('PLEDGE_AMOUNT', '专利质押融资金额', '万元', 'money', 'pledges', '按质押登记日期计年'),
  d('PLEDGE_COUNT', '专利质押融资项目数', '项', 'count', 'pledges', '按质押登记日期计年'),
  d('SME_PLEDGE_AMOUNT', '中小微企业专利质押融资金额', '万元', 'money', 'pledges', '出质人为中小微企业（按登记日的企业规模）'),
  d('SME_PLEDGE_COUNT', '中小微企业专利质押融资项目数', '项', 'count', 'pledges', '出质人为中小微企业（按登记日的企业规模）'),
  d('SLEEPING_PATENTS', '入库沉睡专利数', '件', 'count', 'registry', '进入沉睡专利数据库的专利，按入库日期计年'),
  d('SUPPLY_LISTS', '发布专利技术供给清单', '次', 'count', 'registry', '按发布日期计年'),
  d('SUPPLY_DEMAND_ITEMS', '发布供需信息条数', '条', 'count', 'registry', '发布的供给与需求条目，按发布日期计年'),
  d('EVENTS', '对接活动与路演场次', '场', 'count', 'registry', '按活动日期计年'),
  d('EVENT_PROJECTS', '活动推介项目数', '个', 'count', 'registry', '活动上推介的项目数，按活动日期计年'),
  d('SERVICE_VISITS', '服务机构服务企业家次', '家次', 'count', 'registry', '服务机构登记的企业服务记录，按服务日期计年'),
  d('HV_CENTERS', '高价值专利培育中心', '家', 'count', 'registry', '按认定日期计年'),
  d('IP_STRONG_ENTERPRISES', '省级知识产权强企', '家', 'count', 'manual', '平台暂无认定名录，手工填报'),
  d('NAV_PROJECTS', '专利导航项目', '个', 'count', 'registry', '按立项日期计年'),
  d('PATENT_POOLS', '专利池', '个', 'count', 'registry', '按组建日期计年'),
  d('PILOT_BASES', '中试熟化基地', '家', 'count', 'registry', '按认定日期计年'),
  d('TYPICAL_CASES', '发布典型案例', '个', 'count', 'registry', '按发布日期计年'),
  d('IP_SPECIALISTS', '知识产权专员', '人', 'count', 'registry', '按登记日期计年'),
  d('SERVICE_OUTLETS', '公共服务网点', '个', 'count', 'registry', '按设立日期计年'),
  d('PRODUCT_OUTPUT', '专利产品产值（效果追踪）', '万元', 'money', 'filings', '备案产品年度报告填报的产值（无产值时取销售额），按所属年度'),
  d('JOBS_DRIVEN', '带动就业人数（效果追踪）', '人', 'count', 'filings', '备案产品年度报告填报的带动就业人数，按所属年度'),
  d('ALLIANCE_PROJECTS', '联盟转化项目', '个', 'count', 'manual', '无数据来源，手工填报'),
  d('IPO_PIPELINE', '上市培育企业（筛选/跟踪/上市）', '家', 'count', 'manual', '无数据来源，手工填报'),
  d('MEDIATION_COVERAGE', '非诉纠纷调解县区覆盖率', '%', 'ratio', 'manual', '无数据来源，手工填报'),
];

export const INDICATOR_BY_CODE: Readonly<Record<IndicatorCode, IndicatorDef>> = Object.fromEntries(
  INDICATORS.map((i) => [i.code, i]),
) as Record<IndicatorCode, IndicatorDef>;

export const isIndicatorCode = (s: string): s is IndicatorCode => (INDICATOR_CODES as readonly string[]).includes(s);

/**
 * Hand-entered figures are accepted only for indicators the platform has no source for: 'manual' indicators, and
 * indicators whose source table is not in this installation yet (`computable` = the indicators the engine computes).
 */
export const acceptsManualFigure = (code: IndicatorCode, computable: ReadonlySet<IndicatorCode> = new Set()): boolean =>
  INDICATOR_BY_CODE[code].source === 'manual' || !computable.has(code);

/** The value in the unit a person reads: 万元 for money (from fen), the count otherwise. */
export const toDisplayValue = (code: IndicatorCode, value: number): number =>
  INDICATOR_BY_CODE[code].kind === 'money' ? value / 1_000_000 : value;

/** A target value written in the indicator's display unit (万元 for money) → the internal unit (fen). */
export const fromDisplayValue = (code: IndicatorCode, value: number): number =>
  INDICATOR_BY_CODE[code].kind === 'money' ? Math.round(value * 1_000_000) : value;

/** Format a value for people: money in 万元 (up to 2 decimals), counts as integers. */
export function formatIndicatorValue(code: IndicatorCode, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const def = INDICATOR_BY_CODE[code];
  const v = toDisplayValue(code, value);
  const s = def.kind === 'money' ? (Math.round(v * 100) / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 }) : v.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
  return `${s}${def.unit}`;
}
