import { z } from 'zod';
import { pageOf, PageQuerySchema } from '../../platform/pagination.js';
import { PhoneSchema } from '../accounts/accounts.schemas.js';

// Seasons and their events (issue 5 §1–2). Field messages are catalogue keys (validation.*).

export const GOALS = ['enterprises', 'positions', 'checkins', 'consultations', 'interviews', 'intents', 'fairs', 'livestreams', 'onlineFairs', 'forums'] as const;
export type Goal = (typeof GOALS)[number];
export const HOST_ROLES = ['guide', 'host', 'co_host', 'organiser'] as const;
export const EVENT_KINDS = ['fair', 'online', 'livestream', 'forum'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EVENT_STATUSES = ['draft', 'open', 'held', 'cancelled'] as const;
export const SEASON_STATUSES = ['draft', 'published', 'closed'] as const;

const Day = z.iso.date({ message: 'validation.date' });
const Instant = z.iso.datetime({ offset: true, message: 'validation.datetime' });
const Text = (max: number) => z.string().trim().max(max);
const Name = z.string().trim().min(2).max(100);

export const HostSchema = z.object({
  name: Name,
  unionId: z.uuid().nullable().optional(),
  role: z.enum(HOST_ROLES).default('host'),
});

const GoalsSchema = z.partialRecord(z.enum(GOALS), z.number().int().min(1).max(10_000_000));

// Without defaults: a change names only what changes (zod 4 fills defaults even in optional fields).
const SeasonFields = z.object({
  name: Name,
  theme: Text(200),
  description: Text(5000),
  startsOn: Day,
  endsOn: Day,
  /** The union that runs it; by default the creator's own. */
  ownerUnionId: z.uuid(),
  hosts: z.array(HostSchema).max(20),
  goals: GoalsSchema,
  status: z.enum(SEASON_STATUSES),
});

export const SeasonInputSchema = SeasonFields.extend({
  theme: SeasonFields.shape.theme.default(''),
  description: SeasonFields.shape.description.default(''),
  ownerUnionId: SeasonFields.shape.ownerUnionId.optional(),
  hosts: SeasonFields.shape.hosts.default([]),
  goals: GoalsSchema.default({}),
  status: SeasonFields.shape.status.default('draft'),
});
export type SeasonInput = z.infer<typeof SeasonInputSchema>;

export const SeasonUpdateSchema = SeasonFields.partial().extend({ version: z.number().int().min(1) });
export type SeasonUpdate = z.infer<typeof SeasonUpdateSchema>;

export const SeasonListQuerySchema = PageQuerySchema.extend({
  /** Staff: include drafts in their scope. */
  all: z.enum(['0', '1']).optional(),
});

export const SeasonSummarySchema = z.object({ id: z.number(), name: z.string(), theme: z.string(), startsOn: z.string(), endsOn: z.string(), status: z.enum(SEASON_STATUSES) });
export const SeasonListSchema = pageOf(SeasonSummarySchema);

const FiguresSchema = z.object({
  /** Employers, job types and postings (岗位) the season's events bring; openings: the people those postings ask for. */
  enterprises: z.number(), jobTypes: z.number(), positions: z.number(), openings: z.number(), checkins: z.number(),
  consultations: z.number(), interviews: z.number(), intents: z.number(),
});
export const StatsSchema = FiguresSchema.extend({
  byFederation: z.object({ '50': FiguresSchema, '51': FiguresSchema }),
  events: z.object({ fair: z.number(), online: z.number(), livestream: z.number(), forum: z.number(), held: z.number() }),
  at: z.string(),
});
export type Stats = z.infer<typeof StatsSchema>;

export const GoalProgressSchema = z.object({ goal: z.enum(GOALS), target: z.number(), value: z.number(), ratio: z.number() });

export const SeasonSchema = SeasonSummarySchema.extend({
  description: z.string(),
  ownerUnion: z.object({ id: z.string(), name: z.string() }),
  hosts: z.array(z.object({ name: z.string(), unionId: z.string().nullable(), role: z.enum(HOST_ROLES) })),
  goals: z.array(GoalProgressSchema),
  version: z.number(),
  permissions: z.object({ edit: z.boolean(), addEvent: z.boolean() }),
});
export type Season = z.infer<typeof SeasonSchema>;

export const SeasonIdParamsSchema = z.object({ id: z.coerce.number().int().min(1) });

// Kind-specific details: a livestream's platform and link, a forum's agenda and speakers.
export const LivestreamDetailsSchema = z.object({
  platform: Text(50).min(1),
  streamUrl: z.url({ protocol: /^https?$/, message: 'validation.url' }),
});
export const ForumDetailsSchema = z.object({
  agenda: z.array(z.object({ time: z.string().regex(/^\d{2}:\d{2}$/, { message: 'validation.time' }), title: Text(200).min(1) })).max(50).default([]),
  speakers: z.array(z.object({ name: Text(50).min(1), title: Text(100).default('') })).max(50).default([]),
});

export const ZoneInputSchema = z.object({
  kind: z.enum(['booths', 'demonstration', 'rights', 'membership', 'other']),
  name: Text(50).min(1),
  rows: z.number().int().min(1).max(50).default(1),
  cols: z.number().int().min(1).max(50).default(1),
});

const EventFields = z.object({
  kind: z.enum(EVENT_KINDS),
  name: Name,
  description: Text(5000),
  /** By default the season's owner; any union of either federation may host. */
  hostUnionId: z.uuid(),
  regionCode: z.string().regex(/^\d{6}$/, { message: 'validation.region_code' }),
  venue: Text(200),
  startsAt: Instant,
  endsAt: Instant,
  capacity: z.number().int().min(1).max(1_000_000).nullable(),
  livestream: LivestreamDetailsSchema,
  forum: ForumDetailsSchema,
  /** A fair's zones; booths are numbered in the booth zones (A01, A02 … per zone letter). */
  zones: z.array(ZoneInputSchema).max(20),
  status: z.enum(EVENT_STATUSES),
});

export const EventInputSchema = EventFields.extend({
  description: EventFields.shape.description.default(''),
  hostUnionId: EventFields.shape.hostUnionId.optional(),
  venue: EventFields.shape.venue.default(''),
  capacity: EventFields.shape.capacity.default(null),
  livestream: LivestreamDetailsSchema.optional(),
  forum: ForumDetailsSchema.optional(),
  zones: EventFields.shape.zones.optional(),
  status: EventFields.shape.status.default('draft'),
});
export type EventInput = z.infer<typeof EventInputSchema>;

export const EventUpdateSchema = EventFields.omit({ kind: true }).partial().extend({ version: z.number().int().min(1) });
export type EventUpdate = z.infer<typeof EventUpdateSchema>;

export const EventSummarySchema = z.object({
  id: z.number(), seasonId: z.number(), kind: z.enum(EVENT_KINDS), name: z.string(), venue: z.string(),
  region: z.object({ code: z.string(), name: z.string(), fullName: z.string() }),
  startsAt: z.string(), endsAt: z.string(), status: z.enum(EVENT_STATUSES), capacity: z.number().nullable(),
  hostUnion: z.object({ id: z.string(), name: z.string() }),
});
export const EventListSchema = pageOf(EventSummarySchema);
export const EventListQuerySchema = PageQuerySchema.extend({ kind: z.enum(EVENT_KINDS).optional() });

export const EventSchema = EventSummarySchema.extend({
  description: z.string(),
  livestream: LivestreamDetailsSchema.nullable(),
  forum: ForumDetailsSchema.nullable(),
  zones: z.array(ZoneInputSchema.extend({ id: z.number(), position: z.number(), booths: z.number() })),
  version: z.number(),
  permissions: z.object({ edit: z.boolean() }),
});
export type Event = z.infer<typeof EventSchema>;

// ---- sign-ups and booths (issue 5 §3) ----

export const SIGNUP_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;

export const SignupInputSchema = z.object({
  /** Staff signing up on an employer's behalf name the enterprise; an employer of one enterprise need not. */
  enterpriseId: z.uuid().optional(),
  // A large employer brings a few hundred postings to a big fair (the 2023 opening fair: up to ~320).
  postingIds: z.array(z.number().int().min(1)).min(1).max(500),
  note: Text(1000).optional(),
});

export const SignupSchema = z.object({
  id: z.number(), eventId: z.number(), enterprise: z.object({ id: z.string(), name: z.string() }), status: z.enum(SIGNUP_STATUSES),
  statusReason: z.string().nullable(), note: z.string(), booth: z.string().nullable(), createdAt: z.string(), reviewedAt: z.string().nullable(),
  postings: z.array(z.object({ id: z.number(), title: z.string(), jobTypeCode: z.string(), headcount: z.number(), status: z.string() })),
  permissions: z.object({ review: z.boolean(), withdraw: z.boolean() }),
});

export const SignupListSchema = pageOf(z.object({
  id: z.number(), enterprise: z.object({ id: z.string(), name: z.string(), regionCode: z.string(), industrySection: z.string() }),
  status: z.enum(SIGNUP_STATUSES), statusReason: z.string().nullable(), note: z.string(), booth: z.string().nullable(),
  postings: z.number(), positions: z.number(), createdAt: z.string(), reviewedAt: z.string().nullable(),
}));
export const SignupListQuerySchema = PageQuerySchema.extend({ status: z.enum(SIGNUP_STATUSES).optional() });

export const ReviewSchema = z.object({ decision: z.enum(['approve', 'reject']), reason: Text(500).optional() });
export const MoveBoothSchema = z.object({ boothId: z.number().int().min(1).nullable() });

export const FloorPlanSchema = z.object({
  zones: z.array(z.object({ id: z.number(), kind: z.string(), name: z.string(), rows: z.number(), cols: z.number() })),
  booths: z.array(z.object({
    id: z.number(), number: z.string(), zoneId: z.number(), row: z.number(), col: z.number(),
    enterprise: z.object({ name: z.string(), industrySection: z.string(), signupId: z.number().nullable() }).nullable(),
  })),
  permissions: z.object({ assign: z.boolean() }),
});

export const PublicBoothSchema = z.object({
  number: z.string(), zone: z.string(),
  enterprise: z.object({ name: z.string(), industrySection: z.string(), regionCode: z.string() }).nullable(),
  postings: z.array(z.object({ id: z.number(), title: z.string(), salaryMin: z.number().nullable(), salaryMax: z.number().nullable(), salaryNegotiable: z.boolean(), headcount: z.number() })),
});

// ---- visitors and check-ins (issue 5 §4) ----

export const VisitorInputSchema = z.object({
  name: z.string().trim().min(1).max(50),
  phone: PhoneSchema,
  regionCode: z.string().regex(/^\d{6}$/, { message: 'validation.region_code' }).nullable().optional(),
  consent: z.boolean(),
  /** Staff at the entrance: let the visitor in at once. */
  checkIn: z.boolean().optional(),
});

export const TicketSchema = z.object({
  id: z.number(), eventId: z.number(), name: z.string(), phoneMasked: z.string(), ticketCode: z.string(), token: z.string(),
  checkedInAt: z.string().nullable(), source: z.enum(['online', 'onsite']),
});
export const VisitorResultSchema = z.object({ visitor: TicketSchema, duplicate: z.boolean(), registered: z.boolean().optional() });
export const CheckinInputSchema = z.object({ code: z.string().trim().min(1).max(200) });
export const HourlySchema = z.array(z.object({ hour: z.string(), count: z.number() }));
export const VisitorSummarySchema = z.object({ registered: z.number(), checkedIn: z.number(), online: z.number(), onsite: z.number(), capacity: z.number().nullable() });

// ---- at the booth (issue 5 §5) ----

export const BoothRecordInputSchema = z.object({
  code: z.string().trim().min(1).max(200),
  kind: z.enum(['consultation', 'interview']),
  postingIds: z.array(z.number().int().min(1)).max(20).default([]),
  note: Text(1000).optional(),
  rating: z.number().int().min(1).max(5).optional(),
  outcome: z.enum(['pass', 'pending', 'fail']).optional(),
});
export const BoothRecordSchema = z.object({
  id: z.number(), kind: z.enum(['consultation', 'interview']), visitor: z.object({ name: z.string(), phoneMasked: z.string() }),
  enterprise: z.object({ id: z.string(), name: z.string() }), createdAt: z.string(),
});

export const IntentInputSchema = z.object({
  code: z.string().trim().min(1).max(200),
  postingId: z.number().int().min(1),
  salary: z.number().int().min(1).max(1_000_000),
  startDate: Day,
  note: Text(1000).optional(),
});
export const IntentSchema = z.object({
  id: z.number(), eventId: z.number(), status: z.enum(['proposed', 'confirmed', 'declined', 'cancelled']), salary: z.number(), startDate: z.string(), note: z.string(),
  posting: z.object({ title: z.string() }), enterprise: z.object({ name: z.string() }), visitor: z.object({ name: z.string(), phoneMasked: z.string() }),
  employerConfirmedAt: z.string(), visitorConfirmedAt: z.string().nullable(),
});
export const TicketViewSchema = z.object({
  eventId: z.number(), name: z.string(), phoneMasked: z.string(), ticketCode: z.string(), checkedInAt: z.string().nullable(), intents: z.array(IntentSchema),
});
export const TicketParamsSchema = z.object({ token: z.string().min(1).max(200) });
export const AnswerIntentSchema = z.object({ accept: z.boolean() });

export const ScreenSchema = z.object({
  season: z.object({ id: z.number(), name: z.string(), theme: z.string(), startsOn: z.string(), endsOn: z.string() }),
  stats: StatsSchema,
  hourly: z.array(z.object({ hour: z.string(), count: z.number() })),
  jobTypes: z.array(z.object({ code: z.string(), name: z.string(), postings: z.number(), positions: z.number() })),
  industries: z.array(z.object({ section: z.string(), name: z.string(), enterprises: z.number() })),
});

// ---- follow-ups of hiring intents (issue 5 §5) ----

export const FollowUpQuerySchema = PageQuerySchema.extend({
  /** due: today or earlier and not done (overdue included); overdue: before today and not done. */
  state: z.enum(['due', 'overdue', 'upcoming', 'done']).optional(),
  seasonId: z.coerce.number().int().min(1).optional(),
  day: z.enum(['30', '90']).transform(Number).optional(),
});
export const FollowUpSchema = z.object({
  id: z.number(), day: z.number(), dueOn: z.string(), overdue: z.boolean(), union: z.string(), enterprise: z.string(), posting: z.string(), event: z.string(),
  salary: z.number(), startDate: z.string(), visitor: z.object({ name: z.string(), phoneMasked: z.string() }),
  outcome: z.object({ contractSigned: z.boolean().nullable(), startedWork: z.boolean().nullable(), note: z.string(), doneAt: z.string() }).nullable(),
});
export const FollowUpListSchema = pageOf(FollowUpSchema);
export const FollowUpInputSchema = z.object({ contractSigned: z.boolean(), startedWork: z.boolean(), note: Text(1000).optional() });
export const FollowUpReportSchema = z.array(z.object({ day: z.number(), federation: z.enum(['50', '51']), total: z.number(), done: z.number(), contractSigned: z.number(), startedWork: z.number() }));
