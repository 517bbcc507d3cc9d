/**
 * The database role the application uses must not be a superuser nor bypass row-level security (RLS is void for
 * such roles). On PostgreSQL (TEST_DATABASE_URL) a dedicated application role passes and the admin role fails, so the
 * check is not vacuous; the server refuses to start as a superuser in production (security module onStart).
 */
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { openDb } from '../../src/db/client.ts';
import { checkDbRole } from '../../src/modules/security/security.service.ts';
import securityModule from '../../src/modules/security/security.module.ts';
import { createTestDeps } from '../test-db.ts';

describe('database role', () => {
  it('PGlite: the embedded engine runs as its single superuser, and the check says so', async () => {
    const h = await openDb({});
    try {
      expect(await checkDbRole(h.db)).toMatchObject({ role: 'postgres', superuser: true, ok: false });
    } finally { await h.close(); }
  });

  it.runIf(!!process.env.TEST_DATABASE_URL)('PostgreSQL: the application role is not a superuser; an admin role is refused in production', async () => {
    const url = process.env.TEST_DATABASE_URL!;
    const role = `zh_app_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create role ${role} login nosuperuser nobypassrls nocreatedb nocreaterole`);
    try {
      const u = new URL(url);
      u.username = role;
      const app = await openDb({ databaseUrl: u.toString() });
      try {
        expect(await checkDbRole(app.db)).toEqual({ role, superuser: false, bypassRls: false, ok: true });
      } finally { await app.close(); }
      const boss = await openDb({ databaseUrl: url });
      try { expect((await checkDbRole(boss.db)).ok).toBe(false); } finally { await boss.close(); }
      const deps = await createTestDeps({ NODE_ENV: 'production' });
      try {
        await expect(securityModule.onStart!(deps)).rejects.toThrow('超级用户');
      } finally { await deps.cleanup(); }
    } finally {
      await admin.query(`drop role if exists ${role}`);
      await admin.end();
    }
  });
});
