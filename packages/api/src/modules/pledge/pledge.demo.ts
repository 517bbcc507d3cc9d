/** Demo records of the pledge and product-filing modules (fictitious 示例 organisations only). */
import { query, queryOne } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { SYSTEM_ACTOR } from '../../http/actor.ts';
import { applyPledge, decidePledge, disburseLoan, registerPledge, valuePledge } from './pledge.service.ts';
import { createFiling, reportYear, reviewFiling, submitFiling } from '../product-filing/product-filing.service.ts';
import { todayCn } from './pledge.common.ts';

const orgId = async (deps: Deps, name: string) => (await queryOne<{ id: number }>(deps.db, `select id from organisations where name = $1`, [name]))?.id;

/** Granted patents of an organisation, in force, fees paid at registration, expiring after the demo loan. */
async function goodPatents(deps: Deps, org: number, n: number): Promise<number[]> {
  const rows = await query<{ id: number }>(deps.db, `select p.id from patents p join patent_holders h on h.patent_id = p.id and h.org_id = $1
     where p.type in ('invention','utility_model') and p.legal_status = 'in_force' and p.grant_date <= '2024-12-31' and p.filing_date >= '2017-01-01'
       and (p.fee_paid_through is null or p.fee_paid_through >= '2025-04-01')
       and (select count(*) from patent_holders x where x.patent_id = p.id) = 1
     order by p.id limit $2`, [org, n]);
  return rows.map((r) => r.id);
}

export async function seedPledgeDemo(deps: Deps): Promise<void> {
  const sme = await orgId(deps, '示例智能装备有限公司');
  const bank = await orgId(deps, '示例商业银行');
  if (!sme || !bank) return;
  const patents = await goodPatents(deps, sme, 3);
  if (patents.length < 2) return;
  const a = SYSTEM_ACTOR;
  const id = await applyPledge(deps.db, a, { pledgorOrgId: sme, pledgeeOrgId: bank, patentIds: patents.slice(0, 2), requestedAmountFen: 3_000_000_00, applicationDate: '2025-03-01', purpose: '（示例）研发与生产流动资金' });
  await valuePledge(deps.db, a, id, { method: 'income', valueFen: 8_000_000_00, appraiser: '示例资产评估有限公司', feeFen: 20_000_00, reportNo: 'PG-2025-001', valuationDate: '2025-03-10' });
  await decidePledge(deps.db, a, id, { approve: true, approvedAmountFen: 3_000_000_00, decisionDate: '2025-03-20' });
  await registerPledge(deps.db, a, id, { registrationNo: 'Y2025510000001（示例）', registrationDate: '2025-03-28', securedAmountFen: 3_000_000_00, debtTermStart: '2025-04-01', debtTermEnd: '2026-03-31', debtType: '借款' });
  await disburseLoan(deps.db, a, id, { loanAmountFen: 3_000_000_00, rateBp: 345, loanStart: '2025-04-01', loanEnd: '2026-03-31', enhancement: 'insurance', enhancerName: '示例科技保险公司', premiumFen: 30_000_00,
    riskShare: { fund: 5400, bank: 2600, insurer: 1600, guarantor: 0, valuer: 400 } });

  const fid = await createFiling(deps.db, a, { orgId: sme, productName: '（示例）六轴工业机器人', category: '高端装备制造', productionStart: '2023-06-01', description: '示例数据', patents: [{ patentId: patents[patents.length - 1]!, role: 'own' }], integrityPledge: true });
  await submitFiling(deps.db, a, fid, '2025-02-10');
  await reviewFiling(deps.db, a, fid, true, null);
  if (todayCn() >= '2026-01-01') await reportYear(deps.db, a, fid, { year: 2025, outputFen: 56_000_000_00, salesFen: 48_000_000_00, exportFen: 0, ipInvestmentFen: 1_200_000_00, jobs: 86 });
}
