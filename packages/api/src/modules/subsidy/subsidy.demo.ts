/**
 * Demo data of the subsidy module (fresh demo databases only): the seed presets of this year, a second office
 * reviewer, an account for the Xuchang demo SME, one fully repaid demo pledge loan of that SME, a demo enterprise
 * title and a demo county evaluation. Every record is marked as demo/generated.
 */
import { addDays } from '@zhuanhua/domain';
import { query, queryOne } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { SYSTEM_ACTOR } from '../../http/actor.ts';
import { insertUser } from '../user/user.repo.ts';
import { hashPassword } from '../user/user.service.ts';
import { DEMO_PASSWORD } from '../demo/demo.data.ts';
import { todayCn } from '../pledge/pledge.common.ts';
import { installPresets } from './subsidy.service.ts';
import { insertRegisterRecord } from './subsidy.repo.ts';

export const DEMO_SUBSIDY_USERS = [
  { username: 'reviewer2', displayName: '奖补复审人（示例）', role: 'platform_admin' as const, orgName: null },
  { username: 'sme4', displayName: '示例电子科技 财务负责人', role: 'org_admin' as const, orgName: '示例电子科技有限公司' },
];

export async function seedSubsidyDemo(deps: Deps): Promise<void> {
  const today = todayCn();
  const year = Number(today.slice(0, 4));
  await installPresets(deps, SYSTEM_ACTOR, year);
  const pw = await hashPassword(DEMO_PASSWORD);
  await deps.db.transaction().execute(async (tx) => {
    for (const u of DEMO_SUBSIDY_USERS) {
      if (await queryOne(tx, `select 1 from users where username = $1`, [u.username])) continue;
      const org = u.orgName ? await queryOne<{ id: number }>(tx, `select id from organisations where name = $1`, [u.orgName]) : undefined;
      if (u.orgName && !org) continue;
      await insertUser(tx, { username: u.username, displayName: u.displayName, role: u.role, orgId: org?.id ?? null, regionCode: null, passwordHash: pw });
    }
    const sme = await queryOne<{ id: number; type: string; size_class: string | null; region_code: string | null }>(tx,
      `select id, type, size_class, region_code from organisations where name = '示例电子科技有限公司'`);
    const bank = await queryOne<{ id: number }>(tx, `select id from organisations where name = '示例商业银行'`);
    if (!sme || !bank) return;
    // one fully repaid pledge loan: 2,000,000 元 for one year at 4.5%, premium 30,000 元, valuation fee 8,000 元
    let repaid = addDays(today, -10);
    if (!repaid.startsWith(String(year))) repaid = `${year}-01-01`;
    const start = addDays(repaid, -365);
    const p = await queryOne<{ id: number }>(tx,
      `insert into pledges (state, pledgor_org_id, pledgee_org_id, pledgor_org_type, pledgor_size_class, pledgor_region_code, secured_amount_fen, loan_amount_fen,
          registration_no, registration_date, debt_term_start, debt_term_end, released_date, application_date, requested_amount_fen, valuation_fen, valuation_fee_fen,
          valuation_date, approved_amount_fen, decision_date, loan_rate_bp, loan_start, loan_end, enhancement, premium_fen, note)
       values ('released', $1, $2, $3, $4, $5, 200000000, 200000000, $6, $7, $7, $8, $8, $7, 200000000, 500000000, 800000, $7, 200000000, $7, 450, $7, $8, 'insurance', 3000000,
          '示例数据（生成）：用于演示质押融资费用资助')
       returning id`,
      [sme.id, bank.id, sme.type, sme.size_class, sme.region_code, `示例Z${year}0001`, start, repaid]);
    await query(tx, `insert into pledge_repayments (pledge_id, repaid_date, principal_fen, interest_fen) values ($1, $2, 200000000, 9000000)`, [p!.id, repaid]);
    const patent = await queryOne<{ patent_id: number }>(tx, `select patent_id from patent_holders where org_id = $1 limit 1`, [sme.id]);
    if (patent) await query(tx, `insert into pledge_patents (pledge_id, patent_id) values ($1, $2)`, [p!.id, patent.patent_id]);
    await insertRegisterRecord(tx, { kind: 'honour', subtype: 'henan_ip_advantage', orgId: sme.id, recordDate: `${year}-03-15`, documentNo: '示例文件（生成）', isDemo: true, createdBy: null });
    await insertRegisterRecord(tx, { kind: 'county_evaluation', regionCode: '150602', year, score: 86, documentNo: '示例评价（生成）', isDemo: true, createdBy: null });
  });
}
