/**
 * The cube follows ledger changes year by year: after any sequence of inserts, edits and deletes of deals, parties,
 * patents and payments, the years recomputed from the records must leave the cube exactly as a full rebuild would.
 * Generated ledger (labelled generated), deterministic seed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps, type TestDeps } from '../../../test/test-db.ts';
import { buildOrganisation, buildPatent } from '../../../test/factories.ts';
import { query, type Queryable } from '../../db/client.ts';
import { rng } from '../demo/demo.data.ts';
import { configureCube, refreshCube } from './plan-kpi.engine.ts';
import { ensurePresets, evaluatePlan } from './plan-kpi.service.ts';

let deps: TestDeps;
let patentIds: number[] = [];
type Org = { id: number; type: string; size: string | null; region: string };
let outOrgs: Org[] = [];
let inOrgs: Org[] = [];

beforeAll(async () => {
  deps = await createTestDeps();
  const mk = async (name: string, type: 'university' | 'soe' | 'private_enterprise' | 'research_institute', size: 'small' | 'large' | 'medium' | null, region: string) => {
    const o = await buildOrganisation(deps.db, { name, type, sizeClass: size, regionCode: region });
    return { id: o.id, type, size, region };
  };
  outOrgs = [await mk('立方大学', 'university', null, '510104'), await mk('立方研究院', 'research_institute', null, '510107'), await mk('立方集团', 'soe', 'large', '510105')];
  inOrgs = [await mk('立方小企业甲', 'private_enterprise', 'small', '510104'), await mk('立方中企业乙', 'private_enterprise', 'medium', '510106'),
    await mk('立方大企业丙', 'private_enterprise', 'large', '510107'), await mk('立方国企丁', 'soe', 'small', '510105')];
  for (let i = 0; i < 6; i++) patentIds.push((await buildPatent(deps.db, { regionCode: '510104' })).id);
});
afterAll(async () => { await deps?.cleanup(); });

const snapshot = async (db: Queryable) =>
  (await query<{ r: string }>(db, `select indicator || '|' || region_code || '|' || year || '|' || (value::numeric)::text as r from kpi_cube order by 1`)).map((x) => x.r);

describe('incremental cube', () => {
  it('recomputing only the touched years equals a full rebuild after every step of a random ledger history', async () => {
    const db = deps.db;
    await refreshCube(db);
    const rand = rng(11);
    const pick = <T,>(a: readonly T[]) => a[Math.floor(rand() * a.length)]!;
    const date = () => `${2019 + Math.floor(rand() * 6)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    const dealIds = async () => (await query<{ id: number }>(db, `select id::int as id from deals order by id`)).map((r) => r.id);
    const kinds: Record<string, number> = {};
    let yearsRefreshes = 0;
    for (let step = 0; step < 150; step++) {
      const ids = await dealIds();
      const op = ids.length < 5 ? 'insert' : pick(['insert', 'insert', 'move', 'state', 'pay', 'repay', 'unpay', 'party', 'unpatent', 'delete']);
      kinds[op] = (kinds[op] ?? 0) + 1;
      if (op === 'insert') {
        const kind = pick(['transfer', 'licence', 'equity']);
        const d = (await query<{ id: number }>(db, `insert into deals (kind, licence_kind, title, state, contract_date, contract_amount_fen, source, note)
          values ($1, $2, $3, $4, $5, $6, 'import', 'generated') returning id::int as id`,
        [kind, kind === 'licence' ? 'ordinary' : null, `立方生成交易 ${step}（生成数据）`, pick(['draft', 'signed', 'registered', 'completed']), rand() < 0.1 ? null : date(), Math.floor(rand() * 100) * 10_000]))[0]!.id;
        const o = pick(outOrgs), i1 = pick(inOrgs), i2 = pick(inOrgs);
        await query(db, `insert into deal_parties (deal_id, side, role, name, org_id, org_type, size_class, region_code) values
          ($1, 'out', 'assignor', 'o', $2, $3, $4, $5), ($1, 'in', 'assignee', 'i', $6, $7, $8, $9)`, [d, o.id, o.type, o.size, o.region, i1.id, i1.type, i1.size, i1.region]);
        if (rand() < 0.3 && i2.id !== i1.id) await query(db, `insert into deal_parties (deal_id, side, role, name, org_id, org_type, size_class, region_code) values ($1, 'in', 'assignee', 'i2', $2, $3, $4, $5)`, [d, i2.id, i2.type, i2.size, i2.region]);
        const n = 1 + Math.floor(rand() * 3);
        await query(db, `insert into deal_patents (deal_id, patent_id) select $1, unnest($2::bigint[])`, [d, patentIds.slice(0, n)]);
        if (rand() < 0.5) await query(db, `insert into deal_payments (deal_id, received_date, amount_fen) values ($1, $2, $3)`, [d, date(), 1 + Math.floor(rand() * 1e6)]);
      } else if (op === 'move') {
        await query(db, `update deals set contract_date = $2 where id = $1`, [pick(ids), date()]);
      } else if (op === 'state') {
        await query(db, `update deals set state = $2 where id = $1`, [pick(ids), pick(['draft', 'signed', 'terminated'])]);
      } else if (op === 'pay') {
        await query(db, `insert into deal_payments (deal_id, received_date, amount_fen) values ($1, $2, $3)`, [pick(ids), date(), 1 + Math.floor(rand() * 1e6)]);
      } else if (op === 'repay') {
        await query(db, `update deal_payments set received_date = $1, amount_fen = amount_fen + 1 where id = (select min(id) from deal_payments)`, [date()]);
      } else if (op === 'unpay') {
        await query(db, `delete from deal_payments where id = (select max(id) from deal_payments)`);
      } else if (op === 'party') {
        const i = pick(inOrgs);
        await query(db, `update deal_parties set org_id = $2, org_type = $3, size_class = $4, region_code = $5 where id = (select min(id) from deal_parties where deal_id = $1 and side = 'in')`,
          [pick(ids), i.id, i.type, i.size, i.region]);
      } else if (op === 'unpatent') {
        await query(db, `delete from deal_patents where (deal_id, patent_id) = (select deal_id, patent_id from deal_patents where deal_id = $1 limit 1)`, [pick(ids)]);
      } else {
        await query(db, `delete from deals where id = $1`, [pick(ids)]);
      }
      if (step % 3 === 2) {
        const r = await refreshCube(db);
        expect(r.kind).not.toBe("full"); // ledger changes never need the whole cube
        if (r.kind === 'years') yearsRefreshes++;
        const incremental = await snapshot(db);
        await query(db, `update kpi_cube_state set dirty = true where id = 1`);
        expect((await refreshCube(db)).kind).toBe('full');
        expect({ step, incremental }).toEqual({ step, incremental: await snapshot(db) });
      }
    }
    expect(yearsRefreshes).toBeGreaterThan(30);
    expect((await snapshot(db)).length).toBeGreaterThan(20); // the cube is not trivially empty
    expect(Object.keys(kinds).length).toBe(9); // every kind of change was tried
  });

  it('an organisation edit that no indicator reads leaves the cube as it is; a region move rebuilds it', async () => {
    await refreshCube(deps.db);
    await query(deps.db, `update organisations set contact_name = '新联系人' where id = $1`, [inOrgs[0]!.id]);
    expect((await refreshCube(deps.db)).kind).toBe('none');
    await query(deps.db, `update organisations set region_code = '510106' where id = $1`, [inOrgs[0]!.id]);
    expect((await refreshCube(deps.db)).kind).toBe('full');
  });

  it('with KPI_MAX_STALE_SECONDS set, a read soon after a refresh is answered from the cube and says it is stale', async () => {
    const db = deps.db;
    await ensurePresets(db);
    await refreshCube(db);
    configureCube(db, { maxStaleMs: 60_000 });
    try {
      await query(db, `update deals set contract_amount_fen = contract_amount_fen + 100 where id = (select min(id) from deals where state <> 'draft')`);
      expect(await refreshCube(db)).toMatchObject({ kind: 'skipped', stale: true });
      expect((await evaluatePlan(db, 'sichuan-2021-conversion', { asOf: '2024-12-31' })).stale).toBe(true);
    } finally {
      configureCube(db, { maxStaleMs: 0 });
    }
    expect(await refreshCube(db)).toMatchObject({ kind: 'years', stale: false });
    expect((await evaluatePlan(db, 'sichuan-2021-conversion', { asOf: '2024-12-31' })).stale).toBe(false);
  });
});
