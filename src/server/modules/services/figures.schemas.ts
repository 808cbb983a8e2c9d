import { z } from 'zod';

// The worker-services figures (issue 8 §1, §6): request and response of GET /api/services/figures.

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DateSchema = z.string().regex(DATE, { message: 'services.figures.date_format' });

export const FiguresQuerySchema = z.object({
  /** China dates; requests and applications made from `from` to `to` (both included). Default: the last 12 months. */
  from: DateSchema.optional(),
  to: DateSchema.optional(),
  federation: z.enum(['50', '51']).optional(),
  /** One union and the unions under it. */
  unionId: z.uuid().optional(),
});
export type FiguresQuery = z.infer<typeof FiguresQuerySchema>;

const Hours = z.number().nullable();

export const RequestFiguresSchema = z.object({
  requests: z.number().int(),
  answered: z.number().int(),
  answeredOnTime: z.number().int(),
  /** answeredOnTime ÷ (answered + overdue), 0..1; null when nothing is due yet. */
  onTimeRate: z.number().nullable(),
  medianHoursToFirstAnswer: Hours,
  meanHoursToFirstAnswer: Hours,
  medianHoursToClose: Hours,
  meanHoursToClose: Hours,
  open: z.number().int(),
  overdue: z.number().int(),
  escalated: z.number().int(),
});

export const MembershipFiguresSchema = z.object({
  submitted: z.number().int(),
  approved: z.number().int(),
  rejected: z.number().int(),
  withdrawn: z.number().int(),
  pending: z.number().int(),
  overdueReviews: z.number().int(),
  medianDaysToReview: z.number().nullable(),
});

const UnionRefSchema = z.object({ id: z.string(), name: z.string(), federation: z.enum(['50', '51']), level: z.enum(['federation', 'city', 'county']) });

export const FiguresSchema = z.object({
  from: z.string(),
  to: z.string(),
  federation: z.enum(['50', '51']).nullable(),
  union: UnionRefSchema.nullable(),
  /** The moment "open" and "overdue" are counted at. */
  at: z.string(),
  /** The federations within the caller's scope (the page offers the filter when there are two). */
  federations: z.array(z.enum(['50', '51'])),
  requests: RequestFiguresSchema,
  membership: MembershipFiguresSchema,
  byUnion: z.array(z.object({ union: UnionRefSchema, requests: RequestFiguresSchema, membership: MembershipFiguresSchema })),
  byCategory: z.array(RequestFiguresSchema.extend({ category: z.string() })),
  byChannel: z.array(z.object({ channel: z.enum(['online', 'desk']), requests: z.number().int() })),
  byMonth: z.array(z.object({
    month: z.string(), requests: z.number().int(), answered: z.number().int(), answeredOnTime: z.number().int(), applications: z.number().int(),
  })),
});
export type Figures = z.infer<typeof FiguresSchema>;
export type UnionRef = z.infer<typeof UnionRefSchema>;
