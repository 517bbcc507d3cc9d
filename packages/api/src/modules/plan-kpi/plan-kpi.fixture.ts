/**
 * A hand-built ledger for two Ordos districts (东胜区 150602, 康巴什区 150603) over 2020–2023, with the values of
 * every Ordos indicator computed by hand (in the comments and in ORDOS_EXPECTED). Used by the integration test.
 */
import { query, queryOne, type Queryable } from '../../db/client.ts';

const WAN = 1_000_000; // fen per 万元

type Party = { id: number; name: string; type: string; size: string | null; region: string };

export async function loadOrdosFixture(db: Queryable, patentIds: number[]): Promise<Record<string, Party>> {
  const org = async (name: string, type: string, size: string | null, region: string): Promise<Party> => {
    const r = await queryOne<{ id: number }>(db, `insert into organisations (name, type, size_class, region_code) values ($1,$2,$3,$4) returning id`, [name, type, size, region]);
    return { id: r!.id, name, type, size, region };
  };
  const U1 = await org('鄂尔多斯测试大学', 'university', null, '150602');
  const S1 = await org('东胜小型科技公司', 'private_enterprise', 'small', '150602');
  const S2 = await org('康巴什微型科技公司', 'private_enterprise', 'micro', '150603');
  const S3 = await org('康巴什成长型公司', 'private_enterprise', 'large', '150603'); // medium until 2021, large from 2022
  const L1 = await org('东胜大型集团', 'private_enterprise', 'large', '150602');
  let pat = 0;
  const deal = async (date: string, kind: 'transfer' | 'licence' | 'equity', nPatents: number, wan: number, giver: Party, recipients: { p: Party; size?: string | null }[], state = 'signed') => {
    const d = await queryOne<{ id: number }>(db,
      `insert into deals (kind, licence_kind, title, state, contract_date, contract_amount_fen) values ($1,$2,$3,$4,$5,$6) returning id`,
      [kind, kind === 'licence' ? 'ordinary' : null, `测试合同 ${date}`, state, date, wan * WAN]);
    const id = d!.id;
    await query(db, `insert into deal_parties (deal_id, side, role, org_id, name, org_type, size_class, region_code) values ($1,'out',$2,$3,$4,$5,$6,$7)`,
      [id, kind === 'licence' ? 'licensor' : kind === 'equity' ? 'investor' : 'assignor', giver.id, giver.name, giver.type, giver.size, giver.region]);
    for (const r of recipients) {
      await query(db, `insert into deal_parties (deal_id, side, role, org_id, name, org_type, size_class, region_code) values ($1,'in',$2,$3,$4,$5,$6,$7)`,
        [id, kind === 'licence' ? 'licensee' : kind === 'equity' ? 'investee' : 'assignee', r.p.id, r.p.name, r.p.type, r.size === undefined ? r.p.size : r.size, r.p.region]);
    }
    for (let i = 0; i < nPatents; i++) await query(db, `insert into deal_patents (deal_id, patent_id) values ($1,$2)`, [id, patentIds[pat++ % patentIds.length]]);
    return id;
  };
  const pay = (dealId: number, date: string, wan: number) =>
    query(db, `insert into deal_payments (deal_id, received_date, amount_fen) values ($1,$2,$3)`, [dealId, date, wan * WAN]);

  const D1 = await deal('2020-04-01', 'transfer', 2, 10, U1, [{ p: S1 }]);
  const D2 = await deal('2020-09-01', 'licence', 1, 5, U1, [{ p: S2 }]);
  const D3 = await deal('2021-03-01', 'licence', 1, 6, U1, [{ p: S1 }, { p: S2 }]);
  const D4 = await deal('2021-06-01', 'transfer', 3, 30, U1, [{ p: L1 }]);
  const D5 = await deal('2021-08-01', 'equity', 1, 20, U1, [{ p: S3, size: 'medium' }]);
  const D6 = await deal('2022-02-01', 'transfer', 2, 24, L1, [{ p: S1 }]);
  const D7 = await deal('2022-05-01', 'licence', 1, 12, U1, [{ p: S3, size: 'large' }]);
  const D8 = await deal('2022-07-01', 'licence', 1, 8, U1, [{ p: S2 }]);
  await deal('2022-08-01', 'licence', 1, 99, U1, [{ p: S1 }], 'draft'); // a draft never counts
  const D10 = await deal('2023-03-01', 'transfer', 4, 40, U1, [{ p: S1 }]);
  const D11 = await deal('2023-11-01', 'licence', 1, 10, U1, [{ p: S2 }]);
  await pay(D1, '2020-06-01', 10);
  await pay(D2, '2020-12-01', 2); await pay(D2, '2021-02-01', 3);
  await pay(D3, '2021-05-01', 6);
  await pay(D4, '2021-07-01', 30);
  await pay(D5, '2021-10-01', 20);
  await pay(D6, '2022-03-01', 12); await pay(D6, '2023-01-15', 12);
  await pay(D7, '2022-06-01', 12);
  await pay(D8, '2022-08-01', 8);
  await pay(D10, '2023-04-01', 40);
  await pay(D11, '2024-01-10', 10);

  const pledge = (p: Party, date: string | null, wan: number, state = 'registered', size = p.size) =>
    query(db, `insert into pledges (state, pledgor_org_id, pledgor_org_type, pledgor_size_class, pledgor_region_code, loan_amount_fen, registration_date) values ($1,$2,$3,$4,$5,$6,$7)`,
      [state, p.id, p.type, size, p.region, wan * WAN, date]);
  await pledge(S1, '2020-05-01', 100);
  await pledge(S1, '2021-05-01', 120);
  await pledge(S2, '2022-05-01', 150);
  await pledge(L1, '2022-09-01', 200);
  await pledge(S2, '2023-05-01', 200);
  await pledge(S1, null, 300, 'rejected');

  const filing = (p: Party, date: string, state = 'filed') =>
    query(db, `insert into product_filings (org_id, org_type, org_size_class, region_code, product_name, filing_date, state) values ($1,$2,$3,$4,$5,$6,$7)`,
      [p.id, p.type, p.size, p.region, `产品${date}`, date, state]);
  await filing(S1, '2020-03-01'); await filing(S1, '2021-04-01'); await filing(S2, '2021-09-01');
  await filing(L1, '2022-01-01'); await filing(S2, '2022-06-01'); await filing(S1, '2022-10-01');
  await filing(S2, '2023-02-01'); await filing(S2, '2023-08-01', 'draft');

  const event = (date: string, region: string, state = 'held') =>
    query(db, `insert into events (title, kind, organiser_name, event_date, region_code, state) values ($1,'roadshow','市知识产权局',$2,$3,$4)`, [`路演 ${date}`, date, region, state]);
  await event('2021-10-01', '150602'); await event('2022-11-01', '150603'); await event('2023-05-01', '150602'); await event('2023-12-01', '150602', 'planned');
  await query(db, `insert into registry_entries (kind, name, region_code, start_date, state) values ('nav_project','东胜导航项目','150602','2021-03-01','active'), ('nav_project','康巴什导航项目','150603','2022-04-01','active')`);

  const report = (p: Party, year: number, revWan: number, emp: number) =>
    query(db, `insert into organisation_annual_reports (org_id, year, revenue_fen, employees) values ($1,$2,$3,$4)`, [p.id, year, revWan * WAN, emp]);
  for (const [y, r, e] of [[2020, 500, 50], [2021, 600, 60], [2022, 700, 70], [2023, 800, 80]] as const) await report(S1, y, r, e);
  for (const [y, r, e] of [[2020, 100, 10], [2021, 150, 15], [2022, 200, 20], [2023, 250, 25]] as const) await report(S2, y, r, e);
  await report(S3, 2021, 300, 30);
  return { U1, S1, S2, S3, L1 };
}

/**
 * Hand-computed values for 鄂尔多斯市 (prefix 1506), years 2020–2023 (money in 万元).
 * SME_IN_PATENTS: 2020 D1 2 + D2 1; 2021 D3 1+1 (two SMEs) + D5 1 (S3 medium at the deal date); 2022 D6 2 + D8 1
 *   (D7 not: S3 large by then); 2023 D10 4 + D11 1.
 * SME_IN_PAID counts in the year received: 2020 D1 10 + D2 2; 2021 D2 3 + D3 6 + D5 20; 2022 D6 12 + D8 8; 2023 D6 12 + D10 40.
 * UNIV_OUT_PATENTS: 2020 3; 2021 D3 2 + D4 3 + D5 1; 2022 D7 1 + D8 1; 2023 5.
 * SMES_BENEFITING: 2020 {S1,S2}; 2021 {S1,S2,S3}; 2022 {S1,S2}; 2023 {S1,S2}.
 */
export const ORDOS_EXPECTED: Record<string, [number, number, number, number]> = {
  SME_IN_PATENTS: [3, 3, 3, 5],
  SME_IN_CONTRACT: [15, 26, 32, 50],
  SME_IN_PAID: [12, 29, 20, 52],
  UNIV_OUT_PATENTS: [3, 6, 2, 5],
  UNIV_OUT_CONTRACT: [15, 56, 20, 50],
  UNIV_OUT_PAID: [12, 59, 20, 40],
  SMES_BENEFITING: [2, 3, 2, 2],
  SMES_BENEFITING_REVENUE: [600, 1050, 900, 1050],
  SMES_BENEFITING_EMPLOYEES: [60, 105, 90, 105],
  SME_PLEDGE_AMOUNT: [100, 120, 150, 200],
  SME_PLEDGE_COUNT: [1, 1, 1, 1],
  PRODUCT_FILINGS: [1, 2, 3, 1],
  EVENTS: [0, 1, 1, 1],
  NAV_PROJECTS: [0, 1, 1, 0],
};

/** Status of each Ordos target at 2024-06-30 (the plan is over), by hand. */
export const ORDOS_STATUS: Record<string, string> = {
  'sme-in-patents-cagr': 'not_met', // (5/3)^(1/3) − 1 = 18.56% < 20%
  'sme-in-contract-cagr': 'met', // (50/15)^(1/3) − 1 = 49.38%
  'sme-in-paid-cagr': 'met', // (52/12)^(1/3) − 1 = 63.03%
  'univ-out-patents-incr': 'not_met', // 2022: 2 < 6
  'univ-out-contract-incr': 'not_met', // 2022: 20 < 56
  'univ-out-paid-incr': 'not_met', // 2022: 20 < 59
  'smes-benefiting-incr': 'not_met', // 2022: 2 < 3
  'smes-revenue-incr': 'not_met', // 2022: 900 < 1050
  'smes-employees-incr': 'not_met', // 2022: 90 < 105
  'sme-pledge-amount-cagr': 'met', // (200/100)^(1/3) − 1 = 25.99%
  'sme-pledge-count-cagr': 'not_met', // 0%
  'product-filings-incr': 'not_met', // 2023: 1 < 3
  'events-by-2023': 'met', // 3 by 2023-12-31
  'nav-projects-annual': 'not_met', // 2023: 0
};
