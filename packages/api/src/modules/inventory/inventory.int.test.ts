import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { createTestApp, createTestDeps, type TestDeps } from '../../../test/test-db.ts';
import { appNo, buildOrganisation, buildPatent, buildUser, login } from '../../../test/factories.ts';
import { query } from '../../db/client.ts';
import { SYSTEM_ACTOR } from '../../http/actor.ts';
import { createRun, executeRun, explainPatent } from './inventory.service.ts';
import { Command } from 'commander';
import type { CliContext } from '../../cli/context.ts';
import { inventoryCli } from './inventory.cli.ts';

let deps: TestDeps;
let app: FastifyInstance;
const ids: Record<string, number> = {};
let univId = 0, otherUnivId = 0;

beforeAll(async () => {
  deps = await createTestDeps();
  app = await createTestApp(deps);
  const univ = await buildOrganisation(deps.db, { name: '示例理工大学', type: 'university', sizeClass: null, regionCode: '510107' });
  const soe = await buildOrganisation(deps.db, { name: '示例能源集团有限公司', type: 'soe', sizeClass: 'large', regionCode: '411502' });
  const other = await buildOrganisation(deps.db, { name: '示例农业大学', type: 'university', sizeClass: null, regionCode: '510107' });
  await buildOrganisation(deps.db, { name: '示例科技有限公司', type: 'private_enterprise', regionCode: '510107' });
  univId = univ.id; otherUnivId = other.id;
  await buildUser(deps.db, { role: 'platform_admin', username: 'office' });
  await buildUser(deps.db, { role: 'org_admin', orgId: univ.id, username: 'univ-admin' });
  await buildUser(deps.db, { role: 'org_admin', orgId: other.id, username: 'other-admin' });
  const mk = async (key: string, o: Parameters<typeof buildPatent>[1]) => { ids[key] = (await buildPatent(deps.db, o)).id; };
  await mk('sleeping', { title: '一种基于神经网络的图像识别方法', holders: ['示例理工大学'], ipcCodes: ['G06N3/04', 'G06F17/00'], filingDate: '2015-03-01', grantDate: '2018-06-01', claimsCount: 8, citationsCount: 4, overseasFamily: ['US11111111B2'] });
  await mk('recent', { title: '一种新近授权的传感器', holders: ['示例理工大学'], ipcCodes: ['G01D5/00'], filingDate: '2021-01-05', grantDate: '2023-01-01', applicationNumber: appNo(2021, '1') });
  await mk('licensed', { title: '一种已许可的电池材料', holders: ['示例理工大学'], ipcCodes: ['H01M4/525'], filingDate: '2016-01-05', grantDate: '2018-09-01', applicationNumber: appNo(2016, '1') });
  await mk('soe', { title: '一种输电线路巡检装置', holders: ['示例能源集团有限公司'], ipcCodes: ['H02G1/02'], type: 'utility_model', filingDate: '2018-02-01', grantDate: '2018-10-01', applicationNumber: appNo(2018, '2'), feePaidThrough: '2025-01-31' });
  await mk('private', { title: '一种企业专利', holders: ['示例科技有限公司'], ipcCodes: ['B65D81/38'], filingDate: '2016-01-01', grantDate: '2018-01-01', applicationNumber: appNo(2016, '1') });
  await mk('lapsed', { title: '一种已失效的农机', holders: ['示例理工大学'], ipcCodes: ['A01B33/02'], filingDate: '2014-04-01', grantDate: '2017-05-01', legalStatus: 'lapsed', lapseReason: 'FEE_UNPAID', applicationNumber: appNo(2014, '1'), feePaidThrough: null });
  await query(deps.db, `update patents set lapse_date = '2022-04-01' where id = $1`, [ids.lapsed]);
  await mk('excluded', { title: '一种涉密装置', holders: ['示例理工大学'], ipcCodes: ['F41A1/00'], filingDate: '2015-01-01', grantDate: '2017-01-01', applicationNumber: appNo(2015, '1') });
  await mk('other', { title: '一种其他大学的专利', holders: ['示例农业大学'], ipcCodes: ['A01B1/00'], filingDate: '2015-01-01', grantDate: '2017-01-01', applicationNumber: appNo(2015, '1') });
  await query(deps.db, `insert into patent_uses (patent_id, kind, source_type, from_date) values ($1, 'licence', 'test', '2020-05-01')`, [ids.licensed]);
}, 300_000); // creating a PGlite database and loading the reference tables is slow on a loaded machine
afterAll(async () => { await app?.close(); await deps?.cleanup(); });

async function waitJob(headers: Record<string, string>, id: number) {
  for (let i = 0; i < 400; i++) {
    const j = (await app.inject({ url: `/api/v1/jobs/${id}`, headers })).json() as { status: string; result: Record<string, unknown>; error: unknown };
    if (j.status === 'succeeded' || j.status === 'failed') return j;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('job did not finish');
}

describe('inventory run (service)', () => {
  it('finds the sleeping pool as of a date, with its counts, and is reproducible', async () => {
    const run = await createRun(deps.db, SYSTEM_ACTOR, { asOf: '2024-12-31', scope: 'all' });
    expect(run.batch_no).toBe('盘点〔2024〕第1批');
    const res = await executeRun(deps.db, SYSTEM_ACTOR, run.id);
    expect(res.scanned).toBe(8); // all patents examined; the private enterprise's one is left out by the rule
    const pool = (await query<{ patent_id: number; pool: string }>(deps.db, `select patent_id, pool from inventory_items where run_id = $1 order by patent_id`, [run.id]));
    expect(pool.map((p) => p.patent_id).sort()).toEqual([ids.sleeping, ids.soe, ids.excluded, ids.other].sort((a, b) => a - b));
    expect(pool.find((p) => p.patent_id === ids.soe)!.pool).toBe('soe');
    expect(res.summary.byPool).toEqual({ univ: 3, soe: 1 });
    expect(res.summary.bySei['1']).toBe(1); // G06N3/04 → 1.5 人工智能 → industry 1
    expect(res.diff).toBeNull();
    const again = await executeRun(deps.db, SYSTEM_ACTOR, (await createRun(deps.db, SYSTEM_ACTOR, { asOf: '2024-12-31', scope: 'all' })).id);
    expect(again.batchNo).toBe('盘点〔2024〕第2批');
    expect(again.summary).toEqual(res.summary);
    expect(again.diff).toMatchObject({ enteredCount: 0, leftCount: 0, gradeChangedCount: 0, unchanged: 4 });
  });

  it('a past as-of date sees the patent that lapsed later as in force', async () => {
    const res = await executeRun(deps.db, SYSTEM_ACTOR, (await createRun(deps.db, SYSTEM_ACTOR, { asOf: '2021-12-31', scope: 'all' })).id);
    const pool = await query<{ patent_id: number }>(deps.db, `select patent_id from inventory_items where run_id = $1`, [res.runId]);
    expect(pool.map((p) => p.patent_id)).toContain(ids.lapsed);
    expect(pool.map((p) => p.patent_id)).not.toContain(ids.licensed); // licensed 2020-05-01
  });

  it('explains a sleeping patent: checks, grade parts, classes, high-value flags, fees', async () => {
    const e = await explainPatent(deps.db, SYSTEM_ACTOR, ids.sleeping, { asOf: '2024-12-31' });
    expect(e.sleeping.sleeping).toBe(true);
    expect(e.sleeping.checks.map((c) => c.code)).toEqual(['HOLDER', 'IN_FORCE', 'GRANTED_3Y', 'NO_USE', 'NO_REASON']);
    expect(e.grade.dimensions).toHaveLength(3);
    expect(e.grade.explanation[0]).toMatch(/^总分 \d+ = 法律价值/);
    expect(e.classification.sei).toEqual(expect.arrayContaining([expect.objectContaining({ seiCode: '1.5', byIpc: 'G06N3/04' })]));
    expect(e.classification.seiIndustry).toEqual({ code: '1', name: '新一代信息技术产业' });
    expect(e.classification.industries[0]).toMatchObject({ industryCode: '39', approximate: true, note: '近似对照（人工整理）' });
    expect(e.classification.techField).toMatchObject({ section: 'G', sectionName: '物理', ipcClass: 'G06' });
    expect(e.highValue.isHighValue).toBe(true);
    expect(e.highValue.flags.filter((f) => f.met).map((f) => f.code)).toEqual(['SEI', 'OVERSEAS']);
    expect(e.fees!.next!.year).toBe(13); // factory: fees paid through 2027-02-28 (year 12)
    expect(e.fees!.next!.reduction.kind).toBe('fee_reduction'); // single university holder → 85% presumed
  });
});

describe('inventory API', () => {
  it('office runs an inventory as a job, lists the pool, opens a patent, exports Excel', async () => {
    const h = await login(app, 'office');
    const start = await app.inject({ method: 'POST', url: '/api/v1/inventory/runs', headers: h, payload: { asOf: '2024-12-31' } });
    expect(start.statusCode).toBe(202);
    const { runId, jobId } = start.json() as { runId: number; jobId: number };
    const job = await waitJob(h, jobId);
    expect(job.status).toBe('succeeded');
    const run = (await app.inject({ url: `/api/v1/inventory/runs/${runId}`, headers: h })).json() as { state: string; poolSize: number; summary: { byGrade: { key: string; count: number }[] } };
    expect(run.state).toBe('succeeded');
    expect(run.poolSize).toBe(4);
    expect(run.summary.byGrade.reduce((s, g) => s + g.count, 0)).toBe(4);
    const items = (await app.inject({ url: `/api/v1/inventory/runs/${runId}/items?pool=univ`, headers: h })).json() as { items: { patentId: number; grade: string }[]; total: number };
    expect(items.total).toBe(3);
    const xl = await app.inject({ url: `/api/v1/inventory/runs/${runId}/export`, headers: h });
    expect(xl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xl.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '按分级', '按战略性新兴产业', '按国民经济行业（近似）', '按权利人', '按地区', '与上批次比较', '入库专利清单']);
    expect(wb.getWorksheet('入库专利清单')!.rowCount).toBe(5);
  });

  it('rejects a bad date and an unknown scope target in Chinese', async () => {
    const h = await login(app, 'office');
    const r = await app.inject({ method: 'POST', url: '/api/v1/inventory/runs', headers: h, payload: { asOf: '2024-13-01' } });
    expect(r.statusCode).toBe(400);
    const s = await app.inject({ method: 'POST', url: '/api/v1/inventory/runs', headers: h, payload: { asOf: '2024-12-31', scope: 'holder' } });
    expect(s.statusCode).toBe(400);
    expect(JSON.stringify(s.json())).toContain('按权利人盘点时须选择权利人');
  });

  it('a holder sees only its own patents and runs; another organisation gets 404', async () => {
    const h = await login(app, 'univ-admin');
    const start = await app.inject({ method: 'POST', url: '/api/v1/inventory/runs', headers: h, payload: { asOf: '2024-12-31', scope: 'all' } });
    expect(start.statusCode).toBe(202);
    const { runId, jobId } = start.json() as { runId: number; jobId: number };
    await waitJob(h, jobId);
    const run = (await app.inject({ url: `/api/v1/inventory/runs/${runId}`, headers: h })).json() as { scope: string; holderId: number; poolSize: number };
    expect(run).toMatchObject({ scope: 'holder', holderId: univId, poolSize: 2 }); // forced to its own scope
    expect((run as unknown as { summary: { poolSize: number } }).summary.poolSize).toBe(2);
    expect((await app.inject({ url: `/api/v1/inventory/runs/${runId}/items`, headers: h })).json()).toMatchObject({ total: 2 });
    const other = await login(app, 'other-admin');
    expect((await app.inject({ url: `/api/v1/inventory/runs/${runId}`, headers: other })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/inventory/patents/${ids.sleeping}/explain?asOf=2024-12-31`, headers: other })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/inventory/patents/${ids.other}/explain?asOf=2024-12-31`, headers: other })).statusCode).toBe(200);
    expect((await app.inject({ url: `/api/v1/inventory/runs`, headers: other })).json()).toMatchObject({ total: 0 });
    void otherUnivId;
  });

  it('the holder marks a patent as used; it leaves the pool, the mark is kept with who and when and audited', async () => {
    const h = await login(app, 'univ-admin');
    const bad = await app.inject({ method: 'PUT', url: `/api/v1/inventory/patents/${ids.sleeping}/mark`, headers: h, payload: { kind: 'used', reason: '短' } });
    expect(bad.statusCode).toBe(400);
    const m = await app.inject({ method: 'PUT', url: `/api/v1/inventory/patents/${ids.sleeping}/mark`, headers: h, payload: { kind: 'used', reason: '已在本校中试基地自行实施', fromDate: '2024-06-01' } });
    expect(m.statusCode).toBe(200);
    expect(m.json()).toMatchObject({ kind: 'used', markedBy: 'univ-admin' });
    const e = (await app.inject({ url: `/api/v1/inventory/patents/${ids.sleeping}/explain?asOf=2024-12-31`, headers: h })).json() as { sleeping: { sleeping: boolean; summary: string } };
    expect(e.sleeping.sleeping).toBe(false);
    expect(e.sleeping.summary).toContain('中试基地');
    const audits = await query<{ action: string }>(deps.db, `select action from audit_log where entity = 'patent' and entity_id = $1`, [String(ids.sleeping)]);
    expect(audits.map((a) => a.action)).toContain('inventory.mark');
    const un = await app.inject({ method: 'DELETE', url: `/api/v1/inventory/patents/${ids.sleeping}/mark`, headers: h });
    expect(un.statusCode).toBe(200);
    const e2 = (await app.inject({ url: `/api/v1/inventory/patents/${ids.sleeping}/explain?asOf=2024-12-31`, headers: h })).json() as { sleeping: { sleeping: boolean } };
    expect(e2.sleeping.sleeping).toBe(true);
  });

  it('fees: due in the next 90 days and the yearly cost of the portfolio', async () => {
    const h = await login(app, 'office');
    const soeId = (await query<{ id: number }>(deps.db, `select id from organisations where name = '示例能源集团有限公司'`))[0].id;
    const f = (await app.inject({ url: `/api/v1/inventory/fees?asOf=2025-01-15&holderId=${soeId}`, headers: h })).json() as { dueSoon: { patentId: number; next: { year: number; dueDate: string; fullFen: number } }[]; yearlyCostFen: number; willLapse: unknown[] };
    // utility model filed 2018-02-01, paid through year 7 (to 2025-01-31): year 8 due 2025-02-01, 1200 元, SOE: no 费减
    expect(f.dueSoon.map((d) => [d.patentId, d.next.year, d.next.dueDate, d.next.fullFen])).toEqual([[ids.soe, 8, '2025-02-01', 120_000]]);
    expect(f.yearlyCostFen).toBe(120_000);
    const late = (await app.inject({ url: `/api/v1/inventory/fees?asOf=2025-04-15&holderId=${soeId}`, headers: h })).json() as { willLapse: { risk: string; next: { surchargePercent: number } }[] };
    expect(late.willLapse[0]).toMatchObject({ risk: 'grace', next: { surchargePercent: 10 } });
  });

  it('grading weights are configurable by the office only, and validated', async () => {
    const h = await login(app, 'office');
    const bad = await app.inject({ method: 'PUT', url: '/api/v1/inventory/config', headers: h, payload: { model: { id: 'x-1', name: '坏模型', dimensions: { legal: { label: '法', weight: 50, indicators: { type: 100 } }, technical: { label: '技', weight: 10, indicators: { citations: 100 } }, economic: { label: '经', weight: 10, indicators: { sei: 100 } } }, thresholds: { A: 70, B: 50, C: 30 }, pledgeHighFen: 0 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('三个维度的权重之和须为 100，当前为 70');
    const ok = await app.inject({ method: 'PUT', url: '/api/v1/inventory/config', headers: h, payload: { presetId: 'pva-2012' } });
    expect(ok.statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/inventory/config', headers: h })).json().model.id).toBe('pva-2012');
    const u = await login(app, 'univ-admin');
    expect((await app.inject({ method: 'PUT', url: '/api/v1/inventory/config', headers: u, payload: { presetId: 'gbt42748-2023' } })).statusCode).toBe(403);
    await app.inject({ method: 'PUT', url: '/api/v1/inventory/config', headers: h, payload: { presetId: 'gbt42748-2023' } });
  });
});

describe('CLI: zhuanhua inventory --as-of DATE --json', () => {
  it('prints the pool size and the counts by grade and industry; twice gives the same output', async () => {
    const out: string[] = [];
    const ctx = {
      withDeps: (fn: (d: typeof deps) => Promise<unknown>) => fn(deps),
      progress: () => ({ cb: () => undefined, stop: () => undefined }),
      print: (_json: boolean, value: unknown) => { out.push(JSON.stringify(value)); },
    } as unknown as CliContext;
    const errWrite = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      for (let i = 0; i < 2; i++) {
        const program = new Command().exitOverride();
        inventoryCli(program, ctx);
        await program.parseAsync(['node', 'zhuanhua', 'inventory', '--as-of', '2024-12-31', '--json']);
      }
    } finally { process.stderr.write = errWrite; }
    expect(out).toHaveLength(2);
    expect(out[1]).toBe(out[0]);
    const r = JSON.parse(out[0]) as { poolSize: number; byGrade: Record<string, number>; byIndustry: { code: string; count: number }[]; industryNote: string };
    expect(r.poolSize).toBe(4);
    expect(Object.values(r.byGrade).reduce((a, b) => a + b, 0)).toBe(4);
    expect(r.byIndustry.reduce((a, b) => a + b.count, 0)).toBe(4);
    expect(r.industryNote).toBe('近似对照（人工整理）');
  });
});
