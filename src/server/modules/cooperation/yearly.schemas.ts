import { z } from 'zod';

// Requests and responses of the yearly report and the leaders' dashboard (issue 7 §5, §6).

export const YearlyParamsSchema = z.object({
  id: z.coerce.number().int().min(1),
  year: z.coerce.number().int().min(2000).max(2100),
});

export const DashboardParamsSchema = z.object({ id: z.coerce.number().int().min(1) });
export const DashboardQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

const StatusSchema = z.enum(['on_track', 'at_risk', 'late', 'done']);
const CountsSchema = z.object({
  total: z.number(), on_track: z.number(), at_risk: z.number(), late: z.number(), done: z.number(), awaitingSignOff: z.number(),
});

export const DashboardAgreementsSchema = z.object({
  today: z.string(),
  agreements: z.array(z.object({ id: z.number(), title: z.string(), signedOn: z.string(), status: z.enum(['draft', 'active', 'closed']), years: z.array(z.number()) })),
});
export type DashboardAgreements = z.infer<typeof DashboardAgreementsSchema>;

export const DashboardSchema = z.object({
  agreement: z.object({ id: z.number(), title: z.string() }),
  year: z.number(),
  today: z.string(),
  counts: CountsSchema,
  areas: z.array(z.object({ id: z.number(), name: z.string(), percent: z.number(), counts: CountsSchema })),
  federations: z.array(z.object({
    federation: z.enum(['50', '51']),
    name: z.string(),
    counts: CountsSchema,
    overdueReports: z.number(),
    /** The federation's items that are late or at risk. */
    attention: z.array(z.object({ id: z.number(), code: z.string(), title: z.string(), status: StatusSchema })),
    overdue: z.array(z.object({
      itemId: z.number(), code: z.string(), title: z.string(), union: z.string(), period: z.string(), dueOn: z.string(), daysLate: z.number(),
      reportStatus: z.enum(['draft', 'submitted', 'accepted', 'returned']).nullable(),
    })),
  })),
  dueDates: z.array(z.object({
    id: z.number(), code: z.string(), title: z.string(), dueOn: z.string(), daysLeft: z.number(), percent: z.number(), status: StatusSchema,
    awaitingSignOff: z.boolean(), lead: z.string(),
  })),
  meetings: z.array(z.object({
    id: z.number(), title: z.string(), heldOn: z.string(), place: z.string(), host: z.string(), status: z.enum(['planned', 'held']), decisions: z.number(),
  })),
  highlights: z.number(),
  downloads: z.object({ pdf: z.string(), xlsx: z.string() }),
});
export type Dashboard = z.infer<typeof DashboardSchema>;
