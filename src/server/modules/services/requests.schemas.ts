import { z } from 'zod';
import { isMainlandMobile, isValidIdCard, normalizePhone } from '../../../shared/validators.js';
import { pageOf, PageQuerySchema } from '../../platform/pagination.js';

// Consultations, rights requests and mutual-aid claims (issue 8 §1, §3): requests and responses of
// /api/services/requests… (services-contract.md "Requests API"). Field messages are catalogue keys.

export const REQUEST_KINDS = ['consultation', 'aid_claim'] as const;
export const SERVICE_CATEGORIES = ['wage_arrears', 'labour_contract', 'social_insurance', 'work_injury', 'dismissal', 'mutual_aid', 'other'] as const;
export const REQUEST_STATUSES = ['open', 'assigned', 'answered', 'closed', 'reopened'] as const;
export const SLA_STATES = ['met', 'missed', 'on_time', 'due_soon', 'overdue'] as const;
export const HISTORY_ACTIONS = ['created', 'assigned', 'transferred', 'answered', 'followed_up', 'closed', 'reopened', 'escalated', 'auto_closed', 'erased'] as const;

const uuidLike = z.string().trim().max(100);

/** What a worker (or staff at a desk) submits. Cross-field rules (claims, employer) are checked by the service with these. */
export const RequestInputSchema = z.object({
  kind: z.enum(REQUEST_KINDS).default('consultation'),
  /** Required for consultations; a claim is 'mutual_aid' unless said otherwise. */
  category: z.enum(SERVICE_CATEGORIES).optional(),
  regionCode: z.string({ message: 'services.requests.region_required' }).trim().min(1, { message: 'services.requests.region_required' }).regex(/^\d{6}$/, { message: 'validation.region_code' }),
  enterpriseId: uuidLike.nullish(),
  employerName: z.string().trim().max(100).default(''),
  subject: z.string().trim().min(1).max(100),
  body: z.string().trim().min(1).max(5000),
  consent: z.literal(true, { message: 'services.consent_required' }),
  aidPlanId: z.number().int().min(1).nullish(),
  idCard: z.string().trim().refine(isValidIdCard, { message: 'validation.id_card' }).nullish(),
  claimAmount: z.number().int().min(1).max(1_000_000).nullish(),
  incidentOn: z.iso.date({ message: 'validation.date' }).nullish(),
});
export type RequestInput = z.input<typeof RequestInputSchema>;
export type RequestValues = z.output<typeof RequestInputSchema>;

/** At a fair desk: the same, plus who the worker is (typed by staff) and where. */
export const DeskRequestInputSchema = RequestInputSchema.extend({
  name: z.string().trim().min(1).max(50),
  phone: z.string().transform(normalizePhone).refine(isMainlandMobile, { message: 'validation.phone' }),
  eventId: z.number().int().min(1).nullish(),
  visitorId: z.number().int().min(1).nullish(),
});
export type DeskRequestInput = z.input<typeof DeskRequestInputSchema>;
export type DeskRequestValues = z.output<typeof DeskRequestInputSchema>;

export const RequestIdParamsSchema = z.object({ id: z.string().max(100) });
export const RequestFileParamsSchema = RequestIdParamsSchema.extend({ fileId: z.string().max(100) });

export const MyRequestsQuerySchema = PageQuerySchema;
export const QueueQuerySchema = PageQuerySchema.extend({
  status: z.enum(REQUEST_STATUSES).optional(),
  category: z.enum(SERVICE_CATEGORIES).optional(),
  kind: z.enum(REQUEST_KINDS).optional(),
  sla: z.enum(SLA_STATES).optional(),
  unionId: z.uuid().optional(),
  eventId: z.coerce.number().int().min(1).optional(),
  /** Assigned to this staff member ('me' for the caller). */
  assigneeId: z.union([z.literal('me'), z.uuid()]).optional(),
  q: z.string().trim().max(100).optional(),
});
export type QueueQuery = z.infer<typeof QueueQuerySchema>;

export const MessageInputSchema = z.object({
  body: z.string().trim().min(1).max(5000),
  isInternal: z.boolean().default(false),
});
export const AssignInputSchema = z.object({ assigneeId: z.uuid({ message: 'services.requests.assignee_not_staff' }) });
export const TransferInputSchema = z.object({
  unionId: z.uuid({ message: 'services.requests.union_unknown' }),
  note: z.string().trim().min(1, { message: 'services.requests.note_required' }).max(500),
});
export const CloseInputSchema = z.object({ note: z.string().trim().max(500).optional() });
export const ReopenInputSchema = z.object({ body: z.string().trim().min(1).max(5000) });
export const EmployersQuerySchema = z.object({ q: z.string().trim().max(50).default('') });

const Ref = z.object({ id: z.string(), name: z.string() });
export const FileInfoSchema = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number().int(), createdAt: z.string() });
export type FileInfo = z.infer<typeof FileInfoSchema>;

export const RequestSummarySchema = z.object({
  id: z.string(),
  refNo: z.string(),
  kind: z.enum(REQUEST_KINDS),
  category: z.enum(SERVICE_CATEGORIES),
  channel: z.enum(['online', 'desk']),
  status: z.enum(REQUEST_STATUSES),
  sla: z.enum(SLA_STATES),
  /** Null when the caller may not read the request's content (unions above the owner). */
  subject: z.string().nullable(),
  region: z.object({ code: z.string(), name: z.string() }),
  ownerUnion: Ref,
  assignee: Ref.nullable(),
  employerName: z.string(),
  event: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  createdAt: z.string(),
  answerDueAt: z.string(),
  firstAnsweredAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
});
export type RequestSummary = z.infer<typeof RequestSummarySchema>;

export const MessageSchema = z.object({
  id: z.number().int(),
  authorRole: z.enum(['worker', 'staff']),
  authorName: z.string().nullable(),
  unionName: z.string().nullable(),
  body: z.string().nullable(),
  isInternal: z.boolean(),
  createdAt: z.string(),
  files: z.array(FileInfoSchema),
});

export const HistorySchema = z.object({
  action: z.enum(HISTORY_ACTIONS),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  fromUnion: Ref.nullable(),
  toUnion: Ref.nullable(),
  note: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
});

export const RequestDetailSchema = RequestSummarySchema.extend({
  enterprise: Ref.nullable(),
  routedBy: z.enum(['region', 'employer', 'transfer']),
  closeReason: z.enum(['confirmed', 'auto', 'staff']).nullable(),
  reopenCount: z.number().int(),
  /** answeredAt + 7 days while answered (it then closes by itself), else null. */
  autoCloseAt: z.string().nullable(),
  contentHidden: z.boolean(),
  body: z.string().nullable(),
  worker: z.object({ name: z.string().nullable(), phoneMasked: z.string().nullable() }).nullable(),
  aid: z.object({
    plan: z.object({ id: z.number().int(), name: z.string() }),
    claimAmount: z.number().int().nullable(),
    incidentOn: z.string().nullable(),
    memberFound: z.boolean(),
  }).nullable(),
  files: z.array(FileInfoSchema),
  messages: z.array(MessageSchema),
  history: z.array(HistorySchema),
  can: z.object({ reply: z.boolean(), attach: z.boolean(), assign: z.boolean(), transfer: z.boolean(), close: z.boolean(), reopen: z.boolean() }),
});
export type RequestDetail = z.infer<typeof RequestDetailSchema>;

export const RequestListSchema = pageOf(RequestSummarySchema);
export type RequestList = z.infer<typeof RequestListSchema>;

export const EmployerListSchema = z.array(z.object({ id: z.string(), name: z.string(), region: z.object({ code: z.string(), name: z.string() }) }));
export const UnionListSchema = z.array(z.object({ id: z.string(), name: z.string(), federation: z.enum(['50', '51']), level: z.enum(['federation', 'city', 'county']) }));
export const AssigneeListSchema = z.array(Ref);
