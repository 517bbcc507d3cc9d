import { checkCharacter } from '@zhuanhua/domain/patent/patent-number.ts';
import { addDays, addYears } from '@zhuanhua/domain';
import { query, type Queryable } from '../../db/client.ts';
import { bulkInsert } from '../../lib/bulk.ts';
import type { Progress } from '../../jobs/jobs.ts';
import { readDemoTitles } from '../demo/demo.patents.ts';
import { rng } from '../demo/demo.data.ts';
import { pgArrayLiteral } from './patent.write.ts';

/**
 * Synthetic portfolios for benchmarks: clearly labelled (source = 'generated', holders named 合成…),
 * built from the real demo titles and IPC codes as material. Application numbers use serials
 * 9,000,000+ so they never collide with the demo's. Deterministic for a given seed.
 */
export async function generatePatents(db: Queryable, n: number, opts: { seed?: number; holders?: number; districts?: number } = {}, progress: Progress = () => undefined): Promise<{ patents: number; organisations: number }> {
  const r = rng(opts.seed ?? 42);
  const titles = readDemoTitles();
  const counties = await query<{ code: string }>(db, `select code from ref_region where level = 'county' and code like '51%' order by code limit $1`, [opts.districts ?? 100]);
  const holderCount = opts.holders ?? Math.max(20, Math.min(2000, Math.round(n / 500)));
  const base = (await query<{ n: number }>(db, `select count(*)::int as n from organisations where name like '合成%'`))[0].n;
  const orgRows: unknown[][] = [];
  const types = ['university', 'university', 'research_institute', 'soe', 'private_enterprise', 'private_enterprise'];
  const sizes: Record<string, string | null> = { university: null, research_institute: null, soe: 'large', private_enterprise: 'small' };
  for (let i = 0; i < holderCount; i++) {
    const type = types[i % types.length];
    const label = { university: '大学', research_institute: '研究院', soe: '集团有限公司', private_enterprise: '科技有限公司' }[type];
    orgRows.push([`合成${label}${String(base + i + 1).padStart(5, '0')}（生成数据）`, type, sizes[type], counties[i % counties.length].code]);
  }
  await bulkInsert(db, 'organisations', ['name', 'type', 'size_class', 'region_code'], ['text[]', 'text[]', 'text[]', 'text[]'], orgRows);
  await query(db, `update organisations set is_demo = true, generated_fields = '{*}' where name like '合成%' and not is_demo`);
  const orgs = await query<{ id: number; name: string; region_code: string }>(db, `select id, name, region_code from organisations where name like '合成%' order by id desc limit $1`, [holderCount]);
  const start = (await query<{ n: number }>(db, `select count(*)::int as n from patents where source = 'generated'`))[0].n;
  const BATCH = 5000;
  for (let off = 0; off < n; off += BATCH) {
    const rows: unknown[][] = [];
    const holderOf: number[] = [];
    for (let j = off; j < Math.min(n, off + BATCH); j++) {
      const k = start + j;
      const t = titles[Math.floor(r() * titles.length)];
      const year = 2004 + (k % 20);
      const rest = Math.floor(k / 20); // (year, type, serial) is a bijection of k: unique for k < 40,000,000
      const typeDigit = rest % 2 === 1 ? '2' : '1';
      const body = `${year}${typeDigit}${String(9_000_000 + Math.floor(rest / 2)).padStart(7, '0')}`;
      const filing = addDays(`${year}-01-01`, Math.floor(r() * 360));
      const grantedP = r();
      const grant = grantedP < 0.7 ? addDays(filing, typeDigit === '1' ? 600 + Math.floor(r() * 900) : 200 + Math.floor(r() * 200)) : null;
      const lapsed = grant ? r() < 0.2 : r() < 0.1;
      const status = grant ? (lapsed ? 'lapsed' : 'in_force') : (lapsed ? 'lapsed' : 'pending');
      let paid: string | null = null;
      if (status === 'in_force') { paid = filing; while (paid <= '2026-01-01') paid = addYears(paid, 1); paid = addDays(paid, -1); }
      const org = orgs[Math.floor(r() * orgs.length)];
      holderOf.push(orgs.indexOf(org));
      rows.push([`${body}.${checkCharacter(body)}`, typeDigit === '1' ? 'invention' : 'utility_model', t.title, Math.floor(r() * 20) + 1, t.ipcSubclasses[0] ?? null,
        pgArrayLiteral(t.ipcSubclasses), filing, grant, status, lapsed ? 'FEE_UNPAID' : null, paid, Math.floor(r() * r() * 30), org.region_code, 'generated', pgArrayLiteral(['*']),
        pgArrayLiteral(r() < 0.03 ? ['US' + String(10_000_000 + k)] : [])]);
    }
    const ids = await query<{ id: number }>(db,
      `insert into patents (application_number, type, title, claims_count, ipc_main, ipc_codes, filing_date, grant_date, legal_status, lapse_reason, fee_paid_through, citations_count, region_code, source, generated_fields, overseas_family)
       select a, b, c, d, e, f::text[], g, h, i, j, k, l, m, n, o::text[], p::text[]
         from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::date[], $8::date[], $9::text[], $10::text[], $11::date[], $12::int[], $13::text[], $14::text[], $15::text[], $16::text[])
              as u(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p)
       returning id`, rows[0].map((_, c) => rows.map((row) => row[c])));
    await query(db, `insert into patent_holders (patent_id, seq, name, org_id) select u.p, 1, o.name, o.id from unnest($1::bigint[], $2::bigint[]) as u(p, oid) join organisations o on o.id = u.oid`,
      [ids.map((x) => x.id), holderOf.map((i) => orgs[i].id)]);
    progress(Math.min(n, off + BATCH), n, '生成专利');
  }
  return { patents: n, organisations: holderCount };
}
