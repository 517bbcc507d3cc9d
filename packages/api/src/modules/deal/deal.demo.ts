/**
 * Demo deals (fictitious 示例 organisations only): a baseline year and plan years of transfers, licences and
 * equity contributions, loaded through the historical import so they get history, payments and holder changes.
 * Every title says （示例） and the note says the record is generated.
 */
import { query, queryOne } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { SYSTEM_ACTOR } from '../../http/actor.ts';
import { todayCn } from './deal.clock.ts';
import { importDeals } from './deal.import.ts';

const orgName = async (deps: Deps, name: string) => (await queryOne<{ id: number }>(deps.db, `select id from organisations where name = $1`, [name]))?.id;

async function patentsOf(deps: Deps, org: number, before: string, n: number, skip: Set<string>): Promise<string[]> {
  const rows = await query<{ application_number: string }>(deps.db,
    `select p.application_number from patents p join patent_holders h on h.patent_id = p.id and h.org_id = $1
      where p.type = 'invention' and p.legal_status = 'in_force' and p.grant_date < $2
        and (select count(*) from patent_holders x where x.patent_id = p.id) = 1
      order by p.id desc limit $3`, [org, before, n + skip.size + 5]);
  return rows.map((r) => r.application_number).filter((a) => !skip.has(a)).slice(0, n);
}

type Spec = [year: number, kind: '转让' | '许可' | '作价入股', licence: string, from: string, to: string, count: number, wan: string, receivedWan: string, state: string];

// baseline 2020, plan years 2021–2023 and after; amounts in 万元
const SPECS: Spec[] = [
  [2020, '转让', '', '示例农业大学', '示例生物医药有限公司', 1, '18', '18', '已完成'],
  [2020, '许可', '普通许可', '示例理工大学', '示例智能装备有限公司', 1, '6.5', '6.5', '已完成'],
  [2021, '转让', '', '示例材料科学研究院', '示例新材料科技有限公司', 2, '32', '32', '已完成'],
  [2021, '许可', '普通许可', '示例理工大学', '示例电子科技有限公司', 1, '8', '8', '已完成'],
  [2022, '转让', '', '示例农业大学', '示例生物医药有限公司', 1, '25', '25', '已完成'],
  [2022, '作价入股', '', '示例材料科学研究院', '示例新材料科技有限公司', 1, '120', '120', '已完成'],
  [2022, '许可', '普通许可', '示例理工大学', '示例智能装备有限公司', 2, '15', '12', '履行中'],
  [2023, '转让', '', '示例农业大学', '示例电子科技有限公司', 1, '40', '30', '履行中'],
  [2023, '许可', '普通许可', '示例信息技术研究所', '示例电子科技有限公司', 1, '12', '12', '已完成'],
  [2023, '转让', '', '示例能源集团有限公司', '示例智能装备有限公司', 1, '20', '20', '已完成'],
  [2024, '许可', '普通许可', '示例理工大学', '示例新材料科技有限公司', 1, '9.8', '9.8', '已完成'],
  [2024, '转让', '', '示例材料科学研究院', '示例智能装备有限公司', 1, '36', '18', '履行中'],
];

export async function seedDealDemo(deps: Deps): Promise<void> {
  const used = new Set<string>();
  const lines = ['合同名称,交易类型,许可类型,专利申请号,出让方名称,受让方名称,合同签订日期,合同金额（万元）,实际到账金额（万元）,到账日期,登记/备案号,登记/备案日期,状态,备注'];
  let n = 0;
  for (const [year, kind, lk, from, to, count, wan, rec, state] of SPECS) {
    const fromId = await orgName(deps, from);
    if (!fromId || !(await orgName(deps, to))) continue;
    const month = (n % 9) + 1;
    const date = `${year}-0${month}-15`;
    const nos = await patentsOf(deps, fromId, date, count, used);
    if (nos.length < count) continue;
    nos.forEach((x) => used.add(x));
    n++;
    const reg = kind === '许可' ? `EE${year}0000${n}（示例）` : `TR${year}0000${n}（示例）`;
    const regDate = `${year}-${String(month + 1).padStart(2, '0')}-20`;
    const paid = `${year}-${String(month + 1).padStart(2, '0')}-28`;
    lines.push([`（示例）${from}${kind}${nos.length}件专利`, kind, lk, nos.join('；'), from, to, date, wan, rec, paid, reg, regDate, state, '演示数据（生成）'].join(','));
  }
  if (lines.length === 1) return;
  await importDeals(deps.db, SYSTEM_ACTOR, 'demo-deals.csv', Buffer.from(lines.join('\n')), { today: todayCn() });
}
