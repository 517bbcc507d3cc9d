/**
 * The fuzz run: (1) importer: mutated real .xlsx/.csv files through readTable — only Chinese AppErrors or rows,
 * each case timed; (2) every JSON body route: random JSON (fast-check) sent as two roles — never a 5xx, never a stack
 * trace, never prototype pollution; (3) bombs: zip bomb (honest and lying headers) and XML entity bomb refused fast;
 * (4) export escapes formula cells. Memory is sampled after each phase.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { writeXlsx } from '../../src/lib/excel-export.ts';
import ExcelJS from 'exceljs';
import { routeTableOf } from '../../src/http/auth.ts';
import { createTestApp, createTestDeps } from '../test-db.ts';
import { TEST_PASSWORD, buildOrganisation, buildUser } from '../factories.ts';
import { entityBomb, mutate, mutation, seedFiles, tryRead, zipBomb, type Mutation } from './fuzz-lib.ts';

export type FuzzReport = {
  importerCases: number; importerUnexpected: string[]; importerMaxMs: number;
  jsonCases: number; json5xx: string[]; jsonStack: string[]; pollution: boolean;
  bombs: { name: string; refused: boolean; ms: number; message: string; rssGrowthMb: number }[];
  formulaEscaped: boolean; maxRssMb: number; seconds: number;
};

const rssMb = () => Math.round(process.memoryUsage().rss / 1048576);

export async function runFuzz(o: { runs: number; seed?: number; log?: (s: string) => void }): Promise<FuzzReport> {
  const log = o.log ?? (() => undefined);
  const t0 = Date.now();
  let maxRss = rssMb();
  const seed = o.seed ?? 4242;

  // 1. importer
  const seeds = await seedFiles();
  const importerUnexpected: string[] = [];
  let importerCases = 0, importerMaxMs = 0;
  for (const s of seeds) {
    await fc.assert(fc.asyncProperty(fc.array(mutation(s.buf.length), { minLength: 1, maxLength: 4 }), async (ms) => {
      let buf = s.buf;
      for (const m of ms) buf = mutate(buf, m as Mutation);
      const r = await tryRead(s.name, buf);
      importerCases++;
      importerMaxMs = Math.max(importerMaxMs, r.ms);
      if (r.unexpected && importerUnexpected.length < 20) importerUnexpected.push(`${s.name}: ${r.unexpected}`);
      if (r.ms > 2000 && importerUnexpected.length < 20) importerUnexpected.push(`${s.name}: slow ${Math.round(r.ms)} ms`);
      return true;
    }), { numRuns: Math.ceil(o.runs / 2), seed });
    maxRss = Math.max(maxRss, rssMb());
  }
  log(`importer: ${importerCases} mutated files, unexpected ${importerUnexpected.length}, slowest ${Math.round(importerMaxMs)} ms`);

  // 2. bombs
  const bombs: FuzzReport['bombs'] = [];
  for (const [name, buf] of [['zip bomb 1 GB (honest headers)', zipBomb(1024, false)], ['zip bomb 200 MB (lying headers)', zipBomb(200, true)], ['XML entity bomb', entityBomb()]] as const) {
    const before = rssMb();
    const r = await tryRead('bomb.xlsx', buf);
    const growth = rssMb() - before;
    maxRss = Math.max(maxRss, rssMb());
    bombs.push({ name: `${name}, ${Math.round(buf.length / 1024)} KB`, refused: !r.ok && !r.unexpected, ms: Math.round(r.ms), message: r.error ?? r.unexpected ?? `读取了 ${r.rows} 行`, rssGrowthMb: growth });
    log(`${name}: ${r.ok ? 'accepted' : 'refused'} in ${Math.round(r.ms)} ms (${r.error ?? r.unexpected ?? ''}), RSS +${growth} MB`);
  }

  // 3. JSON bodies
  const deps = await createTestDeps();
  let app: FastifyInstance | undefined;
  const json5xx: string[] = [], jsonStack: string[] = [];
  let jsonCases = 0;
  try {
    app = await createTestApp(deps);
    const org = await buildOrganisation(deps.db);
    await buildUser(deps.db, { role: 'platform_admin', username: 'fz-admin' });
    await buildUser(deps.db, { role: 'org_admin', orgId: org.id, username: 'fz-org' });
    const heads: Record<string, string>[] = [];
    let ip = 1;
    for (const u of ['fz-admin', 'fz-org']) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u, password: TEST_PASSWORD }, remoteAddress: `127.2.0.${ip++}` });
      heads.push({ cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken });
    }
    const routes = routeTableOf(app).filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && !['auth.logout', 'auth.login'].includes(r.action) && !r.url.includes('/imports/'));
    const nasty = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.dictionary(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'orgId', 'role', 'state', 'amountFen', 'patentIds', 'title', 'name'), fc.string({ maxLength: 12 })),
        fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(-1, 0, 2 ** 53, 1e308, '', 'x'.repeat(5000), "'; drop table users; --", '=cmd|calc', '\u0000', '2025-02-30')), { maxKeys: 8 }),
    );
    await fc.assert(fc.asyncProperty(fc.nat({ max: routes.length - 1 }), fc.nat({ max: 1 }), nasty, fc.boolean(), async (ri, hi, body, raw) => {
      const r = routes[ri]!;
      const url = r.url.replace(/:[A-Za-z]+/g, String(1 + (ri % 3)));
      const payload = raw ? `{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"x":${JSON.stringify(body)}}` : JSON.stringify(body);
      const res = await app!.inject({ method: r.method as 'POST', url, headers: { ...heads[hi]!, 'content-type': 'application/json' }, payload });
      jsonCases++;
      if (res.statusCode >= 500 && json5xx.length < 20) json5xx.push(`${r.method} ${r.url} → ${res.statusCode} ${res.body.slice(0, 150)}`);
      if (/\bat .+\.(ts|js):\d+|SELECT |INSERT INTO|syntax error/i.test(res.body) && jsonStack.length < 20) jsonStack.push(`${r.method} ${r.url}: ${res.body.slice(0, 150)}`);
      return true;
    }), { numRuns: o.runs, seed });
    maxRss = Math.max(maxRss, rssMb());
  } finally {
    await app?.close();
    await deps.cleanup();
  }
  const pollution = ({} as Record<string, unknown>).polluted !== undefined;
  log(`JSON bodies: ${jsonCases} requests, 5xx ${json5xx.length}, stack/SQL in body ${jsonStack.length}, prototype polluted: ${pollution}`);

  // 4. formula injection on export
  const out = await writeXlsx([{ name: 's', columns: [{ header: 'v', key: 'v' }], rows: [{ v: '=HYPERLINK("http://evil","x")' }, { v: '+1+1' }, { v: '@SUM(A1)' }, { v: 42 }] }]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(out as unknown as ArrayBuffer);
  const vals = (wb.worksheets[0]!.getColumn(1).values as unknown[]).slice(2);
  const formulaEscaped = vals[0] === `'=HYPERLINK("http://evil","x")` && vals[1] === "'+1+1" && vals[2] === "'@SUM(A1)" && vals[3] === 42;
  log(`formula injection neutralised on export: ${formulaEscaped}`);

  return { importerCases, importerUnexpected, importerMaxMs: Math.round(importerMaxMs), jsonCases, json5xx, jsonStack, pollution, bombs, formulaEscaped, maxRssMb: maxRss, seconds: Math.round((Date.now() - t0) / 1000) };
}
