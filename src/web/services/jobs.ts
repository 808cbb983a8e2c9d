import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from './client.js';
import type { Posting } from './employment.js';

// The public job search and the seeker's side of applying (issue 4), for the mobile pages.

/** A published posting as the public sees it: the staff's Posting without what only staff see. */
export type PublicJob = Pick<Posting, 'id' | 'title' | 'region' | 'jobType' | 'industry' | 'salaryNegotiable' | 'salaryMin' | 'salaryMax'
  | 'headcount' | 'education' | 'experience' | 'descriptionHtml' | 'benefits' | 'contactName' | 'validUntil' | 'publishedAt'> & { enterprise: { id: string; name: string } };

/** A search result: the public posting's card fields, with the matches highlighted. */
export type JobCard = Pick<PublicJob, 'id' | 'title' | 'enterprise' | 'region' | 'jobType' | 'industry' | 'salaryNegotiable' | 'salaryMin' | 'salaryMax'
  | 'headcount' | 'education' | 'benefits'> & {
  publishedAt: string;
  /** Server-built HTML: escaped text with <em> around matched words only. */
  highlight: { title: string; snippet: string };
};

export interface Facet { value: string; label: string; count: number }

export interface JobSearchPage {
  total: number;
  page: number;
  pageSize: number;
  items: JobCard[];
  facets: { region: Facet[]; industry: Facet[]; jobType: Facet[] };
  source: 'index' | 'database';
  tookMs: number;
  suggestion?: { kind: 'jobType' | 'enterprise'; value: string };
}

export interface JobFilters {
  q: string;
  region?: string;
  salaryMin?: number;
  sort?: 'relevance' | 'newest' | 'salary';
}

export type ApplicationStatus = 'new' | 'viewed' | 'interview' | 'intent' | 'hired' | 'rejected' | 'withdrawn';

export interface MyApplication {
  id: number;
  status: ApplicationStatus;
  appliedAt: string;
  updatedAt: string;
  interviewAccepted: boolean;
  posting: { id: number; title: string; regionCode: string; salaryMin: number | null; salaryMax: number | null; salaryNegotiable: boolean; open: boolean; enterprise: { id: string; name: string } };
}

export const PAGE_SIZE = 20;

export function useJobSearch(filters: JobFilters) {
  return useInfiniteQuery({
    queryKey: ['jobs', filters],
    initialPageParam: 1,
    queryFn: ({ pageParam }) => api<JobSearchPage>('/api/jobs', { query: { ...filters, page: pageParam, pageSize: PAGE_SIZE } }),
    getNextPageParam: (last) => (last.page * last.pageSize < last.total && last.page < 500 ? last.page + 1 : undefined),
  });
}

export function usePublicJob(id: number) {
  return useQuery({ queryKey: ['job', id], queryFn: () => api<PublicJob>(`/api/jobs/${id}`), enabled: Number.isInteger(id) && id > 0 });
}

export function useMyApplications(enabled: boolean) {
  return useQuery({ queryKey: ['my-applications'], queryFn: () => api<{ total: number; items: MyApplication[] }>('/api/me/applications', { query: { pageSize: 100 } }), enabled });
}

/** A key that survives a retry of the same tap (a lost answer on a weak network is retried, not doubled). */
export function applyKey(jobId: number): string {
  const name = `chuanyu.apply.${jobId}`;
  let key = sessionStorage.getItem(name);
  if (!key) { key = `apply-${jobId}-${crypto.randomUUID()}`; sessionStorage.setItem(name, key); }
  return key;
}

export function salaryLabel(job: { salaryNegotiable: boolean; salaryMin: number | null; salaryMax: number | null }, negotiable: string): string {
  if (job.salaryNegotiable || job.salaryMin === null) return negotiable;
  const k = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(n % 1000 ? 1 : 0)}k` : String(n));
  return job.salaryMax && job.salaryMax !== job.salaryMin ? `${k(job.salaryMin)}–${k(job.salaryMax)}` : `${k(job.salaryMin)}+`;
}

export type Recommendation = Omit<JobCard, 'highlight'> & { score: number; reasons: string[]; reason: string };

export function useRecommendations(enabled: boolean) {
  return useQuery({ queryKey: ['recommendations'], queryFn: () => api<{ items: Recommendation[] }>('/api/me/recommendations', { query: { limit: 5 } }), enabled });
}

export function useSimilarJobs(id: number) {
  return useQuery({ queryKey: ['similar', id], queryFn: () => api<{ items: Recommendation[] }>(`/api/jobs/${id}/similar`, { query: { limit: 5 } }), enabled: id > 0 });
}
