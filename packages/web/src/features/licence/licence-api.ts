/** Types and hooks of the open-licence feature. */
import { useQuery } from '@tanstack/react-query';
import { api, type List, type Query } from '../../api/client.ts';
import type { Money } from '../deal/deal-api.ts';

export type FeeTermsBody = {
  mode: 'free' | 'lump_sum' | 'royalty' | 'entry_plus_royalty'; lumpSumFen?: number; entryFeeFen?: number; royaltyBase?: 'net_sales' | 'profit' | 'units';
  royaltyRateBp?: number; unitFeeFen?: number; periodKind: 'month' | 'quarter' | 'half_year' | 'year'; dueDays: number; trialMonths: number;
};
export type Declaration = {
  id: number; state: string; stateLabel: string; patentId: number; applicationNumber: string; title: string; patentType: string; patentTypeLabel: string | null;
  ipcMain: string | null; legalStatus: string; regionCode: string | null; holderOrgId: number; holderName: string; feeMode: string; feeModeLabel: string;
  feeTerms: FeeTermsBody; feeText: string; payLater: boolean; trialMonths: number; licenceYears: number; territory: string | null; otherTerms: string | null;
  evaluationReportNo: string | null; publishedDate: string | null; withdrawnDate: string | null; licenceCount: number; warnings: { code: string; message: string }[];
  reviewComment?: string | null; withdrawReason?: string | null;
};
export type Licence = {
  id: number; declarationId: number; dealId: number; patentId: number; applicationNumber: string; title: string; licensorOrgId: number; licensorName: string;
  licenseeOrgId: number; licenseeName: string; feeTerms: FeeTermsBody; feeText: string; noticeDate: string; paymentDate: string | null; licensedFrom: string;
  licensedTo: string; trialEnd: string | null; state: string; stateLabel: string; stateNow: string; stateNowLabel: string; decidedOn: string | null; received: Money;
};
export type LicenceDetail = Licence & {
  role: 'licensee' | 'licensor' | 'office'; territory: string | null; otherTerms: string | null;
  dueTotal: Money; outstanding: Money;
  dueItems: { key: string; label: string; dueDate: string; amount: Money; paid: Money; outstanding: Money }[];
  reminders: { key: string; label: string; dueDate: string; kind: 'upcoming' | 'overdue'; daysLeft: number; outstanding: Money }[];
  periods: { seq: number; start: string; end: string; dueDate: string }[];
  reports: { id: number; periodStart: string; periodEnd: string; netSales: Money | null; profit: Money | null; units: number | null; due: Money; dueDate: string | null; inTrial: boolean }[];
  payments: { id: number; receivedDate: string; amount: Money; reference: string | null }[];
};
export type Reminder = { key: string; label: string; dueDate: string; outstandingFen: number; kind: 'upcoming' | 'overdue'; daysLeft: number; licenceId: number; title: string; licensor: string; licensee: string; side: 'payable' | 'receivable' };

export const useCatalogue = (q: Query) => useQuery({ queryKey: ['licence', 'catalogue', q], queryFn: () => api<List<Declaration>>('/licence/catalogue', { query: q }), placeholderData: (p) => p });
export const useDeclaration = (id: number) => useQuery({ queryKey: ['licence', 'declaration', id], queryFn: () => api<Declaration>(`/licence/catalogue/${id}`) });
export const useDeclarations = (q: Query) => useQuery({ queryKey: ['licence', 'declarations', q], queryFn: () => api<List<Declaration>>('/licence/declarations', { query: q }), placeholderData: (p) => p });
export const useLicences = (q: Query) => useQuery({ queryKey: ['licence', 'licences', q], queryFn: () => api<List<Licence>>('/licence/licences', { query: q }), placeholderData: (p) => p });
export const useLicence = (id: number) => useQuery({ queryKey: ['licence', 'licence', id], queryFn: () => api<LicenceDetail>(`/licence/licences/${id}`) });
export const useReminders = () => useQuery({ queryKey: ['licence', 'reminders'], queryFn: () => api<List<Reminder>>('/licence/reminders') });

/** "3.25" (%) → 325 basis points, exactly (no floats). */
export function percentToBp(s: string | number): number {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(String(s).trim());
  if (!m) throw new Error('比例格式不正确（最多 2 位小数）');
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0') || '0');
}
