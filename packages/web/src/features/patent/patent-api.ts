import { useQuery } from '@tanstack/react-query';
import { api, type List, type Query } from '../../api/client.ts';

export type Holder = { name: string; orgId: number | null; orgType?: string | null };
export type PatentSummary = {
  id: number; applicationNumber: string; publicationNumber: string | null; grantNumber: string | null; type: string; title: string; ipcMain: string | null;
  ipcCodes: string[]; filingDate: string | null; grantDate: string | null; legalStatus: string; regionCode: string | null; holders: Holder[]; source: string; generatedFields: string[];
};
export type PatentDetail = PatentSummary & {
  abstract: string | null; claimsCount: number | null; inventors: string[]; publicationDate: string | null; ipc: { code: string; title: string | null }[];
  legalStatusRaw: string | null; restorable: boolean; lapseReason: string | null; lapseDate: string | null; feePaidThrough: string | null; overseasFamily: string[];
  citationsCount: number; awards: unknown[]; holderAddress: string | null;
  statusHistory: { date: string | null; status: string; raw: string | null; eventCode: string | null }[];
  uses: { kind: string; sourceType: string | null; sourceId: number | null; fromDate: string; toDate: string | null; note: string | null }[];
};

export const patentKeys = { list: (q: Query) => ['patents', 'list', q] as const, detail: (id: number) => ['patents', 'detail', id] as const };

export const usePatents = (q: Query) => useQuery({ queryKey: patentKeys.list(q), queryFn: () => api<List<PatentSummary>>('/patents', { query: q }), placeholderData: (p) => p });
export const usePatent = (id: number) => useQuery({ queryKey: patentKeys.detail(id), queryFn: () => api<PatentDetail>(`/patents/${id}`) });
