import { useQuery } from '@tanstack/react-query';
import { api, type List } from '../../api/client.ts';

export type Target = { id: string; indicator: string; kind: string; value: number | null; dueDate: string | null; clause: string; text: string };
export type Plan = {
  id: string; preset: boolean; name: string; issuer: string; regionCode: string; regionName: string; startYear: number; endYear: number; baselineYear: number;
  rankingLevel: 'county' | 'city'; phases: { name: string; from: string; to: string }[]; targets: Target[];
  rankingWeights: { indicator: string; metric: 'total' | 'growth'; weight: number }[]; notes: string;
};
export type Status = 'met' | 'on_track' | 'behind' | 'not_met' | 'undefined';
export type TargetView = {
  id: string; clause: string; text: string; indicator: string; indicatorName: string; kind: string; kindLabel: string; status: Status; statusLabel: string; unit: string;
  value: number | null; target: number | null; gap: number | null; neededThisYear: number | null; note: string; toDate: boolean;
  years: { year: number; value: number; yoy: number | null; toDate: boolean }[];
};
export type IndicatorView = { code: string; name: string; unit: string; rule: string; inPlan: boolean; source: 'records' | 'manual' | 'none'; years: { year: number; value: number; yoy: number | null }[]; total: number };
export type Evaluation = { plan: Plan; region: { code: string; name: string }; asOf: string; years: number[]; indicators: IndicatorView[]; targets: TargetView[]; summary: Record<Status, number>; stale?: boolean };
export type Ranking = { level: 'county' | 'city'; rows: { rank: number; regionCode: string; name: string; score: number; parts: { indicator: string; name: string; metric: string; raw: number | null; score: number; weight: number }[] }[] };
export type Breakdown = { dim: string; unit: string; years: number[]; series: { name: string; values: number[]; total: number }[] };
export type Drill = { indicator: string; name: string; unit: string; regionCode: string; year: number; total: number; items: { ref: string; date: string | null; title: string; parties: string; detail: string; value: number }[] };
export type Catalogue = { indicators: { code: string; name: string; unit: string; kind: string; source: string; rule: string; computed: boolean }[]; targetKinds: { kind: string; label: string }[] };

export const STATUS_COLOR: Record<Status, string> = { met: 'green', on_track: 'blue', behind: 'orange', not_met: 'red', undefined: 'default' };

export const usePlans = () => useQuery({ queryKey: ['kpi-plans'], queryFn: () => api<List<Plan>>('/kpi/plans') });
export const usePlan = (id: string) => useQuery({ queryKey: ['kpi-plan', id], queryFn: () => api<Plan>(`/kpi/plans/${id}`) });
export const useCatalogue = () => useQuery({ queryKey: ['kpi-catalogue'], queryFn: () => api<Catalogue>('/kpi/catalogue'), staleTime: 600_000 });
export const useEvaluation = (id: string, region?: string, asOf?: string) =>
  useQuery({ queryKey: ['kpi-eval', id, region, asOf], queryFn: () => api<Evaluation>(`/kpi/plans/${id}/evaluation`, { query: { region, asOf } }), placeholderData: (p) => p });
export const useRanking = (id: string, asOf?: string) => useQuery({ queryKey: ['kpi-rank', id, asOf], queryFn: () => api<Ranking>(`/kpi/plans/${id}/ranking`, { query: { asOf } }) });
export const useBreakdown = (id: string, dim: string, region?: string, asOf?: string) =>
  useQuery({ queryKey: ['kpi-bd', id, dim, region, asOf], queryFn: () => api<Breakdown>(`/kpi/plans/${id}/breakdown`, { query: { dim, region, asOf } }) });
export const useDrill = (q: { indicator: string; region: string; year: number; asOf?: string }) =>
  useQuery({ queryKey: ['kpi-drill', q], queryFn: () => api<Drill>('/kpi/drilldown', { query: q }) });
