import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';

export type Job<R = Record<string, unknown>> = {
  id: number; kind: string; status: 'queued' | 'running' | 'succeeded' | 'failed'; progress: number; total: number; message: string | null;
  result: R | null; error: { code: string; message: string; details?: unknown } | null;
};

/** Poll a job every 500 ms until it ends. */
export function useJob<R = Record<string, unknown>>(id: number | null) {
  return useQuery({
    queryKey: ['job', id],
    queryFn: () => api<Job<R>>(`/jobs/${id}`),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'succeeded' || q.state.data.status === 'failed') ? false : 500),
  });
}
