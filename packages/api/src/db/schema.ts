/**
 * Table types for Kysely. Modules add their tables by declaration merging:
 *   declare module '../../db/schema.ts' { interface Database { deals: DealTable } }
 * Most repos use the `sql` template tag or `query()` and need no table types.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database {}
