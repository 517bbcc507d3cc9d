/**
 * The five seed plans (shared/seeds 000–004) as ready presets, every target with the clause it comes from.
 * Source of the figures: docs/plan-targets.md. Money targets are in 万元.
 */
import { planBodySchema, type Plan, type PlanBodyInput, type TargetInput } from './plan-kpi.schemas.ts';

type T = TargetInput;
const cum = (id: string, indicator: T['indicator'], value: number, clause: string, text: string): T => ({ id, indicator, kind: 'cumulative_at_least', value, clause, text });
const annual = (id: string, indicator: T['indicator'], value: number, clause: string, text: string): T => ({ id, indicator, kind: 'annual_at_least', value, clause, text });
const growth = (id: string, indicator: T['indicator'], pct: number, clause: string, text: string): T => ({ id, indicator, kind: 'cagr_at_least', value: pct, clause, text });
const incr = (id: string, indicator: T['indicator'], clause: string, text: string): T => ({ id, indicator, kind: 'increasing', value: null, clause, text });
const byDate = (id: string, indicator: T['indicator'], value: number, dueDate: string, clause: string, text: string): T => ({ id, indicator, kind: 'by_date_at_least', value, dueDate, clause, text });

const PRESET_INPUTS: Record<string, PlanBodyInput> = {
  'xinyang-2021-conversion': {
    name: '信阳市实施专利转化专项计划助力中小微企业创新发展实施方案',
    issuer: '信阳市知识产权战略实施工作联席会议办公室', regionCode: '411500', regionName: '信阳市',
    startYear: 2021, endYear: 2023, baselineYear: 2020, rankingLevel: 'county',
    targets: [
      cum('sme-in-patents-cum', 'SME_IN_PATENTS', 20, '三、工作目标 1', '中小微企业受让、被许可专利累计不少于20件'),
      growth('sme-in-patents-cagr', 'SME_IN_PATENTS', 10, '三、工作目标 1', '中小微企业接受专利数量年均增幅10%以上'),
      growth('sme-in-contract-cagr', 'SME_IN_CONTRACT', 10, '三、工作目标 1', '成交金额年均增幅10%以上'),
      cum('univ-out-patents-cum', 'UNIV_OUT_PATENTS', 100, '三、工作目标 2', '高校院所转化专利累计不少于100件'),
      incr('univ-out-contract-incr', 'UNIV_OUT_CONTRACT', '三、工作目标 2', '高校院所专利转化成交金额逐年增长'),
      incr('smes-benefiting-incr', 'SMES_BENEFITING', '三、工作目标 3', '惠及中小微企业数量逐年递增'),
      incr('smes-revenue-incr', 'SMES_BENEFITING_REVENUE', '三、工作目标 3', '惠及中小微企业营业收入逐年递增'),
      incr('smes-employees-incr', 'SMES_BENEFITING_EMPLOYEES', '三、工作目标 3', '惠及中小微企业就业人数逐年递增'),
      incr('product-filings-incr', 'PRODUCT_FILINGS', '三、工作目标 4', '专利产品备案数量稳定增加'),
      incr('product-output-incr', 'PRODUCT_OUTPUT', '三、工作目标 4', '专利产品产值稳步提升'),
      cum('pledge-amount-cum', 'PLEDGE_AMOUNT', 40000, '三、工作目标 5', '专利质押融资金额累计4亿元'),
      cum('pledge-count-cum', 'PLEDGE_COUNT', 100, '三、工作目标 5', '专利质押融资项目累计100项'),
      growth('pledge-amount-cagr', 'PLEDGE_AMOUNT', 10, '三、工作目标 5', '质押融资金额年均增幅10%以上'),
      growth('pledge-count-cagr', 'PLEDGE_COUNT', 10, '三、工作目标 5', '质押融资项目数年均增幅10%以上'),
      cum('hv-centers-cum', 'HV_CENTERS', 1, '四(一)1', '建设高价值专利培育中心'),
    ],
    rankingWeights: [
      { indicator: 'SME_IN_PATENTS', metric: 'total', weight: 30 },
      { indicator: 'UNIV_OUT_PATENTS', metric: 'total', weight: 20 },
      { indicator: 'PLEDGE_AMOUNT', metric: 'total', weight: 30 },
      { indicator: 'PRODUCT_FILINGS', metric: 'total', weight: 20 },
    ],
    notes: '五、4 效果追踪：专利产品产值（PRODUCT_OUTPUT）与带动就业人数（JOBS_DRIVEN，手工填报）按年报送，在指标总览中列示。',
  },
  'xuchang-2023-high-value': {
    name: '许昌市加强高价值专利培育 推动经济社会高质量发展的实施意见',
    issuer: '许昌市知识产权战略实施工作联席会议办公室', regionCode: '411000', regionName: '许昌市',
    startYear: 2023, endYear: 2025, baselineYear: 2022, rankingLevel: 'county',
    targets: [],
    notes: '无增长目标，规定奖励与认定条件：国家知识产权示范/优势企业最高20万元，河南省知识产权领军/示范/优势企业最高10万元（二(一)2）；中国专利奖最高20万元，河南省专利奖最高10万元（二(一)5）；已还本付息的质押贷款补贴评估费、保险费和利息（二(二)7）；支持授权快、维持年限长、战略性新兴产业、有海外同族、获国家科技奖或中国专利奖、转化效益明显的专利（二(一)4）。奖补规则见补贴模块。',
  },
  'ordos-2021-conversion': {
    name: '鄂尔多斯市关于实施专利转化专项计划助力中小企业创新发展实施方案',
    issuer: '鄂尔多斯市财政局、市场监督管理局（知识产权局）', regionCode: '150600', regionName: '鄂尔多斯市',
    startYear: 2021, endYear: 2023, baselineYear: 2020, rankingLevel: 'county',
    phases: [
      { name: '准备阶段', from: '2021-05-01', to: '2021-06-30' },
      { name: '推进阶段', from: '2021-07-01', to: '2023-07-31' },
      { name: '巩固评价阶段', from: '2023-08-01', to: '2023-12-31' },
    ],
    targets: [
      growth('sme-in-patents-cagr', 'SME_IN_PATENTS', 20, '四、1', '中小微企业接受转让、许可、作价入股的专利数量年均增幅20%以上'),
      growth('sme-in-contract-cagr', 'SME_IN_CONTRACT', 20, '四、1', '成交额年均增幅20%以上'),
      growth('sme-in-paid-cagr', 'SME_IN_PAID', 20, '四、1', '实际到账金额年均增幅20%以上'),
      incr('univ-out-patents-incr', 'UNIV_OUT_PATENTS', '四、2', '高校院所专利转让、许可、作价入股数量显著增长'),
      incr('univ-out-contract-incr', 'UNIV_OUT_CONTRACT', '四、2', '高校院所专利转化成交额显著增长'),
      incr('univ-out-paid-incr', 'UNIV_OUT_PAID', '四、2', '高校院所专利转化到账金额显著增长'),
      incr('smes-benefiting-incr', 'SMES_BENEFITING', '四、3', '政策惠及的中小微企业数量逐年递增'),
      incr('smes-revenue-incr', 'SMES_BENEFITING_REVENUE', '四、3', '惠及企业营业收入逐年递增'),
      incr('smes-employees-incr', 'SMES_BENEFITING_EMPLOYEES', '四、3', '惠及企业就业人数逐年递增'),
      growth('sme-pledge-amount-cagr', 'SME_PLEDGE_AMOUNT', 20, '四、4', '中小微企业专利质押融资金额年均增幅20%'),
      growth('sme-pledge-count-cagr', 'SME_PLEDGE_COUNT', 20, '四、4', '中小微企业专利质押融资数量年均增幅20%'),
      incr('product-filings-incr', 'PRODUCT_FILINGS', '四、5', '专利产品备案数量稳定增加'),
      byDate('events-by-2023', 'EVENTS', 3, '2023-12-31', '五(一)2', '2023年年底前组织技术路演对接活动不少于3场'),
      annual('nav-projects-annual', 'NAV_PROJECTS', 1, '五(一)3', '每年开展1个以上企业专利导航项目'),
    ],
    rankingWeights: [
      { indicator: 'SME_IN_PATENTS', metric: 'total', weight: 30 },
      { indicator: 'SME_IN_CONTRACT', metric: 'total', weight: 20 },
      { indicator: 'SME_PLEDGE_AMOUNT', metric: 'total', weight: 20 },
      { indicator: 'PRODUCT_FILINGS', metric: 'total', weight: 15 },
      { indicator: 'SMES_BENEFITING', metric: 'total', weight: 15 },
    ],
    notes: '五(三)2：授权后方可资助；同一专利各项资助合计不超过已缴官费的50%（见补贴模块）。旗区按评价结果给予奖补。',
  },
  'xinyang-2021-ip-quality': {
    name: '信阳市推动知识产权高质量发展实施方案',
    issuer: '信阳市知识产权战略实施工作联席会议办公室', regionCode: '411500', regionName: '信阳市',
    startYear: 2021, endYear: 2023, baselineYear: 2020, rankingLevel: 'county',
    targets: [
      cum('hv-centers-cum', 'HV_CENTERS', 1, '主要目标 创造', '建设高价值专利培育中心1—3家'),
      cum('ip-strong-cum', 'IP_STRONG_ENTERPRISES', 10, '主要目标 创造', '培育省级知识产权强企10家以上'),
      annual('ip-strong-annual', 'IP_STRONG_ENTERPRISES', 3, '主要目标 创造', '每年培育省级知识产权强企3家以上'),
      cum('pledge-amount-cum', 'PLEDGE_AMOUNT', 30000, '主要目标 运用 / (九)', '专利质押融资金额累计3亿元'),
      cum('nav-projects-cum', 'NAV_PROJECTS', 1, '(八)', '建设1—2个专利导航示范区'),
      annual('mediation-coverage', 'MEDIATION_COVERAGE', 80, '(六)', '非诉纠纷调解覆盖80%以上县区（手工填报）'),
    ],
    rankingWeights: [
      { indicator: 'IP_STRONG_ENTERPRISES', metric: 'total', weight: 50 },
      { indicator: 'PLEDGE_AMOUNT', metric: 'total', weight: 50 },
    ],
  },
  'sichuan-2021-conversion': {
    name: '四川省实施专利转化专项计划 助力中小企业创新发展行动方案',
    issuer: '四川省知识产权服务促进中心、四川省财政厅', regionCode: '510000', regionName: '四川省',
    startYear: 2021, endYear: 2023, baselineYear: 2020, rankingLevel: 'city',
    targets: [
      growth('sme-in-patents-cagr', 'SME_IN_PATENTS', 20, '(二)主要目标', '中小企业接受专利转让许可数量年均增长20%'),
      growth('sme-filings-cagr', 'SME_PRODUCT_FILINGS', 30, '(二)主要目标', '中小企业专利产品备案年均增长30%'),
      growth('univ-out-patents-cagr', 'UNIV_OUT_PATENTS', 20, '(二)主要目标', '高校院所专利转化数量年均增长20%'),
      growth('pledge-amount-cagr', 'PLEDGE_AMOUNT', 30, '(二)主要目标', '专利质押融资金额及增幅年均增长30%'),
      growth('pledge-count-cagr', 'PLEDGE_COUNT', 15, '(二)主要目标', '专利质押融资项目数年均增长15%'),
      growth('smes-benefiting-cagr', 'SMES_BENEFITING', 15, '(二)主要目标', '惠及中小企业数量年均增长15%'),
      cum('sleeping-first-batch', 'SLEEPING_PATENTS', 10000, '二(一)1', '首批入库沉睡专利不少于10000件'),
      annual('supply-lists-annual', 'SUPPLY_LISTS', 20, '二(一)1', '每年发布专利技术供给清单20次以上'),
      annual('univ-to-sme-annual', 'UNIV_TO_SME_PATENTS', 300, '二(一)2', '每年高校院所向中小企业转化专利300件以上'),
      growth('univ-to-sme-cagr', 'UNIV_TO_SME_PATENTS', 20, '二(一)2', '高校院所向中小企业转化专利年均增长20%'),
      annual('soe-shared-annual', 'SOE_SHARED_PATENTS', 100, '二(一)3', '每年国有企业向中小企业许可转让专利100件以上'),
      cum('service-outlets-cum', 'SERVICE_OUTLETS', 10, '二(二)4', '建设公共服务网点10个以上'),
      annual('supply-demand-annual', 'SUPPLY_DEMAND_ITEMS', 30000, '二(二)4', '每年发布供需信息3万条以上'),
      cum('service-visits-cum', 'SERVICE_VISITS', 2000, '二(二)5', '服务企业2000家次以上'),
      cum('events-cum', 'EVENTS', 50, '二(二)5', '开展对接活动50场以上'),
      cum('alliance-projects-cum', 'ALLIANCE_PROJECTS', 3, '二(二)5', '联盟转化项目3—5个（手工填报）'),
      annual('events-annual', 'EVENTS', 10, '二(二)6', '每年举办路演对接活动10场以上'),
      annual('event-projects-annual', 'EVENT_PROJECTS', 500, '二(二)6', '每年推介项目500个以上'),
      growth('license-transfer-cagr', 'LICENSE_TRANSFER_COUNT', 25, '二(二)7', '专利许可转让数量年均增长25%'),
      cum('patent-pools-cum', 'PATENT_POOLS', 10, '二(二)7', '组建专利池10个以上'),
      cum('pilot-bases-cum', 'PILOT_BASES', 5, '二(二)7', '建设中试熟化基地5家以上'),
      cum('ipo-listed-cum', 'IPO_PIPELINE', 20, '二(二)9', '筛选200家、跟踪30家、推动20家上市（手工填报上市数）'),
      cum('ip-specialists-cum', 'IP_SPECIALISTS', 1000, '二(四)12', '培养知识产权专员1000人以上'),
      cum('typical-cases-cum', 'TYPICAL_CASES', 50, '四(四)', '发布典型案例50个以上'),
    ],
    rankingWeights: [
      { indicator: 'SME_IN_PATENTS', metric: 'total', weight: 25 },
      { indicator: 'UNIV_TO_SME_PATENTS', metric: 'total', weight: 20 },
      { indicator: 'PLEDGE_AMOUNT', metric: 'total', weight: 20 },
      { indicator: 'SME_PRODUCT_FILINGS', metric: 'total', weight: 15 },
      { indicator: 'LICENSE_TRANSFER_COUNT', metric: 'growth', weight: 20 },
    ],
    notes: '三(三)：按市州每年开展绩效评价，采用国家知识产权局、财政部确定的绩效评价指标。',
  },
};

export const PRESET_IDS = ['xinyang-2021-conversion', 'xuchang-2023-high-value', 'ordos-2021-conversion', 'xinyang-2021-ip-quality', 'sichuan-2021-conversion'] as const;
/** Seed document number (shared/seeds 000–004) of each preset. */
export const PRESET_SEED: Record<(typeof PRESET_IDS)[number], string> = {
  'xinyang-2021-conversion': '000', 'xuchang-2023-high-value': '001', 'ordos-2021-conversion': '002',
  'xinyang-2021-ip-quality': '003', 'sichuan-2021-conversion': '004',
};

export const PRESETS: readonly Plan[] = PRESET_IDS.map((id) => ({ id, preset: true, ...planBodySchema.parse(PRESET_INPUTS[id]) }));
export const presetById = (id: string): Plan | undefined => PRESETS.find((p) => p.id === id);
