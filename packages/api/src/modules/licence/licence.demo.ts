/**
 * Demo open licences (fictitious 示例 organisations only): a published pay-later declaration taken by an SME
 * with a use report, and a free declaration. Terms say 示例 in their other-terms text.
 */
import { query, queryOne, inTx } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { SYSTEM_ACTOR, type Actor } from '../../http/actor.ts';
import { feeTermsSchema, type FeeTerms } from '@zhuanhua/domain/licence/licence.schemas.ts';
import { declarationRefusals } from '@zhuanhua/domain/licence/licence.rules.ts';
import { todayCn } from '../deal/deal.clock.ts';
import { declare, patentFacts, reportUse, review, takeLicence } from './licence.service.ts';

const orgId = async (deps: Deps, name: string) => (await queryOne<{ id: number }>(deps.db, `select id from organisations where name = $1`, [name]))?.id;

async function eligiblePatent(deps: Deps, org: number, today: string, grantedBefore: string): Promise<number | null> {
  const rows = await query<{ id: number }>(deps.db,
    `select p.id from patents p join patent_holders h on h.patent_id = p.id and h.org_id = $1
      where p.type = 'invention' and p.legal_status = 'in_force' and p.grant_date < $2 order by p.id limit 40`, [org, grantedBefore]);
  for (const r of rows) {
    const { facts } = await patentFacts(deps.db, r.id, org, today);
    if (declarationRefusals(facts, {}, today).length === 0 && declarationRefusals(facts, {}, grantedBefore).length === 0) return r.id;
  }
  return null;
}

export async function seedLicenceDemo(deps: Deps): Promise<void> {
  const today = todayCn();
  const univ2 = await orgId(deps, '示例农业大学');
  const inst1 = await orgId(deps, '示例材料科学研究院');
  const sme2 = await orgId(deps, '示例新材料科技有限公司');
  if (!univ2 || !inst1 || !sme2) return;
  const payLater: FeeTerms = feeTermsSchema.parse({ mode: 'royalty', royaltyBase: 'net_sales', royaltyRateBp: 250, trialMonths: 6, periodKind: 'quarter', dueDays: 30 });
  const free: FeeTerms = feeTermsSchema.parse({ mode: 'free' });
  const p1 = await eligiblePatent(deps, univ2, today, '2025-01-10');
  if (p1) {
    const declId = await inTx(deps.db, (tx) => declare(tx, SYSTEM_ACTOR, { patentId: p1, orgId: univ2, feeTerms: payLater, licenceYears: 3, otherTerms: '（示例）被许可方按季度申报净销售额；演示数据', coOwnersConsent: false, pledgeeConsent: false, confirmWarnings: false }, today));
    await inTx(deps.db, (tx) => review(tx, SYSTEM_ACTOR, declId, { decision: 'approve', comment: '示例审核', publishedDate: '2025-01-10' }, today));
    const smeActor: Actor = { userId: 0, username: 'demo', role: 'org_admin', orgId: sme2, regionCode: null, ip: 'demo' };
    const licId = await inTx(deps.db, (tx) => takeLicence(tx, smeActor, { declarationId: declId, noticeDate: '2025-03-01' }, null, today));
    // first period after the 6-month trial: 2025-09-01 … 2025-11-30
    if (today > '2025-11-30') {
      await inTx(deps.db, (tx) => reportUse(tx, smeActor, licId, { periodStart: '2025-09-01', periodEnd: '2025-11-30', netSalesFen: 86_543_210, note: '（示例）演示数据' }, today));
    }
  }
  const p2 = await eligiblePatent(deps, inst1, today, '2025-02-01');
  if (p2) {
    const d2 = await inTx(deps.db, (tx) => declare(tx, SYSTEM_ACTOR, { patentId: p2, orgId: inst1, feeTerms: free, licenceYears: 2, otherTerms: '（示例）免费开放许可；演示数据', coOwnersConsent: false, pledgeeConsent: false, confirmWarnings: false }, today));
    await inTx(deps.db, (tx) => review(tx, SYSTEM_ACTOR, d2, { decision: 'approve', comment: '示例审核', publishedDate: '2025-02-01' }, today));
  }
}
