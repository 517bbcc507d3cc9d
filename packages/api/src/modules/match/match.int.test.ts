import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, createTestDeps, type TestDeps } from '../../../test/test-db.ts';
import { appNo, buildOrganisation, buildPatent, buildUser, login } from '../../../test/factories.ts';
import { multipart } from '../../../test/multipart.ts';
import { engineFor } from '../search/search.engine.ts';

let deps: TestDeps;
let app: FastifyInstance;
let smeId: number;
let univId: number;
let batteryId: number;
let droneId: number;
let robotId: number;

beforeAll(async () => {
  deps = await createTestDeps();
  app = await createTestApp(deps);
  const univ = await buildOrganisation(deps.db, { name: '测试理工大学', type: 'university', sizeClass: null, regionCode: '510107' });
  univId = univ.id;
  const sme = await buildOrganisation(deps.db, { name: '测试智能装备有限公司', type: 'private_enterprise', sizeClass: 'small', regionCode: '510104' });
  smeId = sme.id;
  const other = await buildOrganisation(deps.db, { name: '外省电池有限公司', type: 'private_enterprise', sizeClass: 'small', regionCode: '120101' });
  await buildUser(deps.db, { role: 'org_admin', orgId: univ.id, username: 'u-univ' });
  await buildUser(deps.db, { role: 'org_admin', orgId: sme.id, username: 'u-sme' });
  await buildUser(deps.db, { role: 'org_member', orgId: other.id, username: 'u-other' });
  await buildUser(deps.db, { role: 'platform_admin', username: 'u-admin' });
  batteryId = (await buildPatent(deps.db, { title: '一种石墨烯改性锂离子电池正极材料及其制备方法', abstract: '本发明公开了一种石墨烯包覆的磷酸铁锂正极材料，提高了电池的倍率性能和循环寿命。', holders: ['测试理工大学'], ipcCodes: ['H01M4/36', 'H01M4/58'] })).id;
  droneId = (await buildPatent(deps.db, { title: '一种农用植保无人机喷洒装置', holders: ['测试理工大学'], ipcCodes: ['B64D1/18'], applicationNumber: appNo(2020, '2'), type: 'utility_model' })).id;
  robotId = (await buildPatent(deps.db, { title: '基于机器视觉的工业机器人工件定位与分拣方法', abstract: '通过相机采集工件图像，深度学习识别工件类别并估计抓取位姿，机器人完成分拣。', holders: ['测试理工大学'], ipcCodes: ['B25J9/16', 'G06T7/73'] })).id;
  for (let i = 0; i < 20; i++) await buildPatent(deps.db, { title: `一种锂离子电池隔膜的制备方法${i}`, holders: ['测试理工大学'], ipcCodes: ['H01M50/403'], applicationNumber: appNo(2018 + (i % 3)) });
  for (let i = 0; i < 10; i++) await buildPatent(deps.db, { title: `一种机械臂末端夹持装置${i}`, holders: ['测试理工大学'], ipcCodes: ['B25J15/00'], applicationNumber: appNo(2017) });
  await engineFor(deps).ready();
});
afterAll(async () => { engineFor(deps).close(); await app?.close(); await deps?.cleanup(); });

const demandBody = {
  title: '工业机器人视觉定位分拣技术', description: '需要基于机器视觉的工件识别与定位技术，用于产线上工业机器人的自动分拣，提高分拣准确率。',
  indicators: '识别准确率≥99%', regionCode: '510104', budgetMaxFen: 100_000_000, mode: 'licence', contactName: '王小明', contactPhone: '13812345678',
};

describe('search', () => {
  it('ranks a title hit first, highlights it, filters by type and IPC', async () => {
    const r = await app.inject({ url: `/api/v1/search?q=${encodeURIComponent('石墨烯 正极')}` });
    expect(r.statusCode).toBe(200);
    const body = r.json() as { items: { id: number; titleHtml: string; snippetHtml: string }[]; total: number };
    expect(body.items[0]!.id).toBe(batteryId);
    expect(body.items[0]!.titleHtml).toContain('<em>石墨烯</em>');
    expect(body.items[0]!.snippetHtml).toContain('<em>石墨烯</em>');
    const f = await app.inject({ url: `/api/v1/search?q=${encodeURIComponent('锂离子电池')}&ipc=H01M50` });
    const fb = f.json() as { items: { id: number }[]; total: number };
    expect(fb.total).toBe(20);
    expect(fb.items.some((i) => i.id === batteryId)).toBe(false);
    const t = await app.inject({ url: `/api/v1/search?q=${encodeURIComponent('无人机')}&patentType=invention` });
    expect((t.json() as { total: number }).total).toBe(0);
  });
  it('supports phrase, prefix and exclusion', async () => {
    const ex = await app.inject({ url: `/api/v1/search?q=${encodeURIComponent('锂离子电池 -隔膜')}` });
    expect((ex.json() as { items: { id: number }[] }).items.map((i) => i.id)).toEqual([batteryId]);
    const pre = await app.inject({ url: `/api/v1/search?q=${encodeURIComponent('无人*')}` });
    expect((pre.json() as { items: { id: number }[] }).items.map((i) => i.id)).toContain(droneId);
    const ph = await app.inject({ url: `/api/v1/search?q=${encodeURIComponent('"工件定位"')}` });
    expect((ph.json() as { items: { id: number }[] }).items[0]!.id).toBe(robotId);
  });
  it('follows new patents written after the build (patents.changed)', async () => {
    const p = await buildPatent(deps.db, { title: '一种钙钛矿太阳能电池封装结构', ipcCodes: ['H10K30/88'] });
    await engineFor(deps).refreshPatents([p.id]);
    const r = await app.inject({ url: `/api/v1/search?q=${encodeURIComponent('钙钛矿')}` });
    expect((r.json() as { items: { id: number }[] }).items.map((i) => i.id)).toEqual([p.id]);
  });
});

describe('following the database (several API processes)', () => {
  it('picks up a patent changed by another process through polling updated_at', async () => {
    const { query } = await import('../../db/client.ts');
    await query(deps.db, `update patents set title = '一种氢燃料电池双极板', updated_at = now() + interval '1 second' where id = $1`, [droneId]);
    const before = await app.inject({ url: `/api/v1/search?q=${encodeURIComponent('双极板')}` });
    expect((before.json() as { total: number }).total).toBe(0);
    await engineFor(deps).poll();
    const after = await app.inject({ url: `/api/v1/search?q=${encodeURIComponent('双极板')}` });
    expect((after.json() as { items: { id: number }[] }).items.map((i) => i.id)).toEqual([droneId]);
    const old = await app.inject({ url: `/api/v1/search?q=${encodeURIComponent('植保')}` });
    expect((old.json() as { total: number }).total).toBe(0);
  });
});

describe('classify', () => {
  it('returns IPC subclasses with Chinese titles and industries', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/classify', payload: { text: '锂离子电池隔膜材料制备' } });
    expect(r.statusCode).toBe(200);
    const b = r.json() as { ipc: { code: string; title: string; score: number }[]; industries: { code: string }[] };
    expect(b.ipc[0]!.code).toBe('H01M');
    expect(b.ipc[0]!.title.length).toBeGreaterThan(0);
    expect(b.ipc[0]!.score).toBeGreaterThan(0.5);
    const bad = await app.inject({ method: 'POST', url: '/api/v1/classify', payload: { text: 'x' } });
    expect(bad.statusCode).toBe(400);
  });
});

describe('demand → match → feedback → contact', () => {
  let demandId: number;
  it('runs the demand state machine with office review and masks contacts', async () => {
    const sme = await login(app, 'u-sme');
    const c = await app.inject({ method: 'POST', url: '/api/v1/demands', headers: sme, payload: demandBody });
    expect(c.statusCode).toBe(201);
    demandId = (c.json() as { id: number }).id;
    expect((c.json() as { state: string }).state).toBe('draft');
    const hidden = await app.inject({ url: `/api/v1/demands/${demandId}` });
    expect(hidden.statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: `/api/v1/demands/${demandId}/submit`, headers: sme })).statusCode).toBe(200);
    const selfReview = await app.inject({ method: 'POST', url: `/api/v1/demands/${demandId}/review`, headers: sme, payload: { decision: 'publish' } });
    expect(selfReview.statusCode).toBe(403);
    const admin = await login(app, 'u-admin');
    const pub = await app.inject({ method: 'POST', url: `/api/v1/demands/${demandId}/review`, headers: admin, payload: { decision: 'publish' } });
    expect((pub.json() as { state: string }).state).toBe('published');
    const again = await app.inject({ method: 'POST', url: `/api/v1/demands/${demandId}/submit`, headers: sme });
    expect(again.statusCode).toBe(409);
    const anon = (await app.inject({ url: `/api/v1/demands/${demandId}` })).json() as { contact: { phone: string; masked: boolean } };
    expect(anon.contact).toMatchObject({ phone: '138****5678', masked: true });
    const own = (await app.inject({ url: `/api/v1/demands/${demandId}`, headers: sme })).json() as { contact: { phone: string } };
    expect(own.contact.phone).toBe('13812345678');
    const hallRes = await app.inject({ url: '/api/v1/demands' });
    expect(hallRes.statusCode, hallRes.body).toBe(200);
    const hall = hallRes.json() as { items: { id: number }[] };
    expect(hall.items.map((i) => i.id)).toContain(demandId);
  });
  it('matches the demand to the vision-sorting patent with concrete reasons', async () => {
    const sme = await login(app, 'u-sme');
    const r = await app.inject({ method: 'POST', url: '/api/v1/match', headers: sme, payload: { demandId, top: 5 } });
    expect(r.statusCode).toBe(200);
    const res = (r.json() as { results: { patentId: number; reasons: { kind: string; text: string }[] }[] }).results;
    expect(res[0]!.patentId).toBe(robotId);
    const texts = res[0]!.reasons.map((x) => x.text);
    expect(texts[0]).toMatch(/^匹配关键词：.*(机器视觉|工件|分拣)/);
    expect(texts).toContain('地域：同区县');
    expect(texts).toContain('权利人为高校');
  });
  it('records interest as a contact request the holder sees; not relevant hides the patent', async () => {
    const sme = await login(app, 'u-sme');
    const fb = await app.inject({ method: 'POST', url: '/api/v1/match/feedback', headers: sme, payload: { demandId, patentId: robotId, kind: 'interested' } });
    expect(fb.statusCode).toBe(201);
    const { contactRequestId } = fb.json() as { contactRequestId: number };
    expect(contactRequestId).toBeGreaterThan(0);
    const univ = await login(app, 'u-univ');
    const inbox = (await app.inject({ url: '/api/v1/match/contacts?box=in', headers: univ })).json() as { items: { id: number; fromOrgName: string; patentId: number }[] };
    expect(inbox.items).toEqual([expect.objectContaining({ id: contactRequestId, fromOrgName: '测试智能装备有限公司', patentId: robotId })]);
    const other = await login(app, 'u-other');
    expect(((await app.inject({ url: '/api/v1/match/contacts?box=in', headers: other })).json() as { total: number }).total).toBe(0);
    const acc = await app.inject({ method: 'POST', url: `/api/v1/match/contacts/${contactRequestId}/respond`, headers: univ, payload: { state: 'accepted' } });
    expect(acc.statusCode).toBe(200);
    const noReason = await app.inject({ method: 'POST', url: '/api/v1/match/feedback', headers: sme, payload: { demandId, patentId: robotId, kind: 'not_relevant' } });
    expect(noReason.statusCode).toBe(400);
    await app.inject({ method: 'POST', url: '/api/v1/match/feedback', headers: sme, payload: { demandId, patentId: robotId, kind: 'not_relevant', reason: 'wrong_field' } });
    const again = (await app.inject({ method: 'POST', url: '/api/v1/match', headers: sme, payload: { demandId, top: 5 } })).json() as { results: { patentId: number }[] };
    expect(again.results.map((x) => x.patentId)).not.toContain(robotId);
    const admin = await login(app, 'u-admin');
    const f = (await app.inject({ url: '/api/v1/match/funnel', headers: admin })).json() as { match: number; interest: number; contact: number; deal: number };
    expect(f.interest).toBe(1);
    expect(f.contact).toBe(1);
    expect(f.match).toBeGreaterThan(0);
  });
  it('finds the SME as a prospect of the patent through its demand', async () => {
    const univ = await login(app, 'u-univ');
    const r = await app.inject({ url: `/api/v1/patents/${robotId}/prospects`, headers: univ });
    expect(r.statusCode).toBe(200);
    const items = (r.json() as { items: { orgId: number; reasons: { kind: string; text: string }[] }[] }).items;
    expect(items[0]!.orgId).toBe(smeId);
    expect(items[0]!.reasons.some((x) => x.kind === 'demand' && x.text.includes('工业机器人视觉定位分拣技术'))).toBe(true);
  });
});

describe('demand import', () => {
  it('rejects a file with bad rows, naming the row and the reason', async () => {
    const admin = await login(app, 'u-admin');
    const csv = '需求名称,需求描述,预算\n锂电池回收技术需求,需要废旧锂电池正极材料回收再生技术,50-100万元\n短,描述太短,很多钱\n';
    const m1 = multipart({ name: 'd.csv', data: Buffer.from(csv) }, { orgId: String(smeId) });
    const up = await app.inject({ method: 'POST', url: '/api/v1/imports/demands', headers: { ...admin, ...m1.headers }, payload: m1.payload });
    expect(up.statusCode).toBe(202);
    const job = await waitJob(admin, (up.json() as { jobId: number }).jobId);
    expect(job.status).toBe('failed');
    const rej = job.error.details.rejected;
    expect(rej).toEqual(expect.arrayContaining([expect.objectContaining({ row: 3, field: '需求名称' }), expect.objectContaining({ row: 3, field: '预算' })]));
    const m2 = multipart({ name: 'd.csv', data: Buffer.from(csv) }, { orgId: String(smeId), mode: 'valid-only' });
    const ok = await app.inject({ method: 'POST', url: '/api/v1/imports/demands', headers: { ...admin, ...m2.headers }, payload: m2.payload });
    const job2 = await waitJob(admin, (ok.json() as { jobId: number }).jobId);
    expect(job2.result).toMatchObject({ imported: 1, rejectedCount: 3 });
    void univId;
  });
});

async function waitJob(headers: Record<string, string>, id: number) {
  for (let i = 0; i < 200; i++) {
    const r = await app.inject({ url: `/api/v1/jobs/${id}`, headers });
    const j = r.json() as { status: string };
    if (j.status === 'succeeded' || j.status === 'failed') return r.json() as { status: string; result: Record<string, unknown>; error: { code: string; details: { rejected: { row: number; field: string }[] } } };
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('job did not finish');
}
