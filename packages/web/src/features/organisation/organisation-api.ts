import { useQuery } from '@tanstack/react-query';
import { api, type List, type Query } from '../../api/client.ts';

export type Organisation = {
  id: number; name: string; type: string; sizeClass: string | null; uscc: string | null; regionCode: string | null; regionName: string | null;
  address: string | null; industryCode: string | null; businessScope: string | null; products: string | null; contactName: string | null;
  contactPhone: string | null; contactEmail: string | null; isDemo: boolean; patentCount: number;
};
export const useOrganisations = (q: Query) => useQuery({ queryKey: ['organisations', q], queryFn: () => api<List<Organisation>>('/organisations', { query: q }), placeholderData: (p) => p });
export const useOrganisation = (id: number) => useQuery({ queryKey: ['organisation', id], queryFn: () => api<Organisation>(`/organisations/${id}`) });
