import { useQuery } from '@tanstack/react-query';
import { currentLang } from '../../../i18n/index.js';
import { api } from '../../../services/client.js';

// The worker-services figures (server: modules/services/figures.routes.ts).

export type Federation = '50' | '51';

export interface RequestFigures {
  requests: number;
  answered: number;
  answeredOnTime: number;
  /** answeredOnTime ÷ (answered + overdue), 0..1. */
  onTimeRate: number | null;
  medianHoursToFirstAnswer: number | null;
  meanHoursToFirstAnswer: number | null;
  medianHoursToClose: number | null;
  meanHoursToClose: number | null;
  open: number;
  overdue: number;
  escalated: number;
}

export interface MembershipFigures {
  submitted: number;
  approved: number;
  rejected: number;
  withdrawn: number;
  pending: number;
  overdueReviews: number;
  medianDaysToReview: number | null;
}

export interface UnionRef { id: string; name: string; federation: Federation; level: 'federation' | 'city' | 'county' }

export interface Figures {
  from: string;
  to: string;
  federation: Federation | null;
  union: UnionRef | null;
  at: string;
  federations: Federation[];
  requests: RequestFigures;
  membership: MembershipFigures;
  byUnion: { union: UnionRef; requests: RequestFigures; membership: MembershipFigures }[];
  byCategory: (RequestFigures & { category: string })[];
  byChannel: { channel: 'online' | 'desk'; requests: number }[];
  byMonth: { month: string; requests: number; answered: number; answeredOnTime: number; applications: number }[];
}

export interface FiguresQuery { from?: string | undefined; to?: string | undefined; federation?: Federation | undefined }

export function useFigures(query: FiguresQuery) {
  return useQuery({
    queryKey: ['services-figures', query.from, query.to, query.federation, currentLang],
    queryFn: () => api<Figures>('/api/services/figures', { query: { ...query } }),
  });
}

/** How many unions the bars show; the table lists them all. */
export const TOP_UNIONS = 12;

/** The bars' colours: answered on time, answered late, not answered. */
export const FIGURE_COLORS = { onTime: '#16a34a', late: '#d97706', unanswered: '#dc2626', requests: '#2563eb', applications: '#7c3aed' } as const;
