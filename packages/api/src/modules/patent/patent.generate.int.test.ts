import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../db/client.ts';
import { createTestDeps, type TestDeps } from '../../../test/test-db.ts';
import { generatePatents } from './patent.generate.ts';
import { validateApplicationNumber } from '@zhuanhua/domain/patent/patent-number.ts';

let deps: TestDeps;
beforeAll(async () => { deps = await createTestDeps(); });
afterAll(async () => { await deps?.cleanup(); });

describe('synthetic patent generator', () => {
  it('makes valid, unique, clearly labelled patents with holders, and can run twice', async () => {
    await generatePatents(deps.db, 300, { seed: 1, holders: 12 });
    await generatePatents(deps.db, 200, { seed: 2, holders: 12 });
    const rows = await query<{ application_number: string; source: string; generated_fields: string[]; holders: number }>(deps.db,
      `select application_number, source, generated_fields, (select count(*)::int from patent_holders h where h.patent_id = p.id) as holders from patents p`);
    expect(rows).toHaveLength(500);
    expect(new Set(rows.map((r) => r.application_number)).size).toBe(500);
    for (const r of rows) {
      expect(validateApplicationNumber(r.application_number).ok).toBe(true);
      expect(r.source).toBe('generated');
      expect(r.generated_fields).toEqual(['*']);
      expect(r.holders).toBe(1);
    }
    const orgs = await query<{ n: number }>(deps.db, `select count(*)::int as n from organisations where name like '合成%（生成数据）' and is_demo`);
    expect(orgs[0].n).toBe(24);
  });
});
