// tsx packages/api/bench/service-import.bench.ts [--rows N]: import N service records (家次) from CSV into an
// in-memory database (50 agencies/enterprises), then count 家次 for a year; reports time and peak memory.
import { openDb, query } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { loadReference } from '../src/modules/reference/reference.repo.ts';
import { insertOrganisation } from '../src/modules/organisation/organisation.repo.ts';
import { SYSTEM_ACTOR } from '../src/http/actor.ts';
import { importServices } from '../src/modules/registry/registry.import.ts';

const rowsArg = process.argv.indexOf('--rows');
const N = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 10_000;
let peak = 0;
const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;

const handle = await openDb({});
await migrate(handle.db);
await handle.db.transaction().execute((tx) => loadReference(tx));
for (let i = 0; i < 10; i++) await insertOrganisation(handle.db, { name: `合成服务机构${i}`, type: 'service_agency', sizeClass: 'small', regionCode: '510104' });
for (let i = 0; i < 40; i++) await insertOrganisation(handle.db, { name: `合成企业${i}`, type: 'private_enterprise', sizeClass: 'small', regionCode: '510104' });
const types = ['咨询', '专利导航', '评估', '托管', '交易谈判'];
const lines = ['服务机构,服务对象,服务日期,服务类型,服务内容'];
for (let i = 0; i < N; i++) {
  const d = new Date(Date.UTC(2024, 0, 1) + (i % 700) * 86_400_000).toISOString().slice(0, 10);
  lines.push(`合成服务机构${i % 10},合成企业${(i * 7) % 40},${d},${types[i % 5]},生成数据：第 ${i} 次服务`);
}
const buf = Buffer.from(lines.join('\n'));
const t0 = performance.now();
const res = await importServices(handle.db, SYSTEM_ACTOR, 'services.csv', buf, false);
const t1 = performance.now();
const visits = await query<{ v: number }>(handle.db, `select count(distinct (agency_org_id, enterprise_org_id, service_date))::int as v from service_records where service_date between '2024-01-01' and '2024-12-31'`);
const t2 = performance.now();
clearInterval(sampler);
console.log(JSON.stringify({
  rows: N, imported: res.imported, rejected: res.rejectedCount, importSeconds: +((t1 - t0) / 1000).toFixed(2), rowsPerSecond: Math.round(N / ((t1 - t0) / 1000)),
  visits2024: visits[0]!.v, countMs: +(t2 - t1).toFixed(1), peakRss: mb(peak),
}));
await handle.close();
