import type { Actor } from '../../http/actor.ts';
import type { OrganisationRow } from './organisation.repo.ts';

/** Mask a phone number or e-mail for viewers outside the organisation. */
export const maskPhone = (p: string | null): string | null => (p ? p.replace(/^(\d{3})\d+(\d{4})$/, '$1****$2') : p);
export const maskEmail = (e: string | null): string | null => (e ? e.replace(/^(.).*(@.*)$/, '$1***$2') : e);

export function presentOrganisation(o: OrganisationRow, viewer: Actor | null) {
  const own = viewer && (viewer.role === 'platform_admin' || viewer.orgId === o.id);
  return {
    id: o.id, name: o.name, type: o.type, sizeClass: o.size_class, sizeClassYear: o.size_class_year, uscc: o.uscc,
    regionCode: o.region_code, regionName: o.region_name ?? null, address: o.address, industryCode: o.industry_code,
    businessScope: o.business_scope, products: o.products,
    contactName: o.contact_name, contactPhone: own ? o.contact_phone : maskPhone(o.contact_phone), contactEmail: own ? o.contact_email : maskEmail(o.contact_email),
    isDemo: o.is_demo, generatedFields: o.generated_fields, patentCount: o.patent_count ?? 0, createdAt: o.created_at, updatedAt: o.updated_at,
  };
}
