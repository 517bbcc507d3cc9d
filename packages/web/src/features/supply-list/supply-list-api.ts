import { useQuery } from '@tanstack/react-query';
import { api, type List, type Query } from '../../api/client.ts';

export type SupplyList = {
  id: number; kind: 'general' | 'soe_sharing'; kindLabel: string; title: string; description: string | null; filter: Record<string, unknown>; filterText: string;
  runId: number | null; batchNo: string | null; asOf: string | null; state: 'draft' | 'reviewed' | 'published'; stateLabel: string; listNo: string | null;
  publishedOn: string | null; itemCount: number; orgId: number | null; orgName: string | null; reviewComment: string | null;
};
export type ListItem = { seq: number; patentId: number; applicationNumber: string; title: string; type: string; holderName: string | null; gradeLabel: string; grade: string; score: number; seiIndustry: string | null; industry: string | null; highValue: string | null; openLicence: boolean };

export const useLists = (q: Query, pub: boolean) => useQuery({ queryKey: ['supply-lists', pub, q], queryFn: () => api<List<SupplyList>>(pub ? '/supply-lists/public' : '/supply-lists', { query: q }), placeholderData: (p) => p });
export const useList = (id: number) => useQuery({ queryKey: ['supply-list', id], queryFn: () => api<SupplyList>(`/supply-lists/${id}`), retry: false });
export const useListItems = (id: number, q: Query) => useQuery({ queryKey: ['supply-list', id, 'items', q], queryFn: () => api<List<ListItem> & { preview: boolean }>(`/supply-lists/${id}/items`, { query: q }), placeholderData: (p) => p });
export const STATE_COLORS: Record<string, string> = { draft: 'default', reviewed: 'blue', published: 'green' };
