import { z } from 'zod';
import { ORG_TYPES, SIZE_CLASSES } from '../common/roles.ts';

const opt = (s: z.ZodString) => s.optional().nullable();

/** Create/update body of an organisation. USCC and region are checked by their own validators in the service. */
export const organisationInput = z.object({
  name: z.string().trim().min(2, '名称至少 2 个字').max(100, '名称过长'),
  type: z.enum(ORG_TYPES, { message: '机构类型不正确' }),
  sizeClass: z.enum(SIZE_CLASSES, { message: '规模类型不正确' }).optional().nullable(),
  sizeClassYear: z.number().int().min(2000).max(2100).optional().nullable(),
  uscc: opt(z.string().trim().max(30)),
  regionCode: opt(z.string().trim().max(10)),
  address: opt(z.string().max(200)),
  industryCode: opt(z.string().max(10)),
  businessScope: opt(z.string().max(2000)),
  products: opt(z.string().max(2000)),
  contactName: opt(z.string().max(50)),
  contactPhone: opt(z.string().max(30)),
  contactEmail: opt(z.string().max(100)),
}).strict();
export type OrganisationInput = z.infer<typeof organisationInput>;
export const organisationPatch = organisationInput.partial().strict();
