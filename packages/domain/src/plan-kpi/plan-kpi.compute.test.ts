import { describe, it, expect } from 'vitest';
import { computeIndicators, emptyFacts, type DealPatentFact, type PartyAtDate } from './plan-kpi.compute.ts';

const univ: PartyAtDate = { orgId: 1, orgType: 'university', sizeClass: null, regionCode: '150602' };
const smeA: PartyAtDate = { orgId: 2, orgType: 'private_enterprise', sizeClass: 'small', regionCode: '150602' };
const smeB: PartyAtDate = { orgId: 3, orgType: 'private_enterprise', sizeClass: 'micro', regionCode: '150603' };
const big: PartyAtDate = { orgId: 4, orgType: 'private_enterprise', sizeClass: 'large', regionCode: '150602' };
const soe: PartyAtDate = { orgId: 5, orgType: 'soe', sizeClass: 'large', regionCode: '510104' };

const deal = (dealId: number, patentId: number, dealType: DealPatentFact['dealType'], contractDate: string, amountFen: number, giver: PartyAtDate, recipient: PartyAtDate): DealPatentFact =>
  ({ dealId, patentId, dealType, contractDate, contractAmountFen: amountFen, giver, recipient });

describe('computeIndicators', () => {
  const f = {
    ...emptyFacts(),
    dealPatents: [
      // one contract covering 3 patents → 3 patent-deals, contract amount counted once
      deal(1, 11, 'transfer', '2021-03-01', 300_000_000, univ, smeA),
      deal(1, 12, 'transfer', '2021-03-01', 300_000_000, univ, smeA),
      deal(1, 13, 'transfer', '2021-03-01', 300_000_000, univ, smeA),
      // one patent licensed to 2 SMEs counts 2
      deal(2, 14, 'licence', '2022-05-01', 50_000_000, univ, smeA),
      deal(3, 14, 'licence', '2022-06-01', 60_000_000, univ, smeB),
      // to a large enterprise: not SME-in, still a university out-deal
      deal(4, 15, 'equity', '2022-07-01', 1_000_000_000, univ, big),
      // SOE to SME in Sichuan
      deal(5, 16, 'licence', '2022-08-01', 0, soe, { ...smeA, orgId: 6, regionCode: '510104' }),
    ],
    payments: [
      { dealId: 1, receivedDate: '2021-12-20', amountFen: 100_000_000 },
      { dealId: 1, receivedDate: '2022-01-10', amountFen: 200_000_000 }, // money counts in the year received
      { dealId: 4, receivedDate: '2023-01-10', amountFen: 1_000_000_000 },
    ],
    pledges: [
      { pledgeId: 1, registrationDate: '2022-02-01', amountFen: 500_000_000, pledgor: smeB },
      { pledgeId: 2, registrationDate: '2022-03-01', amountFen: 800_000_000, pledgor: big },
    ],
    filings: [{ filingId: 1, filingDate: '2023-04-01', filer: smeA }, { filingId: 2, filingDate: '2023-05-01', filer: big }],
    subsidies: [{ subsidyId: 1, grantDate: '2021-09-01', recipient: smeB }],
    orgYears: [{ orgId: 2, year: 2021, revenueFen: 5_000_000_000, employees: 40 }, { orgId: 3, year: 2021, revenueFen: 1_000_000_000, employees: 12 }],
    registry: [{ indicator: 'EVENTS' as const, date: '2021-06-01', regionCode: '150600', quantity: 1 }],
    productSales: [{ filingId: 1, year: 2023, outputFen: 2_000_000_000, jobs: 15, regionCode: '150602' }],
    manual: [{ indicator: 'IP_STRONG_ENTERPRISES' as const, year: 2022, regionCode: '150600', value: 3 }],
  };
  const ordos = computeIndicators(f, '1506', '2023-12-31');
  const g = (code: Parameters<typeof ordos.get>[0], y: number) => ordos.get(code)?.get(y) ?? 0;

  it('counts patent-deals (k patents count k; one patent to 2 SMEs counts 2) and contract amounts once per deal', () => {
    expect(g('SME_IN_PATENTS', 2021)).toBe(3);
    expect(g('SME_IN_PATENTS', 2022)).toBe(2);
    expect(g('SME_IN_CONTRACT', 2021)).toBe(300_000_000);
    expect(g('SME_IN_CONTRACT', 2022)).toBe(110_000_000);
    expect(g('UNIV_OUT_PATENTS', 2022)).toBe(3);
    expect(g('UNIV_OUT_CONTRACT', 2022)).toBe(1_110_000_000);
    expect(g('UNIV_TO_SME_PATENTS', 2022)).toBe(2);
    expect(g('LICENSE_TRANSFER_COUNT', 2022)).toBe(2); // equity excluded
  });
  it('money received counts in the year it arrives', () => {
    expect(g('SME_IN_PAID', 2021)).toBe(100_000_000);
    expect(g('SME_IN_PAID', 2022)).toBe(200_000_000);
    expect(g('UNIV_OUT_PAID', 2023)).toBe(1_000_000_000);
    expect(g('SME_IN_PAID', 2023)).toBe(0);
  });
  it('pledges, SME pledges, filings, benefiting SMEs with their revenue and staff', () => {
    expect(g('PLEDGE_AMOUNT', 2022)).toBe(1_300_000_000);
    expect(g('PLEDGE_COUNT', 2022)).toBe(2);
    expect(g('SME_PLEDGE_AMOUNT', 2022)).toBe(500_000_000);
    expect(g('SME_PLEDGE_COUNT', 2022)).toBe(1);
    expect(g('PRODUCT_FILINGS', 2023)).toBe(2);
    expect(g('SME_PRODUCT_FILINGS', 2023)).toBe(1);
    expect(g('SMES_BENEFITING', 2021)).toBe(2); // smeA by deal, smeB by subsidy
    expect(g('SMES_BENEFITING', 2022)).toBe(2); // smeA, smeB by deal (smeB also pledge: counted once)
    expect(g('SMES_BENEFITING_REVENUE', 2021)).toBe(6_000_000_000);
    expect(g('SMES_BENEFITING_EMPLOYEES', 2021)).toBe(52);
    expect(g('EVENTS', 2021)).toBe(1);
    expect(g('IP_STRONG_ENTERPRISES', 2022)).toBe(3);
    expect(g('PRODUCT_OUTPUT', 2023)).toBe(2_000_000_000);
    expect(g('JOBS_DRIVEN', 2023)).toBe(15);
  });
  it('rolls up by region prefix: a county sees only its own records', () => {
    const county = computeIndicators(f, '150603', '2023-12-31');
    expect(county.get('SME_IN_PATENTS')?.get(2022)).toBe(1);
    expect(county.get('SME_IN_CONTRACT')?.get(2022)).toBe(60_000_000);
    // one contract to SMEs in two districts: its money counts once, in the first SME's district, so districts add up
    const two = { ...emptyFacts(), dealPatents: [deal(20, 30, 'licence', '2022-01-05', 7_000_000, univ, smeB), deal(20, 30, 'licence', '2022-01-05', 7_000_000, univ, smeA)] };
    expect(computeIndicators(two, '150602', '2023-12-31').get('SME_IN_CONTRACT')?.get(2022)).toBe(7_000_000);
    expect(computeIndicators(two, '150603', '2023-12-31').get('SME_IN_CONTRACT')?.get(2022)).toBeUndefined();
    expect(computeIndicators(two, '1506', '2023-12-31').get('SME_IN_CONTRACT')?.get(2022)).toBe(7_000_000);
    expect(computeIndicators(two, '150603', '2023-12-31').get('SME_IN_PATENTS')?.get(2022)).toBe(1);
    expect(county.get('UNIV_OUT_PATENTS')).toBeUndefined();
    expect(county.get('SME_PLEDGE_COUNT')?.get(2022)).toBe(1);
    const sichuan = computeIndicators(f, '51', '2023-12-31');
    expect(sichuan.get('SOE_SHARED_PATENTS')?.get(2022)).toBe(1);
    expect(ordos.get('SOE_SHARED_PATENTS')).toBeUndefined();
  });
  it('ignores records dated after asOf', () => {
    const early = computeIndicators(f, '1506', '2021-12-31');
    expect(early.get('SME_IN_PATENTS')?.get(2022)).toBeUndefined();
    expect(early.get('SME_IN_PAID')?.get(2022)).toBeUndefined();
  });
  it('SME is judged by the size class at the deal date, not today', () => {
    // the same enterprise: small when it licensed in 2021, large from 2022 (the fact rows carry the class at the date)
    const grown = { ...smeA, orgId: 9 };
    const facts = { ...emptyFacts(), dealPatents: [
      deal(10, 20, 'licence', '2021-05-01', 1_000_000, univ, { ...grown, sizeClass: 'small' }),
      deal(11, 21, 'licence', '2022-05-01', 1_000_000, univ, { ...grown, sizeClass: 'large' }),
    ] };
    const r = computeIndicators(facts, '1506', '2023-12-31');
    expect(r.get('SME_IN_PATENTS')?.get(2021)).toBe(1);
    expect(r.get('SME_IN_PATENTS')?.get(2022)).toBeUndefined();
  });
});
