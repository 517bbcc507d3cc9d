import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { createTestApp, createTestDeps, type TestDeps } from '../../../test/test-db.ts';
import { appNo, buildOrganisation, buildPatent, buildUser, login } from '../../../test/factories.ts';
import { query } from '../../db/client.ts';
import { SYSTEM_ACTOR } from '../../http/actor.ts';
import { createRun, executeRun } from '../inventory/inventory.service.ts';

let deps: TestDeps;
let app: FastifyInstance;
let soeOrg = 0;

beforeAll(async () => {
  deps = await createTestDeps();
  app = await createTestApp(deps);
  await buildOrganisation(deps.db, { name: '示例理工大学', type: 'university', sizeClass: null, regionCode: '510107' });
  soeOrg = (await buildOrganisation(deps.db, { name: '示例能源集团有限公司', type: 'soe', sizeClass: 'large', regionCode: '411502' })).id;
  await buildUser(deps.db, { role: 'platform_admin', username: 'office' });
  await buildUser(deps.db, { role: 'org_admin', orgId: soeOrg, username: 'soe-admin' });
  await buildPatent(deps.db, { title: '一种基于神经网络的图像识别方法', holders: ['示例理工大学'], ipcCodes: ['G06N3/04'], filingDate: '2015-03-01', grantDate: '2018-06-01', overseasFamily: ['US1B2'], citationsCount: 12 });
  await buildPatent(deps.db, { title: '一种农机旋耕装置', holders: ['示例理工大学'], ipcCodes: ['A01B33/02'], filingDate: '2016-03-01', grantDate: '2018-06-01', applicationNumber: appNo(2016, '1'), claimsCount: 2 });
  await buildPatent(deps.db, { title: '=1+1 一种输电线路巡检装置', holders: ['示例能源集团有限公司'], ipcCodes: ['H02G1/02'], filingDate: '2016-03-01', grantDate: '2018-06-01', applicationNumber: appNo(2016, '1') });
  await executeRun(deps.db, SYSTEM_ACTOR, (await createRun(deps.db, SYSTEM_ACTOR, { asOf: '2024-12-31', scope: 'all' })).id);
}, 300_000); // creating a PGlite database and loading the reference tables is slow on a loaded machine
afterAll(async () => { await app?.close(); await deps?.cleanup(); });

describe('supply lists', () => {
  it('compose → review (frozen) → publish with a number; public page and Excel/Word downloads; stays as published', async () => {
    const h = await login(app, 'office');
    const c = await app.inject({ method: 'POST', url: '/api/v1/supply-lists', headers: h, payload: { title: '2025年第一批高校院所专利技术供给清单', filter: { holderTypes: ['university'] } } });
    expect(c.statusCode).toBe(201);
    const list = c.json() as { id: number; state: string; filterText: string; batchNo: string };
    expect(list).toMatchObject({ state: 'draft', batchNo: '盘点〔2024〕第1批' });
    // a draft is not public
    expect((await app.inject({ url: `/api/v1/supply-lists/${list.id}` })).statusCode).toBe(404);
    const preview = (await app.inject({ url: `/api/v1/supply-lists/${list.id}/items`, headers: h })).json() as { items: { title: string; score: number }[]; total: number; preview: boolean };
    expect(preview).toMatchObject({ total: 2, preview: true });
    expect(preview.items[0].score).toBeGreaterThanOrEqual(preview.items[1].score);
    // cannot publish a draft directly
    const skip = await app.inject({ method: 'POST', url: `/api/v1/supply-lists/${list.id}/publish`, headers: h, payload: {} });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().message).toContain('草稿');
    expect((await app.inject({ method: 'POST', url: `/api/v1/supply-lists/${list.id}/review`, headers: h, payload: { to: 'reviewed' } })).statusCode).toBe(200);
    const pub = await app.inject({ method: 'POST', url: `/api/v1/supply-lists/${list.id}/publish`, headers: h, payload: { publishDate: '2025-01-10' } });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ state: 'published', listNo: '供给清单〔2025〕第1期', publishedOn: '2025-01-10', itemCount: 2 });
    // public now, without login
    const pubList = (await app.inject({ url: '/api/v1/supply-lists/public' })).json() as { items: { id: number }[] };
    expect(pubList.items.map((i) => i.id)).toContain(list.id);
    const xl = await app.inject({ url: `/api/v1/supply-lists/${list.id}/export.xlsx` });
    expect(xl.statusCode).toBe(200);
    expect(xl.headers['content-disposition']).toContain(encodeURIComponent('供给清单〔2025〕第1期.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xl.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('供给清单')!;
    expect(ws.rowCount).toBe(3);
    const doc = await app.inject({ url: `/api/v1/supply-lists/${list.id}/export.docx` });
    expect(doc.statusCode).toBe(200);
    expect(doc.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // the patent changes later: the published list keeps its rows
    await query(deps.db, `update patents set title = '已改名' where title = '一种农机旋耕装置'`);
    const items = (await app.inject({ url: `/api/v1/supply-lists/${list.id}/items` })).json() as { items: { title: string }[] };
    expect(items.items.map((i) => i.title)).toContain('一种农机旋耕装置');
    // published is final
    expect((await app.inject({ method: 'PATCH', url: `/api/v1/supply-lists/${list.id}`, headers: h, payload: { title: '改个标题试试看' } })).statusCode).toBe(409);
    const audits = await query<{ action: string }>(deps.db, `select action from audit_log where entity = 'supply_list' and entity_id = $1 order by id`, [String(list.id)]);
    expect(audits.map((a) => a.action)).toEqual(['supply-list.create', 'supply-list.review', 'supply-list.publish']);
  });

  it('an SOE composes its mature-patent sharing list of its own patents; only the office reviews; Excel cells are escaped', async () => {
    const s = await login(app, 'soe-admin');
    const c = await app.inject({ method: 'POST', url: '/api/v1/supply-lists', headers: s, payload: { title: '国有企业共享成熟专利技术清单', kind: 'soe_sharing' } });
    expect(c.statusCode).toBe(201);
    const id = (c.json() as { id: number; filter: { holderIds: number[] } }).id;
    expect((c.json() as { filter: { holderIds: number[] } }).filter.holderIds).toEqual([soeOrg]);
    expect((await app.inject({ method: 'POST', url: `/api/v1/supply-lists/${id}/review`, headers: s, payload: { to: 'reviewed' } })).statusCode).toBe(403);
    const h = await login(app, 'office');
    await app.inject({ method: 'POST', url: `/api/v1/supply-lists/${id}/review`, headers: h, payload: { to: 'reviewed' } });
    const p = (await app.inject({ method: 'POST', url: `/api/v1/supply-lists/${id}/publish`, headers: h, payload: { publishDate: '2025-02-01' } })).json() as { listNo: string; itemCount: number };
    expect(p).toMatchObject({ listNo: '国企共享清单〔2025〕第1期', itemCount: 1 });
    const xl = await app.inject({ url: `/api/v1/supply-lists/${id}/export.xlsx` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xl.rawPayload as unknown as ArrayBuffer);
    const titles = wb.getWorksheet('供给清单')!.getColumn(3).values;
    expect(titles).toContain("'=1+1 一种输电线路巡检装置"); // formula injection escaped
  });

  it('reviewing an empty list is refused; a bad filter answers 400', async () => {
    const h = await login(app, 'office');
    const bad = await app.inject({ method: 'POST', url: '/api/v1/supply-lists', headers: h, payload: { title: '错误的清单', filter: { grades: ['E'] } } });
    expect(bad.statusCode).toBe(400);
    const c = (await app.inject({ method: 'POST', url: '/api/v1/supply-lists', headers: h, payload: { title: '空清单测试', filter: { keyword: '不存在的关键词' } } })).json() as { id: number };
    const r = await app.inject({ method: 'POST', url: `/api/v1/supply-lists/${c.id}/review`, headers: h, payload: { to: 'reviewed' } });
    expect(r.statusCode).toBe(422);
  });
});
