import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { createHash } from 'node:crypto';
import { AppError } from '@zhuanhua/domain';
import { query } from '../../db/client.ts';
import { SYSTEM_ACTOR } from '../../http/actor.ts';
import { createTestDeps, type TestDeps } from '../../../test/test-db.ts';
import { appNo } from '../../../test/factories.ts';
import { importPatents } from './patent.import.ts';

let deps: TestDeps;
beforeAll(async () => { deps = await createTestDeps(); });
afterAll(async () => { await deps?.cleanup(); });

const HEAD = ['申请号', '公开(公告)号', '名称', '摘要', '申请人', '发明人', '申请日', '授权公告日', '主分类号', '分类号', '法律状态'];

function rows(n: number, year = 2018): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < n; i++) {
    out.push([appNo(year), '', `一种测试装置${i}`, '摘要', '示例理工大学；测试公司', '张三;李四', `${year}-03-0${(i % 9) + 1}`, `${year + 2}-05-01`, 'H01M4/525', 'H01M4/525;G06N3/04', '有效']);
  }
  return out;
}

const csv = (head: string[], body: string[][]) => [head, ...body].map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n');

async function xlsx(head: string[], body: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('专利');
  ws.addRow(head);
  for (const r of body) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A signature of the whole patents state: row count and a hash of every row. */
async function signature(): Promise<string> {
  const r = await query<{ n: number; h: string | null }>(deps.db, `select count(*)::int as n, md5(string_agg(application_number || title || legal_status || coalesce(updated_at::text, ''), ',' order by application_number)) as h from patents`);
  const h = await query<{ n: number }>(deps.db, `select count(*)::int as n from patent_holders`);
  return createHash('sha1').update(JSON.stringify([r[0], h[0]])).digest('hex');
}

describe('patent import', () => {
  it('rejects a 1,000-row file with one bad row, names the row and reason, and changes nothing', async () => {
    const body = rows(1000);
    body[536][0] = '202010123456.7'; // wrong check character: should be 2 (data row 537 = sheet row 538)
    const before = await signature();
    const err = await importPatents(deps.db, SYSTEM_ACTOR, 'stock.xlsx', await xlsx(HEAD, body), {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.code).toBe('IMPORT_REJECTED');
    const details = e.details as { rejected: { row: number; field: string; message: string }[]; rejectedCount: number; total: number };
    expect(details.total).toBe(1000);
    expect(details.rejectedCount).toBe(1);
    expect(details.rejected).toHaveLength(1);
    expect(details.rejected[0].row).toBe(538);
    expect(details.rejected[0].field).toBe('申请号');
    expect(details.rejected[0].message).toContain('校验位应为 2');
    expect(await signature()).toBe(before);
  });

  it('imports the 999 valid rows with validOnly and reports the bad one', async () => {
    const body = rows(1000, 2017);
    body[9][6] = '2017-02-30';
    const res = await importPatents(deps.db, SYSTEM_ACTOR, 'stock.xlsx', await xlsx(HEAD, body), { validOnly: true });
    expect(res.imported).toBe(999);
    expect(res.updated).toBe(0);
    expect(res.rejectedCount).toBe(1);
    expect(res.rejected[0]).toMatchObject({ row: 11, field: '申请日' });
    const n = await query<{ n: number }>(deps.db, `select count(*)::int as n from patents where application_number = any($1::text[])`, [body.map((r) => r[0])]);
    expect(n[0].n).toBe(999);
  });

  it('re-importing the same file updates by application number (idempotent)', async () => {
    const body = rows(20, 2016);
    const first = await importPatents(deps.db, SYSTEM_ACTOR, 'a.csv', Buffer.from(csv(HEAD, body)), {});
    expect(first).toMatchObject({ imported: 20, updated: 0 });
    body[0][2] = '一种改名后的测试装置';
    const second = await importPatents(deps.db, SYSTEM_ACTOR, 'a.csv', Buffer.from(csv(HEAD, body)), {});
    expect(second).toMatchObject({ imported: 0, updated: 20 });
    const t = await query<{ title: string; holders: number }>(deps.db, `select title, (select count(*)::int from patent_holders h where h.patent_id = p.id) as holders from patents p where application_number = $1`, [body[0][0]]);
    expect(t[0]).toEqual({ title: '一种改名后的测试装置', holders: 2 });
  });

  it('reads GBK-encoded CSV with Chinese headers', async () => {
    const body = rows(3, 2015);
    const res = await importPatents(deps.db, SYSTEM_ACTOR, 'gbk.csv', iconv.encode(csv(HEAD, body), 'gbk'), {});
    expect(res.imported).toBe(3);
    const t = await query<{ title: string; ipc_codes: string[] }>(deps.db, `select title, ipc_codes from patents where application_number = $1`, [body[2][0]]);
    expect(t[0]).toEqual({ title: '一种测试装置2', ipc_codes: ['H01M4/525', 'G06N3/04'] });
  });

  it('rejects duplicate application numbers inside one file', async () => {
    const body = rows(3, 2014);
    body[2][0] = body[0][0];
    const err = (await importPatents(deps.db, SYSTEM_ACTOR, 'dup.csv', Buffer.from(csv(HEAD, body)), {}).catch((e: unknown) => e)) as AppError;
    expect((err.details as { rejected: { row: number; message: string }[] }).rejected[0]).toMatchObject({ row: 4 });
    expect((err.details as { rejected: { message: string }[] }).rejected[0].message).toContain('与第 2 行重复');
  });

  it('keeps a formula-looking cell as text', async () => {
    const body = rows(1, 2013);
    body[0][3] = '=HYPERLINK("http://x","点我")';
    await importPatents(deps.db, SYSTEM_ACTOR, 'f.csv', Buffer.from(csv(HEAD, body)), {});
    const t = await query<{ abstract: string }>(deps.db, `select abstract from patents where application_number = $1`, [body[0][0]]);
    expect(t[0].abstract).toBe('=HYPERLINK("http://x","点我")');
  });

  it('refuses an empty file and a non-xlsx file named .xlsx', async () => {
    await expect(importPatents(deps.db, SYSTEM_ACTOR, 'e.csv', Buffer.from(HEAD.join(',')), {})).rejects.toMatchObject({ code: 'IMPORT_REJECTED' });
    await expect(importPatents(deps.db, SYSTEM_ACTOR, 'x.xlsx', Buffer.from('not a zip'), {})).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA' });
  });
});
