import { useQuery } from '@tanstack/react-query';
import { api, type List, type Query } from '../../api/client.ts';

export type CountView = { key: string; label: string; count: number };
export type Run = {
  id: number; batchNo: string; asOf: string; scope: 'all' | 'holder' | 'region'; holderId: number | null; holderName: string | null; regionCode: string | null;
  regionName: string | null; modelId: string; state: 'running' | 'succeeded' | 'failed'; jobId: number | null; scanned: number; poolSize: number; prevRunId: number | null;
  note: string | null; createdAt: string; finishedAt: string | null;
};
export type RunDetail = Run & {
  summary: null | { scanned: number; poolSize: number; highValueInPool: number; byPool: CountView[]; byGrade: CountView[]; bySei: CountView[]; byIndustry: CountView[]; industryNote: string; byHolder: CountView[]; byRegion: CountView[] };
  diff: null | { previousBatchNo: string; enteredCount: number; leftCount: number; gradeChangedCount: number; unchanged: number };
};
export type Item = {
  patentId: number; applicationNumber: string; title: string; type: string; pool: 'univ' | 'soe'; grade: 'A' | 'B' | 'C' | 'D'; score: number; legalScore: number;
  technicalScore: number; economicScore: number; seiIndustry: string | null; seiIndustryName: string | null; industryCode: string | null; industryName: string | null;
  holderId: number | null; holderName: string | null; highValue: boolean; hvFlags: string[]; openLicence: boolean; ipcMain: string | null; grantDate: string | null;
};
export type Check = { code: string; label: string; passed: boolean; detail: string };
export type Part = { key: string; label: string; score: number; value: string; missing: boolean; weight: number };
export type Flag = { code: string; label: string; met: boolean; evidence: string };
export type FeeQuote = { year: number; dueDate: string; graceEnd: string; fullFen: number; reduction: { kind: string; label: string }; reducedFen: number; surchargePercent: number; surchargeFen: number; payableFen: number };
export type Explain = {
  asOf: string; run: null | { id: number; batchNo: string; inPool: boolean; snapshot: null | { grade: string; score: number } };
  patent: { id: number; applicationNumber: string; title: string; type: string; legalStatus: string; statusAsOf: string; filingDate: string | null; grantDate: string | null; ipcCodes: string[]; source: string; generatedFields: string[]; holders: { orgId: number | null; name: string; orgType: string | null }[] };
  sleeping: { sleeping: boolean; pool: string | null; checks: Check[]; summary: string };
  mark: null | { kind: 'used' | 'excluded'; reason: string; fromDate: string | null; markedBy: string | null; markedAt: string };
  grade: { total: number; grade: string; gradeLabel: string; modelName: string; thresholds: { A: number; B: number; C: number }; explanation: string[]; dimensions: { key: string; label: string; weight: number; score: number; parts: Part[] }[] };
  classification: { sei: { seiCode: string; seiName: string; parentCode: string; parentName: string; byIpc: string; viaRow: string }[]; seiIndustry: null | { code: string; name: string }; industries: { industryCode: string; industryName: string; byIpcClass: string; note: string }[]; techField: null | { section: string; sectionName: string; ipcClass: string | null; className: string | null } };
  highValue: { isHighValue: boolean; summary: string; flags: Flag[] };
  xuchang: Flag[];
  fees: null | { patentYear: number; lastProtectedDay: string; maintenanceYears: number; risk: string; riskLabel: string; next: FeeQuote | null; explanation: string[] };
  uses: { kind: string; fromDate: string; source: string | null }[];
  openLicence: boolean;
};
export type FeeRow = { patentId: number; applicationNumber: string; title: string; type: string; patentYear: number; risk: string; riskLabel: string; next: FeeQuote | null; lastProtectedDay: string; explanation: string[] };
export type Fees = { asOf: string; holderId: number; withinDays: number; inForce: number; yearlyCostFen: number; dueSoon: FeeRow[]; willLapse: FeeRow[] };

export const useRuns = (q: Query) => useQuery({ queryKey: ['inventory', 'runs', q], queryFn: () => api<List<Run>>('/inventory/runs', { query: q }), placeholderData: (p) => p });
export const useRun = (id: number) => useQuery({
  queryKey: ['inventory', 'run', id], queryFn: () => api<RunDetail>(`/inventory/runs/${id}`),
  refetchInterval: (q) => (q.state.data?.state === 'running' ? 1000 : false),
});
export const useItems = (id: number, q: Query, enabled: boolean) => useQuery({ queryKey: ['inventory', 'items', id, q], queryFn: () => api<List<Item>>(`/inventory/runs/${id}/items`, { query: q }), enabled, placeholderData: (p) => p });
export const useExplain = (id: number, q: Query) => useQuery({ queryKey: ['inventory', 'explain', id, q], queryFn: () => api<Explain>(`/inventory/patents/${id}/explain`, { query: q }), retry: false });

export const GRADE_COLORS: Record<string, string> = { A: 'green', B: 'blue', C: 'gold', D: 'default' };
export const todayIso = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
export const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
