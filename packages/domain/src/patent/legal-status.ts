/**
 * Legal status strings of CNIPA, incoPat, 智慧芽 … → the platform's three-way status (domain-rules §9),
 * and patent-type labels → the type enum.
 */
import type { LegalStatus, PatentType } from '../common/roles.ts';

export const LAPSE_REASONS = [
  'FEE_UNPAID', 'EXPIRED', 'SURRENDERED', 'DUPLICATE_AVOIDANCE', 'INVALIDATED', 'REJECTED', 'WITHDRAWN', 'DEEMED_WITHDRAWN',
] as const;
export type LapseReason = (typeof LAPSE_REASONS)[number];
export const LAPSE_REASON_LABELS: Record<LapseReason, string> = {
  FEE_UNPAID: '未缴年费终止', EXPIRED: '期限届满终止', SURRENDERED: '主动放弃', DUPLICATE_AVOIDANCE: '避免重复授权放弃',
  INVALIDATED: '宣告全部无效', REJECTED: '驳回', WITHDRAWN: '撤回', DEEMED_WITHDRAWN: '视为撤回/视为放弃',
};

export type LegalStatusInfo = { status: LegalStatus; restorable: boolean; lapseReason: LapseReason | null };

const inForce = (): LegalStatusInfo => ({ status: 'in_force', restorable: false, lapseReason: null });
const pending = (): LegalStatusInfo => ({ status: 'pending', restorable: false, lapseReason: null });
const lapsed = (lapseReason: LapseReason | null, restorable = false): LegalStatusInfo => ({ status: 'lapsed', restorable, lapseReason });

/** CNIPA gazette legal-event codes (事务数据) at the start of a status string. */
const EVENT_CODES: Record<string, LegalStatusInfo> = {
  CF01: lapsed('FEE_UNPAID'), CX01: lapsed('EXPIRED'), AV01: lapsed('SURRENDERED'), IW01: lapsed('INVALIDATED'),
  RJ01: lapsed('REJECTED'), WD01: lapsed('DEEMED_WITHDRAWN'),
  RR01: inForce(), GR01: inForce(), IP01: inForce(), TR01: inForce(), EE01: inForce(), EM01: inForce(), EC01: inForce(),
  PE01: inForce(), PM01: inForce(), PC01: inForce(), PP01: inForce(), PD01: inForce(), CP01: inForce(), CP02: inForce(),
  CP03: inForce(), CB03: inForce(), PB01: pending(), SE01: pending(), C10: pending(),
};

/** The lapse reason named in a Chinese string, if any. Order matters: the specific before the general. */
function chineseLapseReason(s: string): LapseReason | null {
  if (/未缴年费|欠费|年费终止|费用终止/.test(s)) return 'FEE_UNPAID';
  if (/届满|(?<!指定)期满|期限终止/.test(s)) return 'EXPIRED';
  if (/重复授权|同样的发明创造|同样发明创造/.test(s)) return 'DUPLICATE_AVOIDANCE';
  if (/视为放弃|视撤|视为撤回/.test(s)) return 'DEEMED_WITHDRAWN';
  if (/放弃/.test(s)) return 'SURRENDERED';
  if (/全部无效|宣告无效|无效宣告失效|专利权无效|无效宣告/.test(s)) return 'INVALIDATED';
  if (/驳回/.test(s)) return 'REJECTED';
  if (/撤回/.test(s)) return 'WITHDRAWN';
  return null;
}

function classifyChinese(s: string): LegalStatusInfo | null {
  // Transitional states (domain-rules §9): counted as lapsed, reversible by RR01 权利的恢复.
  if (/等恢复|待恢复/.test(s)) return lapsed(chineseLapseReason(s), true);
  // In force despite words that otherwise mean lapse.
  if (/滞纳金|部分无效|权利的?恢复|专利权维持|无效宣告请求|无效宣告审查|无效宣告中/.test(s)) return inForce();
  // incoPat style "有权-审定授权", "无权-未缴年费", "审中-实质审查".
  if (/^有权/.test(s)) return inForce();
  if (/^(无权|失效)/.test(s)) return lapsed(chineseLapseReason(s));
  if (/^(审中|在审)/.test(s)) return pending();
  const reason = chineseLapseReason(s);
  if (reason) return lapsed(reason);
  if (s === '无效' || /失效|终止|无权|PCT指定期满|PCT未进入/.test(s)) return lapsed(null);
  if (/申请权/.test(s)) return pending();
  if (/有效|授权|有权|维持|转让|转移|许可|质押|保全/.test(s)) return inForce();
  if (/审中|在审|实质审查|实审|公开|公布|受理|初审|申请中|审查中|PCT指定期内|进入国家阶段/.test(s)) return pending();
  return null;
}

const ENGLISH: [RegExp, LegalStatusInfo][] = [
  [/^(in_force|in force|granted|grant|active|alive|valid|patented|maintained)$/, inForce()],
  [/fee|non-?payment/, lapsed('FEE_UNPAID')],
  [/expir/, lapsed('EXPIRED')],
  [/deemed withdrawn/, lapsed('DEEMED_WITHDRAWN')],
  [/withdrawn/, lapsed('WITHDRAWN')],
  [/reject|refus/, lapsed('REJECTED')],
  [/invalidat|revoked/, lapsed('INVALIDATED')],
  [/abandon|surrender/, lapsed('SURRENDERED')],
  [/^(lapsed|lapse|dead|inactive|ceased|terminated)$/, lapsed(null)],
  [/^(pending|published|publication|filed|application|under examination|examination|substantive examination|in examination)\b/, pending()],
];

function classifySegment(seg: string): LegalStatusInfo | null {
  const code = /^([A-Z]{2}\d{2}|C10)(?![0-9])/.exec(seg.toUpperCase());
  if (code && EVENT_CODES[code[1]]) return { ...EVENT_CODES[code[1]] };
  if (/[\u4e00-\u9fff]/.test(seg)) return classifyChinese(seg.replace(/\s+/g, ''));
  const e = seg.toLowerCase().replace(/[_\s]+/g, ' ').trim();
  if (e === 'in force') return inForce();
  for (const [re, info] of ENGLISH) if (re.test(e)) return { ...info };
  return null;
}

/**
 * Normalise a legal-status string to {status, restorable, lapseReason}; null when it is not recognised.
 * A list of events ('公开;实质审查;授权;未缴年费专利权终止') is read in chronological order: the last recognised
 * event wins.
 */
export function normaliseLegalStatus(raw: string): LegalStatusInfo | null {
  const s = String(raw ?? '').normalize('NFKC').trim();
  if (!s) return null;
  const segments = s.split(/[;|\n→]+|>+/).map((x) => x.trim()).filter(Boolean);
  let result: LegalStatusInfo | null = null;
  for (const seg of segments) result = classifySegment(seg) ?? result;
  return result;
}

/** Patent-type labels of exports and forms → type; null when unknown. */
export function patentTypeFromLabel(raw: string): PatentType | null {
  const s = String(raw ?? '').normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  if (!s) return null;
  if (/^(pct)?发明/.test(s) || s === 'invention' || s === 'inventionpatent') return 'invention';
  if (/^(pct)?(实用新型|新型|实用)/.test(s) || s === 'utility_model' || s === 'utilitymodel' || s === 'utility') return 'utility_model';
  if (/^外观/.test(s) || s === 'design' || s === 'industrialdesign' || s === 'designpatent') return 'design';
  return null;
}
