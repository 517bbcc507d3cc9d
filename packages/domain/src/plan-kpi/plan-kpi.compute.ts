/**
 * Pure indicator computation from plain fact rows, so the counting rules are unit-testable without a database.
 * The API computes the same figures with SQL aggregation; the integration test checks both agree with the fixture.
 *
 * Region of a record: SME_IN_PATENTS, UNIV_TO_SME, SOE_SHARED and LICENSE_TRANSFER_COUNT count in the recipient's
 * region; a deal's contract amount and received money (SME_IN_CONTRACT / _PAID) count once, in the region of its first
 * SME recipient (smallest region code), so districts add up to their city; UNIV_OUT_* in the giving university's region; pledges in the pledgor's, filings in the filer's.
 */
import { yearOf, type IsoDate } from '../common/dates.ts';
import { isSme } from '../common/roles.ts';
import type { IndicatorCode } from './plan-kpi.catalogue.ts';
import { inRegion } from './plan-kpi.rules.ts';

export type DealType = 'transfer' | 'licence' | 'open_licence' | 'equity';
export type PartyAtDate = { orgId: number; orgType: string; sizeClass: string | null; regionCode: string };

/** One row per (deal, patent, giver, recipient): the unit of "专利数量" is patent-deals. */
export type DealPatentFact = {
  dealId: number; patentId: number; dealType: DealType; contractDate: IsoDate; contractAmountFen: number;
  /** Parties with their size class as it was at the deal's contract date. */
  giver: PartyAtDate; recipient: PartyAtDate;
};
export type PaymentFact = { dealId: number; receivedDate: IsoDate; amountFen: number };
export type PledgeFact = { pledgeId: number; registrationDate: IsoDate; amountFen: number; pledgor: PartyAtDate };
export type FilingFact = { filingId: number; filingDate: IsoDate; filer: PartyAtDate };
export type SubsidyFact = { subsidyId: number; grantDate: IsoDate; recipient: PartyAtDate };
/** Annual figures an enterprise reports (营业收入, 就业人数) and product sales for effect tracking. */
export type OrgYearFact = { orgId: number; year: number; revenueFen: number | null; employees: number | null };
export type ProductSalesFact = { filingId: number; year: number; outputFen: number; jobs: number | null; regionCode: string };
/** Counted items kept by registries and event modules (events, visits, centres, …). */
export type RegistryFact = { indicator: IndicatorCode; date: IsoDate; regionCode: string; quantity: number };
export type ManualFact = { indicator: IndicatorCode; year: number; regionCode: string; value: number };

export type Facts = {
  dealPatents: readonly DealPatentFact[];
  payments: readonly PaymentFact[];
  pledges: readonly PledgeFact[];
  filings: readonly FilingFact[];
  subsidies: readonly SubsidyFact[];
  orgYears: readonly OrgYearFact[];
  productSales: readonly ProductSalesFact[];
  registry: readonly RegistryFact[];
  manual: readonly ManualFact[];
};
export const emptyFacts = (): Facts => ({ dealPatents: [], payments: [], pledges: [], filings: [], subsidies: [], orgYears: [], productSales: [], registry: [], manual: [] });

export type IndicatorTable = Map<IndicatorCode, Map<number, number>>;

const isUniv = (t: string) => t === 'university' || t === 'research_institute';
const sme = (p: PartyAtDate) => isSme(p.orgType, p.sizeClass);

/** Every indicator per year for the records of a region prefix, counting only records dated on or before asOf. */
export function computeIndicators(f: Facts, prefix: string, asOf: IsoDate): IndicatorTable {
  const out: IndicatorTable = new Map();
  const add = (code: IndicatorCode, year: number, v: number) => {
    let m = out.get(code);
    if (!m) out.set(code, (m = new Map()));
    m.set(year, (m.get(year) ?? 0) + v);
  };
  const smeInDeals = new Set<number>();
  const univOutDeals = new Set<number>();
  const seenSmeContract = new Set<number>();
  const seenUnivContract = new Set<number>();
  const benefiting = new Map<number, Set<number>>(); // year → orgIds
  const benefit = (year: number, orgId: number) => {
    let s = benefiting.get(year);
    if (!s) benefiting.set(year, (s = new Set()));
    s.add(orgId);
  };

  const firstSme = new Map<number, string>();
  for (const d of f.dealPatents) {
    if (!sme(d.recipient)) continue;
    const cur = firstSme.get(d.dealId);
    if (cur === undefined || d.recipient.regionCode < cur) firstSme.set(d.dealId, d.recipient.regionCode);
  }
  for (const d of f.dealPatents) {
    if (d.contractDate > asOf) continue;
    const y = yearOf(d.contractDate);
    const recIn = inRegion(d.recipient.regionCode, prefix);
    const giverIn = inRegion(d.giver.regionCode, prefix);
    if (recIn && sme(d.recipient)) {
      add('SME_IN_PATENTS', y, 1);
      if (inRegion(firstSme.get(d.dealId), prefix)) {
        smeInDeals.add(d.dealId);
        if (!seenSmeContract.has(d.dealId)) { seenSmeContract.add(d.dealId); add('SME_IN_CONTRACT', y, d.contractAmountFen); }
      }
      benefit(y, d.recipient.orgId);
      if (isUniv(d.giver.orgType)) add('UNIV_TO_SME_PATENTS', y, 1);
      if (d.giver.orgType === 'soe' && d.dealType !== 'equity') add('SOE_SHARED_PATENTS', y, 1);
    }
    if (giverIn && isUniv(d.giver.orgType)) {
      add('UNIV_OUT_PATENTS', y, 1);
      univOutDeals.add(d.dealId);
      if (!seenUnivContract.has(d.dealId)) { seenUnivContract.add(d.dealId); add('UNIV_OUT_CONTRACT', y, d.contractAmountFen); }
    }
    if (recIn && d.dealType !== 'equity') add('LICENSE_TRANSFER_COUNT', y, 1);
  }
  for (const p of f.payments) {
    if (p.receivedDate > asOf) continue;
    const y = yearOf(p.receivedDate);
    if (smeInDeals.has(p.dealId)) add('SME_IN_PAID', y, p.amountFen);
    if (univOutDeals.has(p.dealId)) add('UNIV_OUT_PAID', y, p.amountFen);
  }
  for (const p of f.pledges) {
    if (p.registrationDate > asOf || !inRegion(p.pledgor.regionCode, prefix)) continue;
    const y = yearOf(p.registrationDate);
    add('PLEDGE_AMOUNT', y, p.amountFen);
    add('PLEDGE_COUNT', y, 1);
    if (sme(p.pledgor)) { add('SME_PLEDGE_AMOUNT', y, p.amountFen); add('SME_PLEDGE_COUNT', y, 1); benefit(y, p.pledgor.orgId); }
  }
  for (const fl of f.filings) {
    if (fl.filingDate > asOf || !inRegion(fl.filer.regionCode, prefix)) continue;
    const y = yearOf(fl.filingDate);
    add('PRODUCT_FILINGS', y, 1);
    if (sme(fl.filer)) add('SME_PRODUCT_FILINGS', y, 1);
  }
  for (const s of f.subsidies) {
    if (s.grantDate > asOf || !inRegion(s.recipient.regionCode, prefix) || !sme(s.recipient)) continue;
    benefit(yearOf(s.grantDate), s.recipient.orgId);
  }
  const orgYear = new Map(f.orgYears.map((o) => [`${o.orgId}:${o.year}`, o]));
  for (const [y, orgs] of benefiting) {
    add('SMES_BENEFITING', y, orgs.size);
    for (const id of orgs) {
      const o = orgYear.get(`${id}:${y}`);
      if (o?.revenueFen != null) add('SMES_BENEFITING_REVENUE', y, o.revenueFen);
      if (o?.employees != null) add('SMES_BENEFITING_EMPLOYEES', y, o.employees);
    }
  }
  for (const s of f.productSales) {
    if (s.year > yearOf(asOf) || !inRegion(s.regionCode, prefix)) continue;
    add('PRODUCT_OUTPUT', s.year, s.outputFen);
    if (s.jobs != null) add('JOBS_DRIVEN', s.year, s.jobs);
  }
  for (const r of f.registry) {
    if (r.date > asOf || !inRegion(r.regionCode, prefix)) continue;
    add(r.indicator, yearOf(r.date), r.quantity);
  }
  for (const m of f.manual) {
    if (m.year > yearOf(asOf) || !inRegion(m.regionCode, prefix)) continue;
    add(m.indicator, m.year, m.value);
  }
  return out;
}
