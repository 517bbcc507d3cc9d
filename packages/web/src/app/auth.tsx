import { createContext, useContext, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@zhuanhua/domain';
import { api, ApiError } from '../api/client.ts';

export type CurrentUser = { id: number; username: string; displayName: string; role: Role; orgId: number | null; orgName: string | null };
type AuthState = { user: CurrentUser | null; loading: boolean; refresh: () => Promise<void>; logout: () => Promise<void> };

const AuthContext = createContext<AuthState>({ user: null, loading: true, refresh: async () => undefined, logout: async () => undefined });

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const me = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try { return (await api<{ user: CurrentUser }>('/auth/me')).user; } catch (e) { if (e instanceof ApiError && e.status === 401) return null; throw e; }
    },
    staleTime: 60_000,
  });
  const value: AuthState = {
    user: me.data ?? null,
    loading: me.isLoading,
    refresh: async () => { await qc.invalidateQueries({ queryKey: ['me'] }); },
    logout: async () => { await api('/auth/logout', { method: 'POST' }).catch(() => undefined); qc.clear(); await qc.invalidateQueries({ queryKey: ['me'] }); },
  };
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export const useAuth = () => useContext(AuthContext);

export const isOffice = (u: CurrentUser | null) => u?.role === 'platform_admin';
