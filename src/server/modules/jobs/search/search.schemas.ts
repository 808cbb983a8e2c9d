import { z } from 'zod';
import { IndustryRefSchema, RegionRefSchema } from '../../orgs/enterprises.schemas.js';
import { EDUCATION } from '../postings.schemas.js';

// GET /api/jobs exactly as API.md fixes it, plus highlights and the answer's source.

const csv = (value: unknown) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value);

export const JobSearchQuerySchema = z.object({
  q: z.string().max(100).optional(),
  region: z.string().regex(/^\d{6}$/, { message: 'validation.region_code' }).optional(),
  industry: z.string().regex(/^[A-T](\d{2})?$/, { message: 'jobs.industry_filter' }).optional(),
  jobType: z.string().max(60).optional(),
  salaryMin: z.coerce.number().int().min(0).max(1_000_000).optional(),
  benefits: z.preprocess(csv, z.array(z.string().max(12)).max(10)).optional(),
  education: z.enum(EDUCATION).optional(),
  /** The seeker's county, for "near me first" under relevance (a logged-in seeker's own region otherwise). */
  near: z.string().regex(/^\d{6}$/, { message: 'validation.region_code' }).optional(),
  sort: z.enum(['relevance', 'newest', 'salary']).optional(),
  page: z.coerce.number().int().min(1).max(500).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});
export type JobSearchQuery = z.infer<typeof JobSearchQuerySchema>;

const FacetSchema = z.array(z.object({ value: z.string(), label: z.string(), count: z.number() }));

export const JobCardSchema = z.object({
  id: z.number(),
  title: z.string(),
  enterprise: z.object({ id: z.string(), name: z.string() }),
  region: RegionRefSchema,
  jobType: z.object({ code: z.string(), name: z.string() }),
  industry: IndustryRefSchema,
  salaryNegotiable: z.boolean(),
  salaryMin: z.number().nullable(),
  salaryMax: z.number().nullable(),
  headcount: z.number(),
  education: z.enum(EDUCATION),
  benefits: z.array(z.string()),
  publishedAt: z.string(),
  /** The title and a description excerpt with matched words in <em>…</em> (text otherwise escaped). */
  highlight: z.object({ title: z.string(), snippet: z.string() }),
});

export const JobSearchResultSchema = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(JobCardSchema),
  facets: z.object({ region: FacetSchema, industry: FacetSchema, jobType: FacetSchema }),
  /** Nothing matched the words as typed: these are the results for the closest job type or employer name. */
  suggestion: z.object({ kind: z.enum(['jobType', 'enterprise']), value: z.string() }).optional(),
  /** index: each server's in-memory index; database: PostgreSQL while the index is being built. */
  source: z.enum(['index', 'database']),
  tookMs: z.number(),
});
export type JobSearchResult = z.infer<typeof JobSearchResultSchema>;

export const RecommendationSchema = JobCardSchema.omit({ highlight: true }).extend({
  score: z.number(),
  reasons: z.array(z.string()),
  /** The reasons in the request's language, joined: 同区县 · 期望岗位 · 薪资匹配 */
  reason: z.string(),
});
export const RecommendationListSchema = z.object({ items: z.array(RecommendationSchema) });
export const LimitQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(50).default(20) });
export const JobIdParamsSchema = z.object({ id: z.coerce.number().int().positive() });
