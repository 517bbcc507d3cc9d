import type { FastifyInstance } from 'fastify';
import type { OrgType, Role, SizeClass } from '@zhuanhua/domain';
import { checkCharacter } from '@zhuanhua/domain/patent/patent-number.ts';
import type { Queryable } from '../src/db/client.ts';
import { insertOrganisation, type OrganisationRow } from '../src/modules/organisation/organisation.repo.ts';
import { insertUser, type UserRow } from '../src/modules/user/user.repo.ts';
import { hashPassword } from '../src/modules/user/user.service.ts';
import { upsertPatents } from '../src/modules/patent/patent.write.ts';
import type { PatentRecord } from '../src/modules/patent/patent.rows.ts';
import { getPatent, type PatentRow } from '../src/modules/patent/patent.repo.ts';

let seq = 0;
const next = () => `${process.pid % 1000}${++seq}`;

export async function buildOrganisation(db: Queryable, o: Partial<{ name: string; type: OrgType; sizeClass: SizeClass | null; regionCode: string }> = {}): Promise<OrganisationRow> {
  return insertOrganisation(db, { name: o.name ?? `测试机构${next()}`, type: o.type ?? 'private_enterprise', sizeClass: o.sizeClass === undefined ? 'small' : o.sizeClass, regionCode: o.regionCode ?? '510104' });
}

export const TEST_PASSWORD = 'Test-password-2026';
let pwHash: Promise<string> | undefined;

export async function buildUser(db: Queryable, o: { role: Role; orgId?: number | null; username?: string; regionCode?: string | null }): Promise<UserRow> {
  pwHash ??= hashPassword(TEST_PASSWORD);
  return insertUser(db, { username: o.username ?? `user${next()}`, displayName: '测试用户', role: o.role, orgId: o.orgId ?? null, regionCode: o.regionCode ?? null, passwordHash: await pwHash });
}

let serial = 1000;
/** A valid, unique application number of the given year and type digit. */
export function appNo(year = 2019, typeDigit = '1'): string {
  const body = `${year}${typeDigit}${String(++serial + (process.pid % 100) * 10000).padStart(7, '0')}`;
  return `${body}.${checkCharacter(body)}`;
}

export async function buildPatent(db: Queryable, o: Partial<PatentRecord> = {}): Promise<PatentRow> {
  const rec: PatentRecord = {
    applicationNumber: appNo(), publicationNumber: null, grantNumber: null, type: 'invention', title: '一种测试用锂离子电池正极材料', abstract: null, claimsCount: 10,
    ipcCodes: ['H01M4/525'], inventors: [], holders: [], filingDate: '2019-03-01', publicationDate: null, grantDate: '2021-05-01', legalStatus: 'in_force',
    legalStatusRaw: null, restorable: false, lapseReason: null, feePaidThrough: '2027-02-28', overseasFamily: [], citationsCount: 0, regionCode: '510104',
    holderAddress: null, source: 'manual', generatedFields: [], ...o,
  };
  const { ids } = await upsertPatents(db, [rec]);
  return (await getPatent(db, ids[0]))!;
}

/** Log in through the API; returns headers for later requests (cookie + CSRF). */
export async function login(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Record<string, string>> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookies = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return { cookie: cookies, 'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken };
}
