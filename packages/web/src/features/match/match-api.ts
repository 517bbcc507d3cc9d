import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export type Reason = { kind: string; text: string; weight: number; terms?: string[] };
export type MatchResult = { patentId: number; applicationNumber: string; title: string; score: number; legalStatus: string; holderName: string | null; reasons: Reason[] };
export type Classification = { ipc: { code: string; title: string; score: number }[]; industries: { code: string; name: string; score: number }[] };
export type MatchResponse = { results: MatchResult[]; classification: Classification; terms: string[]; candidates: number };
export type Contact = { id: number; state: string; message: string | null; createdAt: string; demandId: number | null; demandTitle: string | null; patentId: number; patentTitle: string; applicationNumber: string; fromOrgName: string | null; toOrgName: string | null };
export type Prospect = { orgId: number; name: string; sizeClass: string | null; regionCode: string | null; score: number; reasons: Reason[] };

export const classify = (text: string) => api<Classification>('/classify', { body: { text, top: 5 } });
export const runMatch = (body: { text?: string; demandId?: number; top?: number }) => api<MatchResponse>('/match', { body: { top: 20, ...body } });
export const sendFeedback = (body: { demandId?: number | null; patentId: number; kind: 'interested' | 'not_relevant'; reason?: string; note?: string }) =>
  api<{ feedbackId: number; contactRequestId: number | null }>('/match/feedback', { body });
export const useContacts = (box: 'in' | 'out') => useQuery({ queryKey: ['contacts', box], queryFn: () => api<{ items: Contact[]; total: number }>('/match/contacts', { query: { box } }) });
export const respondContact = (id: number, state: 'accepted' | 'declined' | 'deal') => api(`/match/contacts/${id}/respond`, { body: { state } });
export const useProspects = (patentId: number, enabled: boolean) => useQuery({ queryKey: ['prospects', patentId], enabled, queryFn: () => api<{ items: Prospect[]; total: number }>(`/patents/${patentId}/prospects`) });

export const CONTACT_STATE_LABELS: Record<string, string> = { pending: '待回复', accepted: '已接受', declined: '已婉拒', deal: '已成交' };
