/** Demo registries, service records and one event (fictitious 示例 organisations, labelled 示例). */
import { query, queryOne } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { SYSTEM_ACTOR } from '../../http/actor.ts';
import { createEntry, createService, setEntryState } from './registry.service.ts';
import { addOutcome, addProject, createEvent, registerOrg, setEventState } from '../event/event.service.ts';

const orgId = async (deps: Deps, name: string) => (await queryOne<{ id: number }>(deps.db, `select id from organisations where name = $1`, [name]))?.id;

export async function seedRegistryDemo(deps: Deps): Promise<void> {
  const a = SYSTEM_ACTOR;
  const agency = await orgId(deps, '示例知识产权服务中心');
  const univ = await orgId(deps, '示例理工大学');
  const sme1 = await orgId(deps, '示例智能装备有限公司');
  const sme2 = await orgId(deps, '示例新材料科技有限公司');
  const db = deps.db;
  await createEntry(db, a, { kind: 'agency', name: '示例知识产权服务中心', orgId: agency ?? null, regionCode: '510107', startDate: '2022-01-01', attrs: { qualification: '（示例）专利代理机构执业许可', services: '专利导航、评估、托管、交易谈判', contact: '张老师' } });
  const sp = await createEntry(db, a, { kind: 'specialist', name: '（示例）王明', orgId: agency ?? null, startDate: '2024-03-01', attrs: { specialistType: '技术经理人', certificateNo: 'JS-DEMO-0001', expertise: '智能制造' } });
  await createEntry(db, a, { kind: 'specialist', name: '（示例）李华', orgId: agency ?? null, startDate: '2024-05-01', attrs: { specialistType: '知识产权专员', certificateNo: 'ZY-DEMO-0002' } });
  await createEntry(db, a, { kind: 'pool', name: '（示例）智能装备产业专利池', regionCode: '510100', startDate: '2024-09-01', attrs: { poolType: '专利池', industry: '智能装备', members: 12, patents: 260 } });
  await createEntry(db, a, { kind: 'pilot_base', name: '（示例）新材料中试熟化基地', orgId: univ ?? null, regionCode: '510107', startDate: '2024-06-01', attrs: { field: '新材料', level: '省级' } });
  await createEntry(db, a, { kind: 'hv_center', name: '（示例）锂电高价值专利培育中心', regionCode: '510100', startDate: '2023-11-01', attrs: { field: '锂离子电池', level: '市级' } });
  await createEntry(db, a, { kind: 'nav_project', name: '（示例）工业机器人产业专利导航', regionCode: '510100', startDate: '2024-04-01', attrs: { navType: '产业规划类', industry: '工业机器人' } });
  await createEntry(db, a, { kind: 'service_outlet', name: '（示例）高新区知识产权公共服务网点', regionCode: '510107', startDate: '2023-07-01', attrs: { outletType: '知识产权信息公共服务网点', address: '示例路 1 号' } });
  const c = await createEntry(db, a, { kind: 'typical_case', name: '（示例）高校专利“先用后付”许可中小企业', startDate: '2025-06-30', attrs: {
    summary: '示例理工大学以“先使用后付费”方式向中小企业许可智能装备专利。', caseType: '先用后付',
    body: '（示例案例）示例理工大学梳理存量专利，筛选出一批具有市场前景的智能装备专利，通过“先使用后付费”方式许可给示例智能装备有限公司：企业在约定的一年试用期内免费实施，试用期满后按净销售额的一定比例支付许可费。服务机构全程参与评估与谈判，企业据此开发新产品并完成专利产品备案，实现了高校专利的转化落地。' } });
  await setEntryState(db, a, c, 'published');
  if (agency && sme1 && sme2) {
    await createService(db, a, { agencyOrgId: agency, enterpriseOrgId: sme1, specialistId: sp, serviceDate: '2025-03-05', type: 'consulting', content: '（示例）专利布局咨询' });
    await createService(db, a, { agencyOrgId: agency, enterpriseOrgId: sme1, specialistId: sp, serviceDate: '2025-03-20', type: 'valuation', content: '（示例）质押融资专利价值评估' });
    await createService(db, a, { agencyOrgId: agency, enterpriseOrgId: sme2, serviceDate: '2025-05-12', type: 'navigation', content: '（示例）企业专利导航' });
  }
  const ev = await createEvent(db, a, { title: '（示例）智能装备专利成果路演', kind: 'roadshow', organiserOrgId: agency ?? null, organiserName: '示例知识产权服务中心', eventDate: '2025-05-20', online: false, place: '示例市高新区会展中心', targetIndustry: '智能装备' });
  const pats = univ ? await query<{ id: number; title: string }>(db, `select p.id, p.title from patents p join patent_holders h on h.patent_id = p.id where h.org_id = $1 and p.legal_status = 'in_force' order by p.id limit 3`, [univ]) : [];
  for (const p of pats) await addProject(db, a, ev, { kind: 'patent', refId: p.id, title: p.title, presenterOrgId: univ ?? null });
  if (sme1) await registerOrg(db, a, ev, sme1);
  await setEventState(db, a, ev, 'held');
  const projects = await query<{ id: number; ref_id: number }>(db, `select id, ref_id from event_projects where event_id = $1 order by id`, [ev]);
  if (!sme1 || !univ || !projects.length) return;
  await addOutcome(db, a, ev, { kind: 'contact', projectId: projects[0]!.id, orgId: sme1, note: '（示例）现场洽谈' });
  await addOutcome(db, a, ev, { kind: 'intent', projectId: projects[0]!.id, orgId: sme1, note: '（示例）签订合作意向书' });
  try {
    await addOutcome(db, a, ev, { kind: 'deal', projectId: projects[0]!.id, orgId: sme1, deal: {
      kind: 'licence', licenceKind: 'ordinary', title: '（示例）路演成交：专利普通许可', contractDate: '2025-06-18', effectiveDate: '2025-06-18', endDate: '2028-06-17',
      contractAmountFen: 50_000_000, amountBasis: 'fixed', patentIds: [projects[0]!.ref_id], parties: [{ side: 'out', orgId: univ }, { side: 'in', orgId: sme1 }], schedule: [], pledgeeConsent: false,
    } });
  } catch (e) { deps.log.warn({ err: e }, '示例路演成交未能写入交易台账'); }
}
