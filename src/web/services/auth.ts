import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from './client.js';

export type Role = 'admin' | 'federation_staff' | 'union_staff' | 'employer' | 'seeker' | 'judge' | 'chief_judge';
export const ROLE_LIST: Role[] = ['admin', 'federation_staff', 'union_staff', 'employer', 'seeker', 'judge', 'chief_judge'];

export interface Me {
  id: string;
  username: string | null;
  name: string;
  phoneMasked: string | null;
  roles: Role[];
  union: { id: string; name: string; regionCode: string; level: 'federation' | 'city' | 'county'; federation: '50' | '51' } | null;
  scopePrefix: string | null;
  permissions: {
    manageUsers: boolean; viewAudit: boolean; viewUnions: boolean;
    enterprises: boolean; reviewEnterprises: boolean; importSpreadsheets: boolean; editJobTypes: boolean; seasons: boolean; contests: boolean; cooperation: boolean; services: boolean; aidEnrolment: boolean;
  };
}

export const isStaff = (me: Me | null | undefined): boolean =>
  !!me && me.roles.some((r) => r === 'admin' || r === 'federation_staff' || r === 'union_staff');

/** Who uses the desktop console: staff, and employers for their enterprise and postings. */
export const usesConsole = (me: Me | null | undefined): boolean => isStaff(me) || !!me?.roles.includes('employer') || !!me?.roles.includes('chief_judge');

/** The logged-in user, or null when nobody is (401 is an answer, not an error). */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return (await api<{ user: Me }>('/api/auth/me')).user;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

export function useHealth() {
  return useQuery({
    queryKey: ['health'],
    queryFn: () => api<{ status: string; db: string; version: string; demo: boolean }>('/api/health'),
    staleTime: 300_000,
    retry: false,
  });
}

export function useAuthActions() {
  const queryClient = useQueryClient();
  return {
    async login(login: string, password: string): Promise<Me> {
      const { user } = await api<{ user: Me }>('/api/auth/login', { method: 'POST', body: { login, password } });
      queryClient.setQueryData(['me'], user);
      return user;
    },
    async logout(): Promise<void> {
      await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
      queryClient.clear();
      queryClient.setQueryData(['me'], null);
    },
  };
}

/** Where to go after login: staff to the console, everyone else to the mobile home. */
export function homeFor(me: Me, next: string | null): string {
  if (next && next.startsWith('/') && !next.startsWith('//')) {
    if (next.startsWith('/admin') && !usesConsole(me)) return '/m';
    return next;
  }
  return usesConsole(me) ? '/admin' : '/m';
}

export const DEMO_LOGINS = ['cq-admin', 'sc-admin', 'ga-union', 'employer-demo', 'seeker-demo', 'judge-demo', 'chief-judge-demo'];
