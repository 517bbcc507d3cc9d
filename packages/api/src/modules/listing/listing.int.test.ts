import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, createTestDeps, type TestDeps } from '../../../test/test-db.ts';
import { engineFor } from '../search/search.engine.ts';
import { insertListings, readDemoListings } from './listing.repo.ts';

let deps: TestDeps;
let app: FastifyInstance;
beforeAll(async () => {
  deps = await createTestDeps();
  await insertListings(deps.db, readDemoListings(), 'demo');
  app = await createTestApp(deps);
  await engineFor(deps).ready();
});
afterAll(async () => { engineFor(deps).close(); await app?.close(); await deps?.cleanup(); });

describe('technology listings in search', () => {
  it('finds a real listing by a word of its name, with a highlighted title', async () => {
    const all = readDemoListings();
    expect(all).toHaveLength(104);
    const target = all[0];
    const word = target.name.replace(/[^\u4e00-\u9fa5]/g, '').slice(0, 4);
    const r = await app.inject({ url: `/api/v1/search?kind=listing&q=${encodeURIComponent(word)}` });
    expect(r.statusCode).toBe(200);
    const body = r.json() as { items: { kind: string; title: string; titleHtml: string }[]; total: number };
    expect(body.total).toBeGreaterThan(0);
    expect(body.items.map((i) => i.title)).toContain(target.name);
    expect(body.items[0].kind).toBe('listing');
    expect(body.items.find((i) => i.title === target.name)!.titleHtml).toContain('<em>');
  });

  it('picks up a listing added later on the next poll', async () => {
    const titles = async () => ((await app.inject({ url: `/api/v1/search?kind=listing&q=${encodeURIComponent('钙钛矿')}` })).json() as { items: { title: string }[] }).items.map((i) => i.title);
    expect(await titles()).not.toContain('一种钙钛矿叠层太阳能电池制备技术');
    await insertListings(deps.db, [{ name: '一种钙钛矿叠层太阳能电池制备技术', organization: '测试研究所', summary: '提高光电转换效率' }], 'import');
    await engineFor(deps).poll();
    expect(await titles()).toContain('一种钙钛矿叠层太阳能电池制备技术');
  });
});
