import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps, type TestDeps } from '../../../test/test-db.ts';
import { seedTrunkDemo } from '../demo/demo.seed.ts';
import { query } from '../../db/client.ts';
import { seedRegistryDemo } from './registry.demo.ts';
import { seedPledgeDemo } from '../pledge/pledge.demo.ts';

let deps: TestDeps;
beforeAll(async () => { deps = await createTestDeps(); await seedTrunkDemo(deps); });
afterAll(async () => { await deps?.cleanup(); });

describe('demo data of pledge, product filing, events and registries', () => {
  it('seeds one registered and disbursed pledge, a filed product, registries, services and a held event', async () => {
    await seedPledgeDemo(deps);
    await seedRegistryDemo(deps);
    const n = async (sql: string) => (await query<{ n: number }>(deps.db, sql))[0]!.n;
    expect(await n(`select count(*)::int as n from pledges where state = 'disbursed'`)).toBe(1);
    expect(await n(`select count(*)::int as n from patent_uses where kind = 'pledge'`)).toBe(2);
    expect(await n(`select count(*)::int as n from product_filings where state = 'filed'`)).toBe(1);
    expect(await n(`select count(*)::int as n from registry_entries`)).toBe(9);
    expect(await n(`select count(*)::int as n from registry_entries where kind = 'typical_case' and state = 'published'`)).toBe(1);
    expect(await n(`select count(*)::int as n from service_records`)).toBe(3);
    expect(await n(`select count(*)::int as n from events where state = 'held'`)).toBe(1);
    expect(await n(`select count(*)::int as n from event_outcomes o join deals d on d.id = o.deal_id where d.source = 'event'`)).toBe(1);
  });
});
