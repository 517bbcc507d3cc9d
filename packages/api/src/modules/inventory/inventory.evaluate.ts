/** Assemble a patent's facts from the database and apply the domain rules (sleeping, grade, classes, flags, fees). */
import type { LegalStatus, PatentType } from '@zhuanhua/domain';
import {
  AWARD_KINDS, evaluateHighValue, evaluateSleeping, evaluateXuchang, feeStatus, gradePatent, legalStatusAsOf, matchIndustries, matchSei, pledgedTotalFen,
  primarySeiIndustry, techField, USE_KINDS,
  type Award, type AwardKind, type FeeReductionKind, type GradingModel, type HighValueConfig, type HolderMark, type PledgeEvidence, type UseEvidence, type UseKind,
} from '@zhuanhua/domain/inventory/index.ts';
import type { Queryable } from '../../db/client.ts';
import { holdersOf, marksOf, openLicencesOf, pledgesOf, usesOf, type FactsRow, type HolderRow, type MarkRow, type OpenLicenceRow, type PledgeRow, type UseRow } from './inventory.repo.ts';
import type { InventoryRefs } from './inventory.reference.ts';

export type PatentFacts = { row: FactsRow; holders: HolderRow[]; uses: UseRow[]; mark: MarkRow | null; pledges: PledgeRow[]; openLicences: OpenLicenceRow[] };

function groupBy<T extends { patent_id: number }>(rows: T[]): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const r of rows) { const l = m.get(r.patent_id); if (l) l.push(r); else m.set(r.patent_id, [r]); }
  return m;
}

/** Load the side tables for a page of patents (5 queries, whatever the page size). */
export async function loadFacts(db: Queryable, rows: FactsRow[]): Promise<PatentFacts[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [h, u, m, p, o] = await Promise.all([holdersOf(db, ids), usesOf(db, ids), marksOf(db, ids), pledgesOf(db, ids), openLicencesOf(db, ids)]);
  const hb = groupBy(h), ub = groupBy(u), pb = groupBy(p), ob = groupBy(o);
  const mb = new Map(m.map((x) => [x.patent_id, x]));
  return rows.map((row) => ({ row, holders: hb.get(row.id) ?? [], uses: ub.get(row.id) ?? [], mark: mb.get(row.id) ?? null, pledges: pb.get(row.id) ?? [], openLicences: ob.get(row.id) ?? [] }));
}

/** patents.awards is free JSON: accept {kind,name,year,level} and infer the kind from the name when absent. */
export function parseAwards(raw: unknown): Award[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((a): Award[] => {
    if (typeof a === 'string') return [{ kind: inferAwardKind(a), name: a }];
    if (!a || typeof a !== 'object') return [];
    const o = a as Record<string, unknown>;
    const name = typeof o.name === 'string' ? o.name : null;
    const kind = typeof o.kind === 'string' && (AWARD_KINDS as readonly string[]).includes(o.kind) ? (o.kind as AwardKind) : inferAwardKind(name ?? '');
    return [{ kind, name, year: typeof o.year === 'number' ? o.year : null, level: typeof o.level === 'string' ? o.level : null }];
  });
}
function inferAwardKind(name: string): AwardKind {
  if (/中国专利/.test(name)) return 'china_patent_award';
  if (/国家(科学技术|科技|自然科学|技术发明|科学技术进步)/.test(name)) return 'national_sti';
  if (/省.*专利/.test(name)) return 'provincial_patent_award';
  return 'other';
}

/** 费减 presumed from the holders: public institutions (universities, institutes) qualify; enterprises' income is unknown. */
export function presumedFeeReduction(holders: HolderRow[]): FeeReductionKind {
  if (!holders.length) return 'none';
  const ok = holders.every((h) => h.org_type === 'university' || h.org_type === 'research_institute');
  return ok ? (holders.length === 1 ? 'single' : 'joint') : 'none';
}

export const openLicenceActive = (f: PatentFacts, asOf: string): boolean =>
  f.openLicences.some((o) => o.published_date <= asOf && (!o.withdrawn_date || o.withdrawn_date > asOf));

export function useEvidence(f: PatentFacts): UseEvidence[] {
  return f.uses.map((u) => ({ kind: ((USE_KINDS as readonly string[]).includes(u.kind) ? u.kind : 'other') as UseKind, fromDate: u.from_date, toDate: u.to_date, source: u.note ?? u.source_type }));
}

export function holderMark(f: PatentFacts): HolderMark | null {
  return f.mark ? { kind: f.mark.kind, reason: f.mark.reason, fromDate: f.mark.from_date, markedBy: f.mark.marked_by_name, markedAt: f.mark.marked_at ? new Date(f.mark.marked_at).toISOString() : null } : null;
}

/** The holder the pool counts the patent under: the first university/institute, else the first SOE, else the first holder. */
export function primaryHolder(holders: HolderRow[]): HolderRow | null {
  return holders.find((h) => h.org_type === 'university' || h.org_type === 'research_institute') ?? holders.find((h) => h.org_type === 'soe') ?? holders[0] ?? null;
}

export function evaluateFacts(f: PatentFacts, asOf: string, refs: InventoryRefs, model: GradingModel, hvCfg: HighValueConfig) {
  const p = f.row;
  const type = p.type as PatentType;
  const filingDate = p.filing_date ?? p.grant_date ?? asOf;
  const status: LegalStatus = legalStatusAsOf({ status: p.legal_status as LegalStatus, grantDate: p.grant_date, lapseDate: p.lapse_date }, asOf);
  const uses = useEvidence(f);
  const usesToDate = uses.filter((u) => u.fromDate <= asOf);
  const mark = holderMark(f);
  const sleeping = evaluateSleeping({ holderOrgTypes: f.holders.map((h) => h.org_type), status, grantDate: p.grant_date, uses, mark }, asOf);
  const seiMatches = matchSei(p.ipc_codes, refs.sei);
  const sei = primarySeiIndustry(seiMatches, p.ipc_codes);
  const industries = matchIndustries(p.ipc_codes, refs.industry);
  const pledges: PledgeEvidence[] = f.pledges.map((x) => ({ securedAmountFen: Number(x.secured_amount_fen ?? 0), registrationDate: x.registration_date, registrationNo: x.registration_no }));
  const pledgesToDate = pledges.filter((x) => x.registrationDate <= asOf);
  const awards = parseAwards(p.awards);
  const dealCount = usesToDate.filter((u) => u.kind === 'transfer' || u.kind === 'licence' || u.kind === 'equity').length;
  const lapseDate = status === 'lapsed' ? p.lapse_date : null;
  const grade = gradePatent({
    type, status, filingDate, lapseDate, termExtensionDays: p.term_extension_days, claimsCount: p.claims_count, ipcCodes: p.ipc_codes,
    citationsCount: p.citations_count, overseasFamilyCount: p.overseas_family.length, seiMatched: seiMatches.length > 0,
    pledgeCount: pledgesToDate.length, pledgedFen: pledgedTotalFen(pledges, asOf), awards, dealCount,
  }, asOf, model);
  const hvInput = { type, status, filingDate, grantDate: p.grant_date, lapseDate, seiMatches, overseasFamily: p.overseas_family, pledges, awards, uses };
  const highValue = evaluateHighValue(hvInput, asOf, hvCfg);
  const holder = primaryHolder(f.holders);
  return {
    status, sleeping, grade, seiMatches, sei, industries, highValue, hvInput, holder, awards, pledges, uses, mark,
    openLicence: openLicenceActive(f, asOf),
    regionCode: p.region_code ?? holder?.org_region ?? null,
    techField: techField(p.ipc_main ?? p.ipc_codes[0], refs.classTitles),
  };
}

export type Evaluation = ReturnType<typeof evaluateFacts>;

export function xuchangFor(e: Evaluation, asOf: string, hvCfg: HighValueConfig, productRevenueFen: number) {
  return evaluateXuchang({ ...e.hvInput, productRevenueFen }, asOf, hvCfg);
}

export function feesFor(f: PatentFacts, asOf: string, withinDays = 90) {
  const p = f.row;
  if (!p.filing_date) return null;
  return feeStatus({
    type: p.type as PatentType, filingDate: p.filing_date, grantDate: p.grant_date, status: legalStatusAsOf({ status: p.legal_status as LegalStatus, grantDate: p.grant_date, lapseDate: p.lapse_date }, asOf),
    lapseDate: p.lapse_date, feePaidThrough: p.fee_paid_through, termExtensionDays: p.term_extension_days,
    feeReduction: presumedFeeReduction(f.holders), openLicenceActive: openLicenceActive(f, asOf),
  }, asOf, withinDays);
}
