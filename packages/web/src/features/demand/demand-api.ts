import { useQuery } from '@tanstack/react-query';
import { api, type List, type Query } from '../../api/client.ts';

export type Demand = {
  id: number; orgId: number; orgName: string | null; companyName: string | null; title: string; description: string; indicators: string | null; problem: string | null;
  foundation: string | null; industry: string | null; regionCode: string | null; regionName: string | null; budgetMinFen: number | null; budgetMaxFen: number | null;
  budgetLabel: string; mode: string; modeLabel: string; validUntil: string | null; state: string; stateLabel: string; reviewComment: string | null;
  contact: { name?: string | null; phone?: string | null; email?: string | null; masked: boolean }; source: string; publishedAt: string | null; createdAt: string;
};
export type DemandBody = {
  title: string; description: string; indicators?: string | null; problem?: string | null; foundation?: string | null; industry?: string | null; regionCode?: string | null;
  budgetMinFen?: number | null; budgetMaxFen?: number | null; mode: string; validUntil?: string | null; contactName?: string | null; contactPhone?: string | null; contactEmail?: string | null;
};

export const useDemands = (q: Query, mine = false) => useQuery({ queryKey: ['demands', mine ? 'mine' : 'hall', q], queryFn: () => api<List<Demand>>(mine ? '/demands/mine' : '/demands', { query: q }), placeholderData: (p) => p });
export const useDemand = (id: number) => useQuery({ queryKey: ['demands', 'detail', id], queryFn: () => api<Demand>(`/demands/${id}`) });
export const createDemand = (body: DemandBody) => api<Demand>('/demands', { body });
export const demandAction = (id: number, action: 'submit' | 'close' | 'matched') => api<Demand>(`/demands/${id}/${action}`, { method: 'POST' });
export const reviewDemand = (id: number, decision: 'publish' | 'reject', comment?: string) => api<Demand>(`/demands/${id}/review`, { body: { decision, comment } });

export const STATE_COLORS: Record<string, string> = { draft: 'default', submitted: 'processing', published: 'green', matched: 'blue', closed: 'default', expired: 'orange' };
