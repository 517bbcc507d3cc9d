/**
 * Demo ledger for the dashboards: a few deals, payments, pledges and product filings between the demo organisations
 * in Ordos (东胜区) and Sichuan (成都) over 2020–2023, all titled （演示数据）. Runs once on a fresh demo database.
 */
import type { Deps } from '../../deps.ts';
import { query, queryOne } from '../../db/client.ts';
import { inTx } from '../../db/client.ts';

type Org = { id: number; name: string; type: string; size_class: string | null; region_code: string };

export async function seedKpiDemo(deps: Deps): Promise<void> {
  await inTx(deps.db, async (tx) => {
    const orgs = await query<Org>(tx, `select id, name, type, size_class, region_code from organisations where name = any($1::text[])`,
      [['示例材料科学研究院', '示例新材料科技有限公司', '示例理工大学', '示例智能装备有限公司']]);
    const by = (n: string) => orgs.find((o) => o.name === n);
    const inst = by('示例材料科学研究院'); const sme2 = by('示例新材料科技有限公司');
    const univ = by('示例理工大学'); const sme1 = by('示例智能装备有限公司');
    const patents = (await query<{ id: number }>(tx, `select id from patents order by id limit 40`)).map((p) => p.id);
    if (!inst || !sme2 || !univ || !sme1 || patents.length < 20) return;
    let k = 0;
    const deal = async (giver: Org, rec: Org, date: string, kind: 'transfer' | 'licence', n: number, wan: number, paidDate: string | null) => {
      const d = await queryOne<{ id: number }>(tx,
        `insert into deals (kind, licence_kind, title, state, contract_date, contract_amount_fen, source, note) values ($1,$2,$3,'signed',$4,$5,'platform','演示数据（plan-kpi）') returning id`,
        [kind, kind === 'licence' ? 'ordinary' : null, `（演示数据）${giver.name}向${rec.name}${kind === 'licence' ? '许可' : '转让'}专利`, date, wan * 1_000_000]);
      for (const [side, role, o] of [['out', kind === 'licence' ? 'licensor' : 'assignor', giver], ['in', kind === 'licence' ? 'licensee' : 'assignee', rec]] as const) {
        await query(tx, `insert into deal_parties (deal_id, side, role, org_id, name, org_type, size_class, region_code) values ($1,$2,$3,$4,$5,$6,$7,$8)`,
          [d!.id, side, role, o.id, o.name, o.type, o.size_class, o.region_code]);
      }
      for (let i = 0; i < n; i++) await query(tx, `insert into deal_patents (deal_id, patent_id) values ($1,$2) on conflict do nothing`, [d!.id, patents[k++ % patents.length]]);
      if (paidDate) await query(tx, `insert into deal_payments (deal_id, received_date, amount_fen, reference) values ($1,$2,$3,'演示数据')`, [d!.id, paidDate, wan * 1_000_000]);
    };
    const plan: [string, 'transfer' | 'licence', number, number, string | null][] = [
      ['2020-05-10', 'transfer', 2, 8, '2020-06-10'], ['2021-03-15', 'licence', 1, 4, '2021-04-01'], ['2021-09-20', 'transfer', 2, 9, '2021-11-01'],
      ['2022-04-18', 'transfer', 3, 15, '2022-05-20'], ['2023-03-08', 'licence', 2, 9, '2023-04-01'], ['2023-08-16', 'transfer', 2, 13, '2024-01-10'],
    ];
    for (const [date, kind, n, wan, paid] of plan) {
      await deal(inst, sme2, date, kind, n, wan, paid);
      await deal(univ, sme1, date, kind, n + 1, wan * 2, paid);
    }
    const pledges: [Org, string, number][] = [[sme2, '2020-07-01', 50], [sme2, '2021-07-01', 60], [sme2, '2022-07-01', 80], [sme2, '2023-07-01', 100],
      [sme1, '2020-09-01', 200], [sme1, '2021-09-01', 260], [sme1, '2022-09-01', 330], [sme1, '2023-09-01', 450]];
    for (const [o, date, wan] of pledges) {
      await query(tx, `insert into pledges (state, pledgor_org_id, pledgor_org_type, pledgor_size_class, pledgor_region_code, loan_amount_fen, registration_no, registration_date, source, note)
        values ('registered',$1,$2,$3,$4,$5,$6,$7,'platform','演示数据（plan-kpi）')`, [o.id, o.type, o.size_class, o.region_code, wan * 1_000_000, `演示-Y${date.replace(/-/g, '')}-${o.id}`, date]);
    }
    for (const [o, date] of [[sme2, '2021-05-01'], [sme2, '2022-05-01'], [sme2, '2023-05-01'], [sme2, '2023-10-01'], [sme1, '2021-06-01'], [sme1, '2022-06-01'], [sme1, '2023-06-01']] as const) {
      await query(tx, `insert into product_filings (org_id, org_type, org_size_class, region_code, product_name, filing_date, state, source)
        values ($1,$2,$3,$4,$5,$6,'filed','platform')`, [o.id, o.type, o.size_class, o.region_code, `（演示数据）专利产品 ${date}`, date]);
    }
  });
}
