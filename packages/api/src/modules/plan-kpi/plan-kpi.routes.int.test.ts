import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { createTestApp, createTestDeps, type TestDeps } from '../../../test/test-db.ts';
import { buildPatent, buildUser, login } from '../../../test/factories.ts';
import { query } from '../../db/client.ts';
import { ensurePresets } from './plan-kpi.service.ts';
import { loadOrdosFixture } from './plan-kpi.fixture.ts';

let deps: TestDeps;
let app: FastifyInstance;
let admin: Record<string, string>;
let member: Record<string, string>;
beforeAll(async () => {
  deps = await createTestDeps();
  app = await createTestApp(deps);
  const ids: number[] = [];
  for (let i = 0; i < 20; i++) ids.push((await buildPatent(deps.db, { regionCode: '150602' })).id);
  await loadOrdosFixture(deps.db, ids);
  await ensurePresets(deps.db);
  await buildUser(deps.db, { role: 'platform_admin', username: 'kpi-admin' });
  await buildUser(deps.db, { role: 'org_member', username: 'kpi-member' });
  admin = await login(app, 'kpi-admin');
  member = await login(app, 'kpi-member');
});
afterAll(async () => { await app?.close(); await deps?.cleanup(); });

async function waitJob(id: number) {
  for (let i = 0; i < 400; i++) {
    const j = (await app.inject({ url: `/api/v1/jobs/${id}`, headers: admin })).json() as { status: string; result: { reportId: number; downloadUrl: string }; error: unknown };
    if (j.status === 'succeeded' || j.status === 'failed') return j;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not finish');
}

describe('plan-kpi API', () => {
  it('lists the five presets; presets cannot be edited but can be copied, the copy edited and audited', async () => {
    const list = (await app.inject({ url: '/api/v1/kpi/plans', headers: member })).json() as { items: { id: string; preset: boolean }[]; total: number };
    expect(list.items.filter((p) => p.preset).map((p) => p.id).sort()).toEqual(['ordos-2021-conversion', 'sichuan-2021-conversion', 'xinyang-2021-conversion', 'xinyang-2021-ip-quality', 'xuchang-2023-high-value']);
    const ordos = (await app.inject({ url: '/api/v1/kpi/plans/ordos-2021-conversion', headers: member })).json() as Record<string, unknown>;
    const put = await app.inject({ method: 'PUT', url: '/api/v1/kpi/plans/ordos-2021-conversion', headers: admin, payload: ordos });
    expect(put.statusCode).toBe(422);
    expect(put.json().message).toContain('预置规划不可修改');
    const memberCopy = await app.inject({ method: 'POST', url: '/api/v1/kpi/plans/ordos-2021-conversion/copy', headers: member, payload: { id: 'x-copy' } });
    expect(memberCopy.statusCode).toBe(403);
    const copy = await app.inject({ method: 'POST', url: '/api/v1/kpi/plans/ordos-2021-conversion/copy', headers: admin, payload: { id: 'dongsheng-2021', name: '东胜区专利转化实施方案', regionCode: '150602', regionName: '东胜区' } });
    expect(copy.statusCode).toBe(201);
    const body = copy.json() as { targets: { id: string; value: number | null }[]; preset: boolean };
    expect(body.preset).toBe(false);
    body.targets = body.targets.map((t) => (t.id === 'sme-in-patents-cagr' ? { ...t, value: 10 } : t));
    const upd = await app.inject({ method: 'PUT', url: '/api/v1/kpi/plans/dongsheng-2021', headers: admin, payload: body });
    expect(upd.statusCode).toBe(200);
    const bad = await app.inject({ method: 'PUT', url: '/api/v1/kpi/plans/dongsheng-2021', headers: admin, payload: { ...body, baselineYear: 2022 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('基期年份应早于规划开始年份');
    const audits = await query<{ action: string }>(deps.db, `select action from audit_log where entity = 'kpi_plan' and entity_id = 'dongsheng-2021' order by id`);
    expect(audits.map((a) => a.action)).toEqual(['kpi.plan.copy', 'kpi.plan.update']);
    // a new plan from scratch
    const created = await app.inject({ method: 'POST', url: '/api/v1/kpi/plans', headers: admin, payload: {
      id: 'kangbashi-2021', name: '康巴什区方案', regionCode: '150603', startYear: 2021, endYear: 2023, baselineYear: 2020,
      targets: [{ id: 't1', indicator: 'SME_IN_PATENTS', kind: 'cumulative_at_least', value: 4, clause: '一、1' }] } });
    expect(created.statusCode).toBe(201);
    const ev = (await app.inject({ url: '/api/v1/kpi/plans/kangbashi-2021/evaluation?asOf=2024-01-31', headers: member })).json() as { targets: { status: string; value: number }[] };
    expect(ev.targets[0]).toMatchObject({ status: 'met', value: 4 }); // 康巴什 2021–2023: 2 + 1 + 1
    const dup = await app.inject({ method: 'POST', url: '/api/v1/kpi/plans', headers: admin, payload: { id: 'kangbashi-2021', name: '重复', regionCode: '150603', startYear: 2021, endYear: 2023, baselineYear: 2020 } });
    expect(dup.statusCode).toBe(409);
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/kpi/plans/ordos-2021-conversion', headers: admin })).statusCode).toBe(422);
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/kpi/plans/kangbashi-2021', headers: admin })).statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/kpi/plans/kangbashi-2021', headers: admin })).statusCode).toBe(404);
    const del = await query<{ action: string }>(deps.db, `select action from audit_log where entity = 'kpi_plan' and entity_id = 'kangbashi-2021' order by id`);
    expect(del.map((a) => a.action)).toEqual(['kpi.plan.create', 'kpi.plan.delete']);
  });

  it('evaluation of the copied plan for 东胜区 uses only that district', async () => {
    const ev = (await app.inject({ url: '/api/v1/kpi/plans/dongsheng-2021/evaluation?asOf=2024-06-30', headers: member })).json() as { region: { name: string }; targets: { id: string; status: string; value: number }[] };
    expect(ev.region.name).toBe('东胜区');
    // 东胜: SME_IN_PATENTS 2020 D1 2; 2023 D10 4 → (4/2)^(1/3) − 1 = 25.99% ≥ 10%
    expect(ev.targets.find((t) => t.id === 'sme-in-patents-cagr')).toMatchObject({ status: 'met', value: 25.99 });
    const outside = await app.inject({ url: '/api/v1/kpi/plans/dongsheng-2021/evaluation?region=510104', headers: member });
    expect(outside.statusCode).toBe(400);
  });

  it('drills a figure down to its records, adding up to it, and exports them to Excel', async () => {
    const ev = (await app.inject({ url: '/api/v1/kpi/plans/ordos-2021-conversion/evaluation?asOf=2024-06-30', headers: admin })).json() as { indicators: { code: string; years: { year: number; value: number }[] }[] };
    for (const [code, year] of [['SME_IN_PATENTS', 2021], ['SME_IN_CONTRACT', 2021], ['SME_IN_PAID', 2023], ['UNIV_OUT_PATENTS', 2021], ['SMES_BENEFITING', 2021], ['SME_PLEDGE_AMOUNT', 2022], ['PRODUCT_FILINGS', 2022], ['EVENTS', 2023], ['NAV_PROJECTS', 2022]] as const) {
      const fig = ev.indicators.find((i) => i.code === code)!.years.find((y) => y.year === year)!.value;
      const d = (await app.inject({ url: `/api/v1/kpi/drilldown?indicator=${code}&region=150600&year=${year}&asOf=2024-06-30`, headers: admin })).json() as { total: number; items: { ref: string; value: number }[] };
      expect({ code, total: d.total }).toEqual({ code, total: fig });
      expect(d.items.length).toBeGreaterThan(0);
    }
    const d = (await app.inject({ url: '/api/v1/kpi/drilldown?indicator=SME_IN_PATENTS&region=150600&year=2021&asOf=2024-06-30', headers: admin })).json() as { items: { parties: string; value: number }[] };
    expect(d.items.map((i) => i.value)).toEqual([2, 1]); // D3: 1 patent × 2 SMEs; D5: 1 (S3 medium at the deal date)
    expect((await app.inject({ url: '/api/v1/kpi/drilldown?indicator=SME_IN_PATENTS&region=150600&year=2021', headers: member })).statusCode).toBe(403);
    const x = await app.inject({ url: '/api/v1/kpi/drilldown/export?indicator=SME_IN_CONTRACT&region=150600&year=2021&asOf=2024-06-30', headers: admin });
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(ws.rowCount).getCell(1).value).toBe('合计');
    expect(ws.getRow(ws.rowCount).getCell(6).value).toBe(26);
    const ex = await query<{ entity_id: string }>(deps.db, `select entity_id from audit_log where action = 'kpi.drilldown.export'`);
    expect(ex.map((e) => e.entity_id)).toEqual(['SME_IN_CONTRACT:150600:2021']);
  });

  it('hand entry only for indicators with no source, marked and audited', async () => {
    const no = await app.inject({ method: 'POST', url: '/api/v1/kpi/manual', headers: admin, payload: { indicator: 'SME_IN_PATENTS', regionCode: '150600', year: 2022, value: 99, note: '区县上报' } });
    expect(no.statusCode).toBe(422);
    expect(no.json().message).toContain('不允许手工填报');
    const ok = await app.inject({ method: 'POST', url: '/api/v1/kpi/manual', headers: admin, payload: { indicator: 'IP_STRONG_ENTERPRISES', regionCode: '150600', year: 2022, value: 3, note: '自治区认定文件' } });
    expect(ok.statusCode).toBe(201);
    expect((await app.inject({ method: 'POST', url: '/api/v1/kpi/manual', headers: member, payload: { indicator: 'IP_STRONG_ENTERPRISES', regionCode: '150600', year: 2022, value: 3, note: 'x' } })).statusCode).toBe(403);
    const ev = (await app.inject({ url: '/api/v1/kpi/plans/ordos-2021-conversion/evaluation?asOf=2024-06-30', headers: admin })).json() as { indicators: { code: string; source: string; years: { year: number; value: number }[] }[] };
    const ip = ev.indicators.find((i) => i.code === 'IP_STRONG_ENTERPRISES')!;
    expect(ip.source).toBe('manual');
    expect(ip.years.find((y) => y.year === 2022)!.value).toBe(3);
    const a = await query<{ action: string }>(deps.db, `select action from audit_log where entity = 'kpi_manual_figure'`);
    expect(a.map((x) => x.action)).toEqual(['kpi.manual.write']);
  });

  it('a new deal marks the figures stale: the next evaluation includes it', async () => {
    const before = (await app.inject({ url: '/api/v1/kpi/plans/ordos-2021-conversion/evaluation?asOf=2024-06-30', headers: admin })).json() as { indicators: { code: string; years: { year: number; value: number }[] }[] };
    const v = (e: typeof before) => e.indicators.find((i) => i.code === 'PRODUCT_FILINGS')!.years.find((y) => y.year === 2023)!.value;
    await query(deps.db, `insert into product_filings (org_id, org_type, org_size_class, region_code, product_name, filing_date, state)
      select id, type, size_class, region_code, '新备案产品', '2023-09-01', 'filed' from organisations where name = '东胜小型科技公司'`);
    const after = (await app.inject({ url: '/api/v1/kpi/plans/ordos-2021-conversion/evaluation?asOf=2024-06-30', headers: admin })).json() as typeof before;
    expect(v(after)).toBe(v(before) + 1);
  });

  it('ranks districts and builds the yearly statistical tables and the Word summary as jobs', async () => {
    const rk = (await app.inject({ url: '/api/v1/kpi/plans/ordos-2021-conversion/ranking?asOf=2024-06-30', headers: member })).json() as { rows: { regionCode: string; rank: number }[] };
    expect(rk.rows[0]!.rank).toBe(1);
    const job = await app.inject({ method: 'POST', url: '/api/v1/kpi/plans/ordos-2021-conversion/reports', headers: admin, payload: { kind: 'docx', year: 2023, asOf: '2024-06-30' } });
    expect(job.statusCode).toBe(202);
    const j = await waitJob((job.json() as { jobId: number }).jobId);
    expect(j.status).toBe('succeeded');
    const file = await app.inject({ url: j.result.downloadUrl, headers: admin });
    expect(file.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(file.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('工作总结报告');
    expect(xml).toContain('18.56%'); // SME_IN_PATENTS average growth, the same figure as the dashboard
    expect(Object.keys(zip.files).some((f) => f.startsWith('word/charts/'))).toBe(true);
    const xj = await app.inject({ method: 'POST', url: '/api/v1/kpi/plans/ordos-2021-conversion/reports', headers: admin, payload: { kind: 'xlsx', year: 2023, asOf: '2024-06-30' } });
    const xr = await waitJob((xj.json() as { jobId: number }).jobId);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await app.inject({ url: xr.result.downloadUrl, headers: admin })).rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['目标完成情况', '指标年度统计', '区县排名']);
  });
});
