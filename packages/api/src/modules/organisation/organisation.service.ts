import { AppError, type OrganisationInput } from '@zhuanhua/domain';
import { validateUscc } from '@zhuanhua/domain/organisation/uscc.ts';
import { normaliseRegionCode } from '@zhuanhua/domain/organisation/region-code.ts';
import { inTx, type Queryable } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { audit } from '../../lib/audit.ts';
import type { Paging } from '../../http/paging.ts';
import { getOrganisation, insertOrganisation, listOrganisations, updateOrganisation, type OrganisationFilter, type OrganisationWrite } from './organisation.repo.ts';
import { getRegion } from '../reference/reference.repo.ts';

export const listOrgs = (db: Queryable, f: OrganisationFilter, p: Paging) => listOrganisations(db, f, p);

export async function getOrg(db: Queryable, id: number) {
  const o = await getOrganisation(db, id);
  if (!o) throw new AppError('NOT_FOUND', '机构不存在');
  return o;
}

async function normalise(db: Queryable, input: Partial<OrganisationInput>): Promise<Partial<OrganisationWrite>> {
  const out: Partial<OrganisationWrite> = { ...input } as Partial<OrganisationWrite>;
  if (input.uscc) {
    const v = validateUscc(input.uscc);
    if (!v.ok) throw new AppError('VALIDATION', `统一社会信用代码无效：${v.reason}`, [{ path: 'uscc', message: v.reason }]);
    out.uscc = v.value.normalized;
  }
  if (input.regionCode) {
    const v = normaliseRegionCode(input.regionCode);
    if (!v.ok) throw new AppError('VALIDATION', `行政区划代码无效：${v.reason}`, [{ path: 'regionCode', message: v.reason }]);
    if (!(await getRegion(db, v.value.code))) throw new AppError('VALIDATION', `行政区划代码 ${v.value.code} 不存在`, [{ path: 'regionCode', message: '不存在' }]);
    out.regionCode = v.value.code;
  }
  return out;
}

export async function createOrg(db: Queryable, actor: Actor, input: OrganisationInput) {
  return inTx(db, async (tx) => {
    const data = await normalise(tx, input);
    const row = await insertOrganisation(tx, data as OrganisationWrite);
    await audit(tx, actor, { action: 'organisation.create', entity: 'organisation', entityId: row.id, after: row });
    return row;
  });
}

export async function updateOrg(db: Queryable, actor: Actor, id: number, input: Partial<OrganisationInput>) {
  return inTx(db, async (tx) => {
    const before = await getOrganisation(tx, id);
    if (!before) throw new AppError('NOT_FOUND', '机构不存在');
    if (actor.role !== 'platform_admin' && actor.orgId !== id) throw new AppError('NOT_FOUND', '机构不存在');
    const data = await normalise(tx, input);
    const row = await updateOrganisation(tx, id, data);
    await audit(tx, actor, { action: 'organisation.update', entity: 'organisation', entityId: id, before, after: row });
    return row;
  });
}
