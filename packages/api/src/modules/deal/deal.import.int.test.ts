import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { createTestApp, createTestDeps, type TestDeps } from '../../../test/test-db.ts';
import { buildOrganisation, buildPatent, buildUser, login } from '../../../test/factories.ts';
import { multipart } from '../../../test/multipart.ts';
import { query } from '../../db/client.ts';
import { SYSTEM_ACTOR } from '../../http/actor.ts';
import { importDeals } from './deal.import.ts';

let deps: TestDeps;
let app: FastifyInstance;
let no1: string, no2: string, p1: number, p2: number, univId: number;
const HEAD = '合同名称,交易类型,许可类型,专利申请号,出让方名称,出让方类型,出让方规模,出让方区划代码,受让方名称,受让方类型,受让方规模,受让方区划代码,合同签订日期,合同金额（万元）,实际到账金额（万元）,到账日期,登记/备案号,登记/备案日期,状态';

beforeAll(async () => {
  deps = await createTestDeps();
  app = await createTestApp(deps);
  univId = (await buildOrganisation(deps.db, { name: '导入测试大学', type: 'university', sizeClass: null, regionCode: '411502' })).id;
  await buildUser(deps.db, { role: 'platform_admin', username: 'imp-admin' });
  const a = await buildPatent(deps.db, { title: '导入测试专利一', holders: ['导入测试大学'] });
  const b = await buildPatent(deps.db, { title: '导入测试专利二', holders: ['导入测试大学'] });
  no1 = a.application_number; no2 = b.application_number; p1 = a.id; p2 = b.id;
});
afterAll(async () => { await app?.close(); await deps?.cleanup(); });

const count = async () => (await query<{ n: number }>(deps.db, `select count(*)::int as n from deals`))[0].n;

describe('historical deals import', () => {
  it('is all or nothing: one bad row rejects the file with row numbers and Chinese reasons', async () => {
    const csv = `${HEAD}
转让两件专利,转让,,${no1}；${no2},导入测试大学,,,,示例外部企业,民营企业,小型,411502,2020-05-01,25.5,10,2020-06-01,TR2020-1,2020-06-15,已完成
错误行,赠与,,${no1},导入测试大学,,,,某企业,民营企业,小型,,2020-13-01,abc,,,,,
`;
    await expect(importDeals(deps.db, SYSTEM_ACTOR, 'x.csv', Buffer.from(csv), { today: '2026-01-01' })).rejects.toMatchObject({
      code: 'IMPORT_REJECTED',
      details: { rejectedCount: 1, rejected: expect.arrayContaining([{ row: 3, field: '交易类型', message: expect.stringContaining('赠与') }, expect.objectContaining({ row: 3, field: '合同签订日期' }), expect.objectContaining({ row: 3, field: '合同金额（万元）' })]) },
    });
    expect(await count()).toBe(0);
  });

  it('imports valid rows: amounts exact in fen, parties as given, received = payments, holders moved by the transfer', async () => {
    const csv = `${HEAD}
转让两件专利,转让,,${no1}；${no2},导入测试大学,,,,示例外部企业,民营企业,小型,411502,2020-05-01,25.5,10,2020-06-01,TR2020-1,2020-06-15,已完成
普通许可,许可,普通许可,${no2},示例外部企业,民营企业,小型,,另一企业,民营企业,微型,411502,2021-03-05,0.012345,,,,,
`;
    const res = await importDeals(deps.db, SYSTEM_ACTOR, 'ok.csv', Buffer.from(csv), { today: '2026-01-01' });
    expect(res).toMatchObject({ total: 2, imported: 2, rejectedCount: 0 });
    const deals = await query<{ kind: string; state: string; contract_amount_fen: number; source: string; received: number }>(deps.db,
      `select kind, state, contract_amount_fen, source, (select coalesce(sum(amount_fen),0)::bigint from deal_payments p where p.deal_id = d.id) as received from deals d order by id`);
    expect(deals).toEqual([
      { kind: 'transfer', state: 'completed', contract_amount_fen: 25_500_000, source: 'import', received: 10_000_000 },
      { kind: 'licence', state: 'signed', contract_amount_fen: 12_345, source: 'import', received: 0 },
    ]);
    const parties = await query<{ side: string; org_id: number | null; name: string; size_class: string | null }>(deps.db,
      `select side, org_id, name, size_class from deal_parties where deal_id = (select min(id) from deals) order by side desc`);
    expect(parties).toEqual([{ side: 'out', org_id: univId, name: '导入测试大学', size_class: null }, { side: 'in', org_id: null, name: '示例外部企业', size_class: 'small' }]);
    const holders = await query<{ patent_id: number; name: string }>(deps.db, `select patent_id, name from patent_holders where patent_id = any($1::bigint[]) order by patent_id`, [[p1, p2]]);
    expect(holders.map((h) => h.name)).toEqual(['示例外部企业', '示例外部企业']);
    const uses = await query<{ n: number }>(deps.db, `select count(*)::int as n from patent_uses where source_type = 'deal'`);
    expect(uses[0].n).toBe(3);
    const hist = await query<{ to_state: string }>(deps.db, `select to_state from deal_state_history where deal_id = (select min(id) from deals) order by id`);
    expect(hist.map((h) => h.to_state)).toEqual(['signed', 'registered', 'performing', 'completed']);
  });

  it('imports an .xlsx through the API as a job, and reports unknown patents', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('交易');
    ws.addRow(['合同名称', '交易类型', '专利申请号', '出让方名称', '受让方名称', '受让方类型', '合同签订日期', '合同金额（万元）']);
    ws.addRow(['未知专利', '转让', '201810431317.9', '导入测试大学', '甲公司', '民营企业', '2022-01-01', 1]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const h = await login(app, 'imp-admin');
    const mp = multipart({ name: '交易.xlsx', data: buf });
    const r = await app.inject({ method: 'POST', url: '/api/v1/imports/deals', payload: mp.payload, headers: { ...mp.headers, ...h } });
    expect(r.statusCode).toBe(202);
    let job: { status: string; error: { code: string; details: { rejected: { row: number; field: string; message: string }[] } } } | undefined;
    for (let i = 0; i < 200; i++) {
      job = (await app.inject({ url: `/api/v1/jobs/${(r.json() as { jobId: number }).jobId}`, headers: h })).json();
      if (job!.status === 'failed' || job!.status === 'succeeded') break;
      await new Promise((res) => setTimeout(res, 50));
    }
    expect(job!.status).toBe('failed');
    expect(job!.error.details.rejected).toEqual([{ row: 2, field: '专利申请号', message: expect.stringContaining('不在专利库中') }]);
    const t = await app.inject({ url: '/api/v1/imports/deals/template', headers: h });
    expect(t.statusCode).toBe(200);
    expect(t.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
