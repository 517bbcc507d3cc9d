import { queryOne } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { SYSTEM_ACTOR } from '../../http/actor.ts';
import { audit } from '../../lib/audit.ts';
import { loadModules } from '../registry.ts';
import { insertOrganisation } from '../organisation/organisation.repo.ts';
import { insertUser } from '../user/user.repo.ts';
import { hashPassword } from '../user/user.service.ts';
import { upsertPatents } from '../patent/patent.write.ts';
import type { PatentRecord } from '../patent/patent.rows.ts';
import { DEMO_ORGS, DEMO_PASSWORD, DEMO_USERS, HOLDER_WEIGHTS, hashString } from './demo.data.ts';
import { demoPatentRecord, readDemoTitles, readFullBiblio } from './demo.patents.ts';

/** Seed the demo once: only on a database with no users. Returns whether it seeded. */
export async function seedDemoIfEmpty(deps: Deps): Promise<boolean> {
  if (await queryOne(deps.db, `select 1 from users limit 1`)) return false;
  const t = Date.now();
  await seedTrunkDemo(deps);
  for (const m of await loadModules()) {
    if (!m.seedDemo) continue;
    try { await m.seedDemo(deps); } catch (e) { deps.log.error({ err: e, module: m.name }, 'demo seed of module failed'); }
  }
  deps.log.info({ ms: Date.now() - t }, 'demo data seeded');
  return true;
}

/** Demo organisations, users (password in the README) and the real demo patents with generated holders and dates. */
export async function seedTrunkDemo(deps: Deps): Promise<void> {
  const orgIds = new Map<string, number>();
  const pw = await hashPassword(DEMO_PASSWORD);
  const titles = readDemoTitles();
  await deps.db.transaction().execute(async (tx) => {
    for (const o of DEMO_ORGS) {
      const row = await insertOrganisation(tx, { ...o, isDemo: true, sizeClassYear: o.sizeClass ? 2024 : null, generatedFields: ['*'] });
      orgIds.set(o.key, row.id);
    }
    for (const u of DEMO_USERS) {
      await insertUser(tx, { username: u.username, displayName: u.displayName, role: u.role, orgId: u.org ? orgIds.get(u.org)! : null, regionCode: u.regionCode ?? null, passwordHash: pw });
    }
    const weights = HOLDER_WEIGHTS.flatMap(([k, w]) => Array<string>(w).fill(k));
    const names = new Map(DEMO_ORGS.map((o) => [o.key, o]));
    const used = new Set<string>();
    const records: PatentRecord[] = [];
    for (const s of titles) {
      const key = weights[hashString(`holder:${s.publicationNumber}`) % weights.length];
      const rec = demoPatentRecord(s, names.get(key)!.name, used);
      if (!rec) continue;
      rec.regionCode = names.get(key)!.regionCode;
      records.push(rec);
    }
    records.push(...readFullBiblio());
    for (let i = 0; i < records.length; i += 2000) await upsertPatents(tx, records.slice(i, i + 2000));
    await audit(tx, SYSTEM_ACTOR, { action: 'demo.seed', entity: 'system', entityId: null, after: { organisations: orgIds.size, users: DEMO_USERS.length, patents: records.length } });
  });
}
