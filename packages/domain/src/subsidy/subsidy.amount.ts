/**
 * The amount of a subsidy: the rule of the policy version applied to the inputs taken from the records, then the
 * caps in a fixed order (per item, the share of official fees, per organisation per year, the amount asked). Every
 * step is kept so that the applicant and the reviewers see the rule and its inputs. Integer fen; every product is
 * rounded half away from zero to the fen (money.ts mulRatio).
 */
import { formatYuan, mulRatio, type Fen } from '../common/money.ts';
import {
  BASE_KIND_LABELS, COST_KIND_LABELS, type BaseKind, type CostKind, type PolicyTerms,
} from './subsidy.policy.ts';

export type AmountInputs = {
  bases?: Partial<Record<BaseKind, Fen>>;
  costs?: Partial<Record<CostKind, Fen>>;
  score?: number | null;
  /** Official fees paid for the patent (for the fee-share cap). */
  officialFeesPaidFen?: Fen | null;
  /** Subsidies of every level already granted for the same item (e.g. the same patent), this platform or not. */
  priorSubsidiesForItemFen?: Fen;
  /** Already granted or claimed by the organisation under this policy in the policy year (other applications). */
  orgYearGrantedFen?: Fen;
  /** The applicant may ask for less than the rule gives. */
  requestedFen?: Fen | null;
};

export type AmountStep = { label: string; valueFen: Fen; note: string };

export type AmountResult = {
  /** The amount payable (≥ 0). */
  amountFen: Fen;
  /** The amount by the rule alone, before the caps. */
  ruleFen: Fen;
  steps: AmountStep[];
  /** Which caps reduced the amount (Chinese labels). */
  limitedBy: string[];
  /** Inputs the rule needs that the records did not provide (Chinese labels). */
  missingInputs: string[];
};

const pct = (bp: number) => `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 2)}%`;
const y = (fen: Fen) => `${formatYuan(fen)} 元`;

/**
 * Room left under a fee-share cap: capBp of the official fees paid, minus every subsidy already received for the item.
 * 3,450 元 of fees at 50% with 1,000 元 received → 725 元; with 2,000 元 received → 0.
 */
export function feeShareRoomFen(officialFeesPaidFen: Fen, capBp: number, priorFen: Fen): Fen {
  return Math.max(0, mulRatio(officialFeesPaidFen, capBp, 10_000) - priorFen);
}

export function computeAmount(terms: PolicyTerms, inputs: AmountInputs): AmountResult {
  const steps: AmountStep[] = [];
  const limitedBy: string[] = [];
  const missing: string[] = [];
  const rule = terms.rule;
  let amount = 0;

  switch (rule.kind) {
    case 'fixed':
      amount = rule.amountFen;
      steps.push({ label: '定额', valueFen: amount, note: `按政策定额，最高 ${y(amount)}` });
      break;
    case 'rate': {
      const base = inputs.bases?.[rule.base];
      if (base == null) {
        missing.push(BASE_KIND_LABELS[rule.base]);
        amount = 0;
      } else {
        amount = mulRatio(base, rule.rateBp, 10_000);
      }
      steps.push({ label: '比例计算', valueFen: amount, note: `${BASE_KIND_LABELS[rule.base]} ${base == null ? '（缺少）' : y(base)} × ${pct(rule.rateBp)}` });
      break;
    }
    case 'cost_share': {
      for (const c of rule.components) {
        const actual = inputs.costs?.[c.cost];
        const label = COST_KIND_LABELS[c.cost];
        if (actual == null) {
          missing.push(label);
          steps.push({ label, valueFen: 0, note: `缺少${label}金额` });
          continue;
        }
        let line = mulRatio(actual, c.shareBp, 10_000);
        const parts = [`实际${label} ${y(actual)} × ${pct(c.shareBp)} = ${y(line)}`];
        if (c.baseRateBp != null && c.base) {
          const base = inputs.bases?.[c.base];
          if (base == null) {
            missing.push(BASE_KIND_LABELS[c.base]);
            line = 0;
            parts.push(`缺少${BASE_KIND_LABELS[c.base]}`);
          } else {
            const ceiling = mulRatio(base, c.baseRateBp, 10_000);
            parts.push(`不超过${BASE_KIND_LABELS[c.base]} ${y(base)} × ${pct(c.baseRateBp)} = ${y(ceiling)}`);
            line = Math.min(line, ceiling);
          }
        }
        if (c.capFen != null) {
          parts.push(`单项最高 ${y(c.capFen)}`);
          line = Math.min(line, c.capFen);
        }
        steps.push({ label, valueFen: line, note: parts.join('，') });
        amount += line;
      }
      steps.push({ label: '费用分担合计', valueFen: amount, note: '各项之和' });
      break;
    }
    case 'tiered': {
      const score = inputs.score;
      if (score == null) {
        missing.push('评价得分');
        amount = 0;
        steps.push({ label: '分档', valueFen: 0, note: '缺少评价得分' });
      } else {
        const tier = [...rule.tiers].sort((a, b) => b.minScore - a.minScore).find((t) => score >= t.minScore);
        amount = tier?.amountFen ?? 0;
        steps.push({ label: '分档', valueFen: amount, note: tier ? `得分 ${score} ≥ ${tier.minScore}，对应 ${y(amount)}` : `得分 ${score} 未达到最低档` });
      }
      break;
    }
  }
  const ruleFen = amount;

  if (terms.perItemCapFen != null && amount > terms.perItemCapFen) {
    amount = terms.perItemCapFen;
    limitedBy.push('单项上限');
    steps.push({ label: '单项上限', valueFen: amount, note: `每项最高 ${y(terms.perItemCapFen)}` });
  }

  if (terms.feeShareCapBp != null) {
    const fees = inputs.officialFeesPaidFen;
    if (fees == null) missing.push('已缴官方规定费用');
    const ceiling = mulRatio(fees ?? 0, terms.feeShareCapBp, 10_000);
    const prior = inputs.priorSubsidiesForItemFen ?? 0;
    const room = feeShareRoomFen(fees ?? 0, terms.feeShareCapBp, prior);
    const note = `各级资助总额不超过官费 ${y(fees ?? 0)} 的 ${pct(terms.feeShareCapBp)}（${y(ceiling)}），已获资助 ${y(prior)}，尚可 ${y(room)}`;
    if (amount > room) {
      amount = room;
      limitedBy.push('官费比例上限');
    }
    steps.push({ label: '官费比例上限', valueFen: room, note });
  }

  if (terms.perOrgYearCapFen != null) {
    const granted = inputs.orgYearGrantedFen ?? 0;
    const room = Math.max(0, terms.perOrgYearCapFen - granted);
    if (amount > room) {
      amount = room;
      limitedBy.push('每单位每年上限');
    }
    steps.push({ label: '每单位每年上限', valueFen: room, note: `每单位每年最高 ${y(terms.perOrgYearCapFen)}，本年已申请或获得 ${y(granted)}，尚可 ${y(room)}` });
  }

  if (inputs.requestedFen != null && inputs.requestedFen < amount) {
    amount = Math.max(0, inputs.requestedFen);
    limitedBy.push('申请金额');
    steps.push({ label: '申请金额', valueFen: amount, note: `申请人申请 ${y(inputs.requestedFen)}` });
  }

  steps.push({ label: '核定金额', valueFen: amount, note: limitedBy.length ? `受${limitedBy.join('、')}限制` : '按规则计算' });
  return { amountFen: amount, ruleFen, steps, limitedBy, missingInputs: [...new Set(missing)] };
}
