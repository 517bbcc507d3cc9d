/**
 * The patent list answered from the search index must equal the SQL list: same totals, same rows, same order,
 * for many filter combinations (a differential test over generated patents), and it must follow writes at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatentRecord } from './patent.rows.ts';
import { createTestDeps, type TestDeps } from '../../../test/test-db.ts';
import { appNo, buildOrganisation } from '../../../test/factories.ts';
import { query } from '../../db/client.ts';
import { rng } from '../demo/demo.data.ts';
import { engineFor } from '../search/search.engine.ts';
import { upsertPatents } from './patent.write.ts';
import { listPatents, type PatentFilter } from './patent.repo.ts';
import { listPatentRows } from './patent.list.ts';

let deps: TestDeps;
const TYPES = ['invention', 'utility_model', 'design'] as const;
const STATUSES = ['pending', 'in_force', 'lapsed'] as const;
const IPC = ['H01M4/525', 'H01M10/0525', 'G06N3/04', 'G06V10/82', 'B64D1/18', 'C08K3/04'];
const TITLES = ['一种石墨烯改性锂电池正极材料', '一种锂电池热管理装置', '一种图像识别方法', '一种农用无人机喷洒装置', '一种复合材料的制备方法', '一种神经网络训练方法'];
let holderIds: number[] = [];

beforeAll(async () => {
  deps = await createTestDeps();
  const orgs = [
    await buildOrganisation(deps.db, { name: '列表测试大学', type: 'university', sizeClass: null, regionCode: '510107' }),
    await buildOrganisation(deps.db, { name: '列表测试研究院', type: 'research_institute', sizeClass: null, regionCode: '440305' }),
    await buildOrganisation(deps.db, { name: '列表测试电池有限公司', type: 'private_enterprise', regionCode: '510104' }),
    await buildOrganisation(deps.db, { name: '列表测试集团', type: 'soe', sizeClass: 'large', regionCode: '110108' }),
  ];
  holderIds = orgs.map((o) => o.id);
  const rand = rng(42);
  const pick = <T,>(a: readonly T[]) => a[Math.floor(rand() * a.length)]!;
  const recs: PatentRecord[] = [];
  for (let i = 0; i < 240; i++) {
    const year = 2012 + Math.floor(rand() * 10);
    const holders = rand() < 0.15 ? [] : rand() < 0.2 ? [pick(orgs).name, pick(orgs).name, '某个人申请人'] : rand() < 0.1 ? ['未登记的申请人公司'] : [pick(orgs).name];
    const granted = rand() < 0.7;
    recs.push({
      applicationNumber: appNo(year, String(1 + Math.floor(rand() * 2))), publicationNumber: `CN${100000000 + i}A`, grantNumber: granted ? `CN${100000000 + i}B` : null,
      type: pick(TYPES), title: `${pick(TITLES)}（生成数据 ${i}）`, abstract: rand() < 0.5 ? '本发明公开了一种石墨烯导电剂' : null, claimsCount: 5,
      ipcCodes: [pick(IPC), ...(rand() < 0.3 ? [pick(IPC)] : [])], inventors: [], holders: [...new Set(holders)],
      filingDate: `${year}-0${1 + Math.floor(rand() * 9)}-15`, publicationDate: null, grantDate: granted ? `${year + 2}-06-01` : null, legalStatus: pick(STATUSES),
      legalStatusRaw: null, restorable: false, lapseReason: null, feePaidThrough: null, overseasFamily: [], citationsCount: 0,
      regionCode: rand() < 0.3 ? null : pick(['510104', '510107', '440305', '110108']), holderAddress: null, source: 'generated', generatedFields: ['title'],
    });
  }
  await upsertPatents(deps.db, recs);
  await engineFor(deps).build();
  expect(engineFor(deps).status.state).toBe('ready');
});
afterAll(async () => { engineFor(deps).close(); await deps?.cleanup(); });

const ids = (r: { rows: { id: number }[] }) => r.rows.map((x) => Number(x.id));

describe('patent list from the search index', () => {
  it('equals the SQL list for every filter combination tried (totals, rows and order)', async () => {
    const rand = rng(7);
    const pick = <T,>(a: readonly T[]) => a[Math.floor(rand() * a.length)]!;
    const maybe = <T,>(v: T) => (rand() < 0.4 ? v : undefined);
    let compared = 0, nonEmpty = 0;
    for (let i = 0; i < 120; i++) {
      const f: PatentFilter = {
        type: maybe(pick(TYPES)), status: maybe(pick(STATUSES)), ipc: maybe(pick(['H01M', 'H01M10', 'G06', 'B64D1/18', 'c08k'])),
        holderType: maybe(pick(['university', 'research_institute', 'soe', 'private_enterprise'])), holderId: maybe(pick(holderIds)),
        region: maybe(pick(['510000', '510100', '510104', '440000', '110108'])), year: maybe(2012 + Math.floor(rand() * 10)), yearField: pick(['filing', 'grant'] as const),
      };
      const paging = { page: 1 + Math.floor(rand() * 3), pageSize: pick([5, 20, 50]), sort: rand() < 0.3 ? pick(['filingDate', '-grantDate', 'title']) : undefined };
      const fromIndex = await listPatentRows(deps, f, paging);
      const fromSql = await listPatents(deps.db, f, paging);
      expect({ total: fromIndex.total, ids: ids(fromIndex) }, JSON.stringify({ f, paging })).toEqual({ total: fromSql.total, ids: ids(fromSql) });
      compared++;
      if (fromSql.total > 0) nonEmpty++;
    }
    expect(compared).toBe(120);
    expect(nonEmpty).toBeGreaterThan(40); // the combinations are not all empty
  });

  it('answers words from the index: every word required, with a correct total', async () => {
    const r = await listPatentRows(deps, { q: '石墨烯 锂电池' }, { page: 1, pageSize: 200 });
    const sql = await query<{ id: number; title: string; abstract: string | null }>(deps.db,
      `select id::int as id, title, abstract from patents where (title || coalesce(abstract, '')) like '%石墨烯%' and (title || coalesce(abstract, '')) like '%锂电池%'`);
    expect(r.total).toBe(sql.length);
    expect(new Set(ids(r))).toEqual(new Set(sql.map((x) => x.id)));
  });

  it('pages through text hits and then holder-name hits without repeats or gaps', async () => {
    const all = await listPatentRows(deps, { q: '电池' }, { page: 1, pageSize: 200 });
    // 列表测试电池有限公司 holds patents whose titles need not mention 电池: they follow the word hits
    const held = await query<{ id: number }>(deps.db, `select distinct patent_id::int as id from patent_holders h join organisations o on o.id = h.org_id where o.name like '%电池%'`);
    const words = await query<{ id: number }>(deps.db, `select id::int as id from patents where title like '%电池%' or abstract like '%电池%'`);
    expect(all.total).toBe(new Set([...held, ...words].map((x) => x.id)).size);
    const paged: number[] = [];
    for (let page = 1; (page - 1) * 7 < all.total; page++) paged.push(...ids(await listPatentRows(deps, { q: '电池' }, { page, pageSize: 7 })));
    expect(paged).toEqual(ids(all));
    expect(new Set(paged).size).toBe(paged.length);
  });

  it('finds unlinked holder names by prefix and patent numbers by prefix', async () => {
    const byName = await listPatentRows(deps, { q: '未登记的申请人' }, { page: 1, pageSize: 200 });
    const expected = await query<{ id: number }>(deps.db, `select patent_id::int as id from patent_holders where name = '未登记的申请人公司'`);
    expect(byName.total).toBe(expected.length);
    expect(byName.total).toBeGreaterThan(0);
    const one = (await query<{ application_number: string; publication_number: string }>(deps.db, `select application_number, publication_number from patents order by id limit 1`))[0]!;
    for (const q of [one.application_number, one.application_number.replace('.', ''), `CN${one.application_number.slice(0, 12)}`, one.publication_number, one.publication_number.slice(2)]) {
      const r = await listPatentRows(deps, { q }, { page: 1, pageSize: 20 });
      expect(r.rows.map((x) => x.application_number), q).toContain(one.application_number);
    }
  });

  it('falls back to titles containing the text when no word and no holder matches, in the list order', async () => {
    for (const paging of [{ page: 1, pageSize: 200 }, { page: 2, pageSize: 5 }, { page: 1, pageSize: 10, sort: 'title' }]) {
      const r = await listPatentRows(deps, { q: '墨烯改', status: 'in_force' }, paging);
      const sql = await listPatents(deps.db, { q: '墨烯改', status: 'in_force' }, paging); // SQL: ILIKE on title, abstract, holders
      expect({ total: r.total, ids: ids(r) }).toEqual({ total: sql.total, ids: ids(sql) });
      expect(r.total).toBeGreaterThan(0);
    }
  });

  it('follows writes at once: new rows announced by event, and changes made directly in SQL', async () => {
    const before = (await listPatentRows(deps, { status: 'in_force' }, { page: 1, pageSize: 1 })).total;
    const { ids: added } = await upsertPatents(deps.db, [{
      applicationNumber: appNo(2020, '1'), publicationNumber: null, grantNumber: null, type: 'invention', title: '一种新写入的量子点显示面板', abstract: null, claimsCount: 1,
      ipcCodes: ['H01L33/00'], inventors: [], holders: [], filingDate: '2020-01-01', publicationDate: null, grantDate: null, legalStatus: 'in_force', legalStatusRaw: null,
      restorable: false, lapseReason: null, feePaidThrough: null, overseasFamily: [], citationsCount: 0, regionCode: '510104', holderAddress: null, source: 'manual', generatedFields: [],
    }]);
    deps.events.emit('patents.changed', { ids: added });
    const after = await listPatentRows(deps, { status: 'in_force' }, { page: 1, pageSize: 1 });
    expect(after.total).toBe(before + 1);
    expect(ids(after)).toEqual(added);
    expect(ids(await listPatentRows(deps, { q: '量子点' }, { page: 1, pageSize: 5 }))).toEqual(added);
    // a change that announces nothing (another process, or SQL): the list looks for it before answering
    await query(deps.db, `update patents set legal_status = 'lapsed', updated_at = now() + interval '1 second' where id = $1`, [added[0]]);
    expect((await listPatentRows(deps, { status: 'in_force' }, { page: 1, pageSize: 1 })).total).toBe(before);
  });
});
