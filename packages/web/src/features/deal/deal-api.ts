/** Types and calls of the deal ledger; money-changing calls carry an Idempotency-Key. */
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, csrfToken, type List, type Query } from '../../api/client.ts';

export type Money = { fen: number; yuan: string; wan: string };
export type DealParty = { side: 'out' | 'in'; role: string; roleLabel: string; orgId: number | null; name: string; orgType: string | null; sizeClass: string | null; regionCode: string | null };
export type DealSummary = {
  id: number; kind: string; kindLabel: string; licenceKind: string | null; licenceKindLabel: string | null; title: string; state: string; stateLabel: string; source: string;
  contractDate: string | null; effectiveDate: string | null; endDate: string | null; registrationNo: string | null; registrationDate: string | null;
  contractAmount: Money; received: Money; amountBasis: string; parties: DealParty[];
  patents: { id: number; applicationNumber: string; title: string; type: string; legalStatus: string }[];
};
export type DealDetail = DealSummary & {
  territory: string | null; field: string | null; note: string | null; terminatedReason: string | null; nextStates: string[]; filingLate: boolean;
  schedule: { id: number; dueDate: string; amount: Money; note: string | null }[];
  payments: { id: number; receivedDate: string; amount: Money; reference: string | null }[];
  history: { from: string | null; to: string; toLabel: string; date: string; reason: string | null; by: string | null }[];
  money: { contractAmount: Money; scheduled: Money; received: Money; outstanding: Money; overdue: Money; receivedByYear: { year: number; amount: Money }[] };
};

export const useDeals = (q: Query) => useQuery({ queryKey: ['deals', q], queryFn: () => api<List<DealSummary>>('/deals', { query: q }), placeholderData: (p) => p });
export const useDeal = (id: number) => useQuery({ queryKey: ['deal', id], queryFn: () => api<DealDetail>(`/deals/${id}`) });

/** A fresh idempotency key: one per user action; a retry of the same action reuses it. */
export const newIdempotencyKey = (): string => (globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`);

/** POST JSON with the Idempotency-Key header (the shared api() has no custom headers). */
export async function postIdempotent<T>(path: string, body: unknown, key: string): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method: 'POST', credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken(), 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  const data = (res.headers.get('content-type') ?? '').includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const d = (typeof data === 'object' && data) ? data as { code?: string; message?: string; details?: unknown } : {};
    throw new ApiError(res.status, d.code ?? 'ERROR', d.message ?? `请求失败（${res.status}）`, d.details);
  }
  return data as T;
}

export const DEAL_STATE_COLORS: Record<string, string> = { draft: 'default', signed: 'blue', registered: 'cyan', performing: 'gold', completed: 'green', terminated: 'red' };
