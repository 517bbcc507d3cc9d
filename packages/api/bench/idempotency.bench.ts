/**
 * `npx tsx packages/api/bench/idempotency.bench.ts [--trials 100] [--concurrency 50] [--import-rows 1000]`
 * (TEST_DATABASE_URL=postgres://… to run on PostgreSQL instead of PGlite in memory):
 * 1. N trials of C concurrent identical "record payment" requests sharing one Idempotency-Key → expect exactly one
 *    payment per trial, every answer 201 with the same payment id; then the same key with another amount → 409.
 * 2. Money exactness: the SQL sum of the payments equals the BigInt sum of what was sent.
 * 3. Historical deals import of R rows (all-or-nothing, one transaction): time and memory.
 */
import { createTestApp, createTestDeps } from '../test/test-db.ts';
import { buildOrganisation, buildPatent, buildUser, login } from '../test/factories.ts';
import { query } from '../src/db/client.ts';
import { SYSTEM_ACTOR } from '../src/http/actor.ts';
import { importDeals } from '../src/modules/deal/deal.import.ts';

const arg = (name: string, d: number) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : d; };
const TRIALS = arg('trials', 100), C = arg('concurrency', 50), ROWS = arg('import-rows', 1000);

const deps = await createTestDeps();
const app = await createTestApp(deps);
try {
  const univ = await buildOrganisation(deps.db, { name: '基准测试大学', type: 'university', sizeClass: null });
  const sme = await buildOrganisation(deps.db, { name: '基准测试企业', type: 'private_enterprise', sizeClass: 'small' });
  await buildUser(deps.db, { role: 'org_admin', orgId: univ.id, username: 'bench-univ' });
  const patent = await buildPatent(deps.db, { title: '基准测试专利', holders: ['基准测试大学'] });
  const h = await login(app, 'bench-univ');
  const post = (url: string, payload: unknown, key?: string) => app.inject({ method: 'POST', url, headers: { ...h, ...(key ? { 'idempotency-key': key } : {}) }, payload: payload as Record<string, unknown> });
  const d = await post('/api/v1/deals', { kind: 'transfer', title: '基准交易', contractDate: '2024-01-01', contractAmountFen: 9_000_000_000_000, patentIds: [patent.id], parties: [{ side: 'out', orgId: univ.id }, { side: 'in', orgId: sme.id }] });
  const dealId = (d.json() as { id: number }).id;
  await post(`/api/v1/deals/${dealId}/transitions`, { to: 'signed', date: '2024-01-01' });

  let ok = 0, bad = 0, reuseRefused = 0, sent = 0n;
  const t0 = Date.now();
  for (let t = 0; t < TRIALS; t++) {
    const amount = 1 + Math.floor(Math.random() * 1e9);
    const key = `bench-${t}`;
    const res = await Promise.all(Array.from({ length: C }, () => post(`/api/v1/deals/${dealId}/payments`, { receivedDate: '2024-02-01', amountFen: amount }, key)));
    const ids = new Set(res.map((r) => (r.json() as { id: number }).id));
    const rows = await query<{ n: number }>(deps.db, `select count(*)::int as n from deal_payments where idempotency_key = $1`, [key]);
    if (res.every((r) => r.statusCode === 201) && ids.size === 1 && rows[0].n === 1) ok++; else bad++;
    sent += BigInt(amount);
    const reuse = await post(`/api/v1/deals/${dealId}/payments`, { receivedDate: '2024-02-01', amountFen: amount + 1 }, key);
    if (reuse.statusCode === 409) reuseRefused++;
  }
  const ms = Date.now() - t0;
  const sum = await query<{ s: string | number }>(deps.db, `select coalesce(sum(amount_fen), 0)::text as s from deal_payments where deal_id = $1`, [dealId]);

  // import
  const header = '合同名称,交易类型,许可类型,专利申请号,出让方名称,出让方类型,受让方名称,受让方类型,受让方规模,合同签订日期,合同金额（万元）,实际到账金额（万元）,到账日期,状态';
  const lines = [header];
  for (let i = 0; i < ROWS; i++) lines.push(`基准许可${i},许可,普通许可,${patent.application_number},基准测试大学,高校,企业${i},民营企业,小型,2023-0${1 + (i % 9)}-01,${(i % 100) + 0.123456},0.1,2023-10-01,已签订`);
  const m0 = process.memoryUsage().rss;
  const ti = Date.now();
  const imp = await importDeals(deps.db, SYSTEM_ACTOR, 'bench.csv', Buffer.from(lines.join('\n')), { today: '2026-01-01' });
  const importMs = Date.now() - ti;
  console.log(JSON.stringify({
    database: deps.handle.kind, trials: TRIALS, concurrency: C, trialsWithExactlyOneEffect: ok, trialsWithProblems: bad, keyReuseRefused409: reuseRefused,
    paymentRequestsPerSecond: Math.round((TRIALS * (C + 1)) / (ms / 1000)), sqlSumEqualsBigIntSum: String(sum[0].s) === sent.toString(),
    importRows: ROWS, imported: imp.imported, importMs, importRowsPerSecond: Math.round(ROWS / (importMs / 1000)), importRssGrowthMB: Math.round((process.memoryUsage().rss - m0) / 1e6),
  }, null, 2));
  process.exitCode = bad === 0 && reuseRefused === TRIALS ? 0 : 1;
} finally {
  await app.close();
  await deps.cleanup();
}
