/**
 * The engine follows changes by polling a watermark. Rows written in one statement share one updated_at to the
 * microsecond; the watermark must keep that precision and page by (updated_at, id), or every poll re-reads them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps, type TestDeps } from '../../../test/test-db.ts';
import { query } from '../../db/client.ts';
import { SearchEngine } from './search.engine.ts';

let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps();
  await query(deps.db, `insert into patents (application_number, type, title, legal_status, source, generated_fields)
    select 'GEN' || lpad(g::text, 9, '0'), 'invention', '一种水印测试装置（生成数据 ' || g || '）', 'in_force', 'generated', array['title']
      from generate_series(1, 6000) g`);
});
afterAll(async () => { await deps?.cleanup(); });

describe('search engine change polling', () => {
  it('reads each change once: nothing after the build, then only the changed rows', async () => {
    const engine = new SearchEngine(deps.db, undefined, { pollMs: 0 });
    await engine.build();
    expect(engine.status.patents).toBe(6000);
    await engine.poll();
    await engine.poll();
    expect(engine.polledPatents).toBe(0);
    await query(deps.db, `update patents set title = '一种水印变更后的装置', updated_at = now() + interval '1 second' where application_number in ('GEN000000007', 'GEN000000008')`);
    await engine.poll();
    expect(engine.polledPatents).toBe(2);
    expect(engine.patents.search('变更').total).toBe(2);
    await engine.poll();
    expect(engine.polledPatents).toBe(2);
    engine.close();
  });

  it('pages through more changed rows than one poll reads, all with the same time, without skipping any', async () => {
    const engine = new SearchEngine(deps.db, undefined, { pollMs: 0 });
    await engine.build();
    await query(deps.db, `update patents set title = title || ' 批量变更', updated_at = now() + interval '2 seconds'`); // 6,000 rows, one updated_at
    for (let i = 0; i < 3; i++) await engine.poll(); // 5,000 per poll
    expect(engine.polledPatents).toBe(6000);
    expect(engine.patents.search('批量').total).toBe(6000);
    engine.close();
  });
});
