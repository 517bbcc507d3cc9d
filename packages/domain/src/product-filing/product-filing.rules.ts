/**
 * Patent product filing (专利产品备案) rules, domain-rules §6. Pure: dates are arguments.
 */
import { AppError } from '../common/app-error.ts';
import { yearOf, type IsoDate } from '../common/dates.ts';
import type { Fen } from '../common/money.ts';
import type { LegalStatus } from '../common/roles.ts';

export const FILING_STATES = ['draft', 'submitted', 'filed', 'returned', 'withdrawn'] as const;
export type FilingState = (typeof FILING_STATES)[number];
export const FILING_STATE_LABELS: Record<FilingState, string> = {
  draft: '草稿', submitted: '备案中', filed: '已备案', returned: '已退回', withdrawn: '已撤销',
};
export const FILING_TRANSITIONS: Record<FilingState, readonly FilingState[]> = {
  draft: ['submitted', 'withdrawn'],
  submitted: ['filed', 'returned'],
  returned: ['submitted', 'withdrawn'],
  filed: ['withdrawn'],
  withdrawn: [],
};
export function assertFilingTransition(from: FilingState, to: FilingState): void {
  if (!FILING_TRANSITIONS[from].includes(to)) {
    throw new AppError('ILLEGAL_TRANSITION', `备案状态“${FILING_STATE_LABELS[from]}”不能变为“${FILING_STATE_LABELS[to]}”`, { from, to });
  }
}

export const PRODUCT_CATEGORIES = [
  '新一代信息技术', '高端装备制造', '新材料', '生物医药', '新能源汽车', '新能源', '节能环保', '数字创意', '现代农业', '传统制造', '其他',
] as const;

/** A licence in the ledger: licensee, kind and the period it covers. */
export type LicenceFact = { dealId: number; licenseeOrgId: number; from: IsoDate | null; to: IsoDate | null; kind?: string | null };

export type FilingPatentFacts = {
  patentId: number;
  applicationNumber: string;
  role: 'own' | 'licensed';
  legalStatus: LegalStatus;
  grantDate: IsoDate | null;
  lapseDate: IsoDate | null;
  holderOrgIds: readonly number[];
  licences: readonly LicenceFact[];
};

export const FILING_PROBLEMS = {
  NOT_GRANTED: '专利在备案日尚未授权',
  NOT_IN_FORCE: '专利在备案日不是有效状态',
  NOT_HELD: '备案主体不是该专利的专利权人',
  NO_LICENCE: '备案主体没有覆盖备案日的许可记录',
} as const;
export type FilingProblemCode = keyof typeof FILING_PROBLEMS;
export type FilingProblem = { patentId: number; applicationNumber: string; code: FilingProblemCode; message: string; };

/** Whether the patent was in force on the date: granted on or before it, and not lapsed (or lapsed later). */
export function inForceOn(p: Pick<FilingPatentFacts, 'legalStatus' | 'grantDate' | 'lapseDate'>, date: IsoDate): boolean {
  if (!p.grantDate || p.grantDate > date) return false;
  if (p.legalStatus === 'in_force') return true;
  if (p.legalStatus === 'lapsed') return p.lapseDate !== null && p.lapseDate > date;
  return false;
}

/** The licence of the ledger that covers the date for this filer, if any. */
export function coveringLicence(p: FilingPatentFacts, filerOrgId: number, date: IsoDate): LicenceFact | undefined {
  return p.licences.find((l) => l.licenseeOrgId === filerOrgId && (l.from === null || l.from <= date) && (l.to === null || l.to >= date));
}

/**
 * The filing check: every listed patent in force on the filing date, and held by the filer (role own) or
 * licensed to it by a licence covering the filing date (role licensed). A patent the filer holds but lists as
 * licensed, or licenses but lists as own, is judged on the role that the facts support.
 */
export function checkFilingPatents(filerOrgId: number, filingDate: IsoDate, patents: readonly FilingPatentFacts[]): FilingProblem[] {
  const out: FilingProblem[] = [];
  if (patents.length === 0) throw new AppError('VALIDATION', '至少列出一件产品实施的专利');
  for (const p of patents) {
    const add = (code: FilingProblemCode) =>
      out.push({ patentId: p.patentId, applicationNumber: p.applicationNumber, code, message: `${p.applicationNumber}：${FILING_PROBLEMS[code]}` });
    if (!p.grantDate || p.grantDate > filingDate) add('NOT_GRANTED');
    else if (!inForceOn(p, filingDate)) add('NOT_IN_FORCE');
    const holds = p.holderOrgIds.includes(filerOrgId);
    const lic = coveringLicence(p, filerOrgId, filingDate);
    if (!holds && !lic) add(p.role === 'own' ? 'NOT_HELD' : 'NO_LICENCE');
  }
  return out;
}

export function assertFilingPatents(filerOrgId: number, filingDate: IsoDate, patents: readonly FilingPatentFacts[]): void {
  const problems = checkFilingPatents(filerOrgId, filingDate, patents);
  if (problems.length) throw new AppError('RULE_VIOLATION', problems.map((p) => p.message).join('；'), { problems });
}

/** Withdraw the filing when all linked patents have lapsed (§6). */
export function shouldWithdraw(patents: readonly Pick<FilingPatentFacts, 'legalStatus' | 'grantDate' | 'lapseDate'>[], asOf: IsoDate): boolean {
  return patents.length > 0 && patents.every((p) => !inForceOn(p, asOf));
}

// ---------------------------------------------------------------- yearly reports (效果追踪)
export type YearReport = {
  year: number;
  outputFen: Fen;
  salesFen: Fen;
  exportFen?: Fen;
  profitFen?: Fen | null;
  ipInvestmentFen?: Fen;
  jobs: number;
};

/**
 * Check a yearly report. The year must be a completed year (before today's year), not before production started
 * or the filing year. Reports are due 1 Jan – 31 Mar of the next year; a late one is accepted with a warning.
 */
export function checkYearReport(r: YearReport, p: { filingDate: IsoDate; productionStart: IsoDate | null; today: IsoDate; state: FilingState }): { warnings: string[] } {
  if (p.state !== 'filed') throw new AppError('RULE_VIOLATION', '只有已备案的产品可以报送年度数据');
  const first = Math.min(yearOf(p.filingDate), p.productionStart ? yearOf(p.productionStart) : yearOf(p.filingDate));
  if (r.year < first) throw new AppError('RULE_VIOLATION', `报送年度不能早于 ${first} 年（投产或备案年度）`);
  if (r.year >= yearOf(p.today)) throw new AppError('RULE_VIOLATION', '只能报送已结束年度的数据');
  for (const [k, v] of [['outputFen', r.outputFen], ['salesFen', r.salesFen], ['exportFen', r.exportFen ?? 0], ['ipInvestmentFen', r.ipInvestmentFen ?? 0]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new AppError('VALIDATION', '金额须为非负整数（分）', { field: k });
  }
  if (!Number.isInteger(r.jobs) || r.jobs < 0) throw new AppError('VALIDATION', '带动就业人数须为非负整数');
  const warnings: string[] = [];
  const windowEnd = `${r.year + 1}-03-31`;
  if (p.today > windowEnd) warnings.push(`${r.year} 年度数据应在 ${r.year + 1} 年 1 月 1 日至 3 月 31 日报送，本次为补报`);
  if ((r.exportFen ?? 0) > r.salesFen) warnings.push('出口额大于销售额，请核对');
  return { warnings };
}

/** Totals of the yearly reports of one year (feeds PRODUCT_OUTPUT / JOBS_DRIVEN). */
export function sumReports(reports: readonly YearReport[], year: number): { outputFen: Fen; salesFen: Fen; jobs: number; count: number } {
  const rs = reports.filter((r) => r.year === year);
  return {
    outputFen: rs.reduce((s, r) => s + r.outputFen, 0),
    salesFen: rs.reduce((s, r) => s + r.salesFen, 0),
    jobs: rs.reduce((s, r) => s + r.jobs, 0),
    count: rs.length,
  };
}

/** Filing number: BA + year + 6-digit serial, e.g. BA2025000012. */
export const filingNumber = (filingDate: IsoDate, serial: number): string => `BA${yearOf(filingDate)}${String(serial).padStart(6, '0')}`;
