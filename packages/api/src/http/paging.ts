import { z } from 'zod';

/** Common list query: page (1-based), pageSize ≤ 200, sort 'field' or '-field'. */
export const pagingQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.string().max(40).optional(),
});
export type Paging = z.infer<typeof pagingQuery>;

export const offsetOf = (p: Paging): number => (p.page - 1) * p.pageSize;

/** Resolve a sort parameter against an allow-list of column expressions. */
export function orderBy(sort: string | undefined, allowed: Record<string, string>, fallback: string): string {
  if (!sort) return fallback;
  const desc = sort.startsWith('-');
  const col = allowed[desc ? sort.slice(1) : sort];
  if (!col) return fallback;
  return `${col} ${desc ? 'desc' : 'asc'} nulls last`;
}

export type ListResult<T> = { items: T[]; total: number };
