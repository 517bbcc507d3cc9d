/**
 * Grading (分级): a reproducible value score with its parts (legal / technical / economic value, as in the patent
 * value analysis system), weights as data, grades A/B/C/D by configurable thresholds. Integer arithmetic only, so
 * the same input always gives the same score. Presets: GB/T 42748-2023-style (default) and the 2012 LVD/TVD/EVD.
 */
import { daysBetween, type IsoDate } from '../common/dates.ts';
import { roundHalfAwayFromZero, formatWan } from '../common/money.ts';
import type { LegalStatus, PatentType } from '../common/roles.ts';
import { PATENT_TYPE_LABELS, LEGAL_STATUS_LABELS } from '../common/roles.ts';
import { lastProtectedDay, maintenanceYears, termEndDate } from './fees.rules.ts';
import { normaliseIpc } from './classify.rules.ts';
import type { Award } from './high-value.rules.ts';

export const INDICATOR_KEYS = ['type', 'status', 'remainingTerm', 'claims', 'ipcBreadth', 'citations', 'overseas', 'sei', 'maintenance', 'pledge', 'award', 'deals'] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];
export const INDICATOR_LABELS: Record<IndicatorKey, string> = {
  type: '专利类型', status: '法律状态', remainingTerm: '剩余有效期', claims: '权利要求数量', ipcBreadth: 'IPC覆盖面（适用范围）',
  citations: '被引证次数', overseas: '海外同族（多国申请）', sei: '战略性新兴产业（政策适应性）', maintenance: '维持年限',
  pledge: '质押融资', award: '获奖情况', deals: '转化交易记录',
};
export const DIMENSIONS = ['legal', 'technical', 'economic'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, string> = {
  A: 'A 高价值（转化前景较好）', B: 'B 较高价值（有一定前景）', C: 'C 一般（需二次开发）', D: 'D 暂无前景（建议放弃或开放许可）',
};

export type DimensionSpec = { label: string; weight: number; indicators: Partial<Record<IndicatorKey, number>> };
export type GradingModel = {
  id: string;
  name: string;
  note: string;
  dimensions: Record<Dimension, DimensionSpec>;
  /** Minimum total score (0–100) for A, B and C; below C is D. */
  thresholds: { A: number; B: number; C: number };
  /** Pledge amount scored as "high" (fen). */
  pledgeHighFen: number;
};

export const GBT42748_MODEL: GradingModel = {
  id: 'gbt42748-2023',
  name: 'GB/T 42748-2023 专利评估指引（管理场景，简化）',
  note: '按 GB/T 42748-2023 的法律价值、技术价值、经济价值三个一级指标组织；二级指标取平台已有数据，权重为可配置的默认值，非标准原文权重。',
  dimensions: {
    legal: { label: '法律价值', weight: 35, indicators: { type: 20, status: 20, remainingTerm: 35, claims: 25 } },
    technical: { label: '技术价值', weight: 30, indicators: { ipcBreadth: 35, citations: 40, overseas: 25 } },
    economic: { label: '经济价值', weight: 35, indicators: { sei: 25, maintenance: 25, pledge: 15, award: 15, deals: 20 } },
  },
  thresholds: { A: 60, B: 50, C: 40 },
  pledgeHighFen: 1_000_000_000,
};

export const PVA2012_MODEL: GradingModel = {
  id: 'pva-2012',
  name: '专利价值分析指标体系（2012）PVD = α·LVD + β·TVD + γ·EVD',
  note: '国家知识产权局专利管理司、中国技术交易所 2012 年操作手册的三维度模型；多国申请计入法律价值度。α、β、γ 及子指标权重为可配置的默认值。',
  dimensions: {
    legal: { label: '法律价值度 LVD', weight: 40, indicators: { status: 15, type: 15, remainingTerm: 30, claims: 20, overseas: 20 } },
    technical: { label: '技术价值度 TVD', weight: 30, indicators: { ipcBreadth: 50, citations: 50 } },
    economic: { label: '经济价值度 EVD', weight: 30, indicators: { sei: 20, deals: 30, maintenance: 20, pledge: 15, award: 15 } },
  },
  thresholds: { A: 60, B: 50, C: 40 },
  pledgeHighFen: 1_000_000_000,
};

export const GRADING_PRESETS: Record<string, GradingModel> = { [GBT42748_MODEL.id]: GBT42748_MODEL, [PVA2012_MODEL.id]: PVA2012_MODEL };

/** Problems of a model (weights must sum to 100, each indicator in at most one dimension, thresholds ordered). */
export function validateGradingModel(m: GradingModel): string[] {
  const errs: string[] = [];
  const dimSum = DIMENSIONS.reduce((s, d) => s + m.dimensions[d].weight, 0);
  if (dimSum !== 100) errs.push(`三个维度的权重之和须为 100，当前为 ${dimSum}`);
  const seen = new Set<string>();
  for (const d of DIMENSIONS) {
    const spec = m.dimensions[d];
    const entries = Object.entries(spec.indicators) as [IndicatorKey, number][];
    if (entries.length === 0) errs.push(`${spec.label}至少需要一个指标`);
    const sum = entries.reduce((s, [, w]) => s + w, 0);
    if (entries.length && sum !== 100) errs.push(`${spec.label}的指标权重之和须为 100，当前为 ${sum}`);
    for (const [k, w] of entries) {
      if (!Number.isInteger(w) || w < 0) errs.push(`指标「${INDICATOR_LABELS[k] ?? k}」的权重须为非负整数`);
      if (seen.has(k)) errs.push(`指标「${INDICATOR_LABELS[k] ?? k}」不能出现在多个维度`);
      seen.add(k);
    }
  }
  const t = m.thresholds;
  if (!(t.A > t.B && t.B > t.C && t.C > 0 && t.A <= 100)) errs.push('分级阈值须满足 100 ≥ A > B > C > 0');
  return errs;
}

export type GradingInput = {
  type: PatentType;
  status: LegalStatus;
  filingDate: IsoDate;
  lapseDate?: IsoDate | null;
  termExtensionDays?: number;
  claimsCount?: number | null;
  ipcCodes: readonly string[];
  citationsCount?: number | null;
  overseasFamilyCount: number;
  seiMatched: boolean;
  pledgeCount: number;
  pledgedFen: number;
  awards: readonly Award[];
  dealCount: number;
};

export type IndicatorScore = { key: IndicatorKey; label: string; score: number; value: string; missing: boolean };
export type ScorePart = IndicatorScore & { weight: number };
export type DimensionScore = { key: Dimension; label: string; weight: number; score: number; parts: ScorePart[] };
export type GradeResult = { modelId: string; asOf: IsoDate; total: number; grade: Grade; gradeLabel: string; dimensions: DimensionScore[]; explanation: string[] };

function step(n: number, bands: readonly [number, number][]): number {
  let s = 0;
  for (const [min, score] of bands) if (n >= min) s = score;
  return s;
}

/** Each indicator scored 0–100 from the patent's data (documented bands; unknown values score 50 and are flagged). */
export function scoreIndicator(key: IndicatorKey, p: GradingInput, asOf: IsoDate, pledgeHighFen: number): IndicatorScore {
  const label = INDICATOR_LABELS[key];
  const r = (score: number, value: string, missing = false): IndicatorScore => ({ key, label, score, value, missing });
  switch (key) {
    case 'type': return r(p.type === 'invention' ? 100 : p.type === 'utility_model' ? 60 : 40, PATENT_TYPE_LABELS[p.type]);
    case 'status': return r(p.status === 'in_force' ? 100 : p.status === 'pending' ? 30 : 0, LEGAL_STATUS_LABELS[p.status]);
    case 'remainingTerm': {
      if (p.status === 'lapsed') return r(0, '已失效');
      const ext = p.termExtensionDays ?? 0;
      const total = daysBetween(p.filingDate, termEndDate(p.type, p.filingDate, ext));
      const left = Math.max(0, daysBetween(asOf, lastProtectedDay(p.type, p.filingDate, ext)) + 1);
      const score = Math.min(100, roundHalfAwayFromZero(100 * left, total));
      return r(score, `剩余 ${roundHalfAwayFromZero(left * 10, 365) / 10} 年`);
    }
    case 'claims':
      if (p.claimsCount == null) return r(50, '无数据（按中值计）', true);
      return r(Math.min(100, p.claimsCount * 10), `${p.claimsCount} 项`);
    case 'ipcBreadth': {
      const subclasses = new Set(p.ipcCodes.map((c) => normaliseIpc(c).slice(0, 4)).filter((c) => c.length === 4));
      if (subclasses.size === 0) return r(50, '无分类号（按中值计）', true);
      return r(step(subclasses.size, [[1, 40], [2, 70], [3, 100]]), `${subclasses.size} 个小类`);
    }
    case 'citations':
      if (p.citationsCount == null) return r(50, '无数据（按中值计）', true);
      return r(step(p.citationsCount, [[0, 0], [1, 40], [3, 70], [6, 85], [10, 100]]), `${p.citationsCount} 次`);
    case 'overseas': return r(p.overseasFamilyCount > 0 ? 100 : 0, p.overseasFamilyCount > 0 ? `${p.overseasFamilyCount} 件` : '无');
    case 'sei': return r(p.seiMatched ? 100 : 0, p.seiMatched ? '属于' : '不属于');
    case 'maintenance': {
      const y = maintenanceYears(p.filingDate, asOf, p.status === 'lapsed' ? p.lapseDate ?? asOf : null);
      return r(Math.min(100, y * 10), `${y} 年`);
    }
    case 'pledge':
      if (p.pledgeCount === 0) return r(0, '无');
      return r(p.pledgedFen >= pledgeHighFen ? 100 : 70, `${p.pledgeCount} 次，${formatWan(p.pledgedFen)} 万元`);
    case 'award': {
      const kinds = new Set(p.awards.map((a) => a.kind));
      const score = kinds.has('national_sti') || kinds.has('china_patent_award') ? 100 : kinds.has('provincial_patent_award') ? 70 : kinds.size ? 40 : 0;
      return r(score, p.awards.length ? `${p.awards.length} 项` : '无');
    }
    case 'deals': return r(step(p.dealCount, [[0, 0], [1, 70], [2, 100]]), `${p.dealCount} 次`);
  }
}

export function gradeFor(total: number, t: GradingModel['thresholds']): Grade {
  return total >= t.A ? 'A' : total >= t.B ? 'B' : total >= t.C ? 'C' : 'D';
}

export function gradePatent(p: GradingInput, asOf: IsoDate, model: GradingModel = GBT42748_MODEL): GradeResult {
  let exact = 0; // Σ W_d · w_i · s_i, denominator 10,000
  const dimensions: DimensionScore[] = DIMENSIONS.map((d) => {
    const spec = model.dimensions[d];
    let sum = 0;
    const parts: ScorePart[] = (Object.entries(spec.indicators) as [IndicatorKey, number][]).map(([k, w]) => {
      const s = scoreIndicator(k, p, asOf, model.pledgeHighFen);
      sum += w * s.score;
      return { ...s, weight: w };
    });
    exact += spec.weight * sum;
    return { key: d, label: spec.label, weight: spec.weight, score: roundHalfAwayFromZero(sum, 100), parts };
  });
  const total = roundHalfAwayFromZero(exact, 10_000);
  const grade = gradeFor(total, model.thresholds);
  const all = dimensions.flatMap((d) => d.parts.map((x) => ({ ...x, dim: d })));
  const strong = all.filter((x) => x.score >= 70 && x.weight > 0).map((x) => `${x.label}（${x.value}）`);
  const weak = all.filter((x) => x.score < 40 && x.weight > 0).map((x) => `${x.label}（${x.value}）`);
  const missing = all.filter((x) => x.missing).map((x) => x.label);
  const t = model.thresholds;
  const explanation = [
    `总分 ${total} = ${dimensions.map((d) => `${d.label} ${d.score} × ${d.weight}%`).join(' + ')}`,
    `分级阈值：A ≥ ${t.A}，B ≥ ${t.B}，C ≥ ${t.C}，其余为 D；本专利为 ${GRADE_LABELS[grade]}`,
    ...(strong.length ? [`加分项：${strong.join('、')}`] : []),
    ...(weak.length ? [`短板：${weak.join('、')}`] : []),
    ...(missing.length ? [`缺少数据（按中值 50 计）：${missing.join('、')}`] : []),
  ];
  return { modelId: model.id, asOf, total, grade, gradeLabel: GRADE_LABELS[grade], dimensions, explanation };
}
