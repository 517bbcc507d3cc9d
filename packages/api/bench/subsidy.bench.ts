/**
 * `npx tsx packages/api/bench/subsidy.bench.ts [--apps 200]`: run N applications through the whole subsidy workflow
 * over HTTP (app.inject) on a fresh in-memory database — check, submit, accept, first and second review, public
 * notice, approval, payment — and print per-step latency (p50/p95/max, ms), the budget figures and the RSS.
 * Sizes are small on purpose (2 shared cores).
 */
import { performance } from 'node:perf_hooks';
import type { InjectOptions } from 'fastify';
import { createTestApp, createTestDeps } from '../test/test-db.ts';
import { buildOrganisation, buildUser, login } from '../test/factories.ts';
import { query, queryOne } from '../src/db/client.ts';
import { todayCn } from '../src/modules/pledge/pledge.common.ts';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const N = arg('apps', 200);
const year = Number(todayCn().slice(0, 4));

const deps = await createTestDeps({ ZHUANHUA_DEMO: 'true' });
const app = await createTestApp(deps);
const office = await buildOrganisation(deps.db, { name: '许昌市知识产权局（基准）', type: 'government', sizeClass: null, regionCode: '411000' });
const bank = await buildOrganisation(deps.db, { name: '基准银行', type: 'bank', sizeClass: 'large', regionCode: '411002' });
await buildUser(deps.db, { role: 'platform_admin', orgId: office.id, username: 'b-rev1' });
await buildUser(deps.db, { role: 'platform_admin', orgId: office.id, username: 'b-rev2' });
await buildUser(deps.db, { role: 'platform_admin', orgId: office.id, username: 'b-clerk' });
const rev1 = await login(app, 'b-rev1');
const rev2 = await login(app, 'b-rev2');
const clerk = await login(app, 'b-clerk'); // window submissions on behalf of the enterprises (one login; logins are rate limited)
await app.inject({ method: 'POST', url: '/api/v1/subsidy/policies/presets', headers: rev1, payload: { year } });
const policyId = (await queryOne<{ id: number }>(deps.db, `select id from subsidy_policies where code = $1`, [`xc-pledge-cost-${year}`]))!.id;
// a budget large enough for N loans
const p = (await app.inject({ url: `/api/v1/subsidy/policies/${policyId}` })).json() as { terms: Record<string, unknown>; today: string };
await app.inject({ method: 'POST', url: `/api/v1/subsidy/policies/${policyId}/versions`, headers: rev1, payload: { effectiveFrom: p.today, terms: { ...p.terms, budgetFen: N * 10_000_000 } } });

const repaidOn = todayCn() < `${year}-01-11` ? `${year}-01-01` : `${year}-01-10`;
const smes: { orgId: number; pledgeId: number }[] = [];
for (let i = 0; i < N; i++) {
  const org = await buildOrganisation(deps.db, { name: `基准企业${i}`, type: 'private_enterprise', sizeClass: 'small', regionCode: '411002' });
  const pl = await queryOne<{ id: number }>(deps.db, `insert into pledges (state, pledgor_org_id, pledgee_org_id, loan_amount_fen, valuation_fee_fen, premium_fen) values ('released', $1, $2, 100000000, 300000, 1000000) returning id`, [org.id, bank.id]);
  await query(deps.db, `insert into pledge_repayments (pledge_id, repaid_date, principal_fen, interest_fen) values ($1, $2, 100000000, 4000000)`, [pl!.id, repaidOn]);
  smes.push({ orgId: org.id, pledgeId: pl!.id });
}

const times: Record<string, number[]> = {};
async function timed(step: string, req: InjectOptions, ok = 200): Promise<unknown> {
  const t = performance.now();
  const r = await app.inject(req);
  (times[step] ??= []).push(performance.now() - t);
  if (r.statusCode !== ok) throw new Error(`${step}: ${r.statusCode} ${r.body}`);
  return String(r.headers['content-type'] ?? '').includes('json') ? r.json() : r.rawPayload.length;
}

const t0 = performance.now();
const ids: number[] = [];
for (const s of smes) {
  const body = { policyId, recordId: s.pledgeId, applicantOrgId: s.orgId };
  await timed('check', { method: 'POST', url: '/api/v1/subsidy/check', headers: clerk, payload: body });
  const a = await timed('submit', { method: 'POST', url: '/api/v1/subsidy/applications', headers: clerk, payload: body }, 201) as { id: number };
  ids.push(a.id);
}
const review = (h: Record<string, string>, id: number, action: string) => timed(action, { method: 'POST', url: `/api/v1/subsidy/applications/${id}/review`, headers: h, payload: { action } });
for (const id of ids) {
  await review(rev1, id, 'accept');
  await review(rev1, id, 'first_review');
  await review(rev2, id, 'second_review');
  await review(rev1, id, 'start_notice');
}
await app.inject({ method: 'POST', url: '/api/v1/subsidy/demo-clock', headers: rev1, payload: { advanceDays: 8 } });
const today = ((await app.inject({ url: '/api/v1/subsidy/today' })).json() as { today: string }).today;
for (const id of ids) {
  await review(rev2, id, 'approve');
  await timed('pay', { method: 'POST', url: `/api/v1/subsidy/applications/${id}/pay`, headers: rev1, payload: { date: today, reference: `B-${id}` } });
}
await timed('list-queue', { url: '/api/v1/subsidy/applications?queue=true&pageSize=50', headers: rev1 });
await timed('budget', { url: `/api/v1/subsidy/budget?year=${year}`, headers: rev1 });
await timed('export', { url: `/api/v1/subsidy/export/approved?year=${year}`, headers: rev1 });
const totalMs = performance.now() - t0;

const pct = (xs: number[], q: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };
const budget = (await app.inject({ url: `/api/v1/subsidy/budget?year=${year}`, headers: rev1 })).json() as { items: { policyId: number; paidFen: number; committedFen: number }[] };
const line = budget.items.find((i) => i.policyId === policyId)!;
console.log(JSON.stringify({
  apps: N, totalSeconds: Math.round(totalMs / 100) / 10, database: deps.handle.kind,
  stepsMs: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, { n: v.length, p50: Math.round(pct(v, 0.5) * 10) / 10, p95: Math.round(pct(v, 0.95) * 10) / 10, max: Math.round(Math.max(...v) * 10) / 10 }])),
  paidFen: line.paidFen, expectedPaidFen: N * 4_300_000, committedFen: line.committedFen,
  rssMb: Math.round(process.memoryUsage().rss / 1e6),
}, null, 2));
await app.close();
await deps.cleanup();
