import { z } from 'zod';
import { isMainlandMobile, isValidIdCard, normalizePhone } from '../../../shared/validators.js';
import { pageOf, PageQuerySchema } from '../../platform/pagination.js';

// Union membership (入会, issue 8 §2): applications, the review queue, the card and its public check.
// Field messages are catalogue keys (validation.*, services.*).

export const MEMBERSHIP_STATUSES = ['submitted', 'approved', 'rejected', 'withdrawn'] as const;
export type MembershipStatusName = (typeof MEMBERSHIP_STATUSES)[number];

const IdCardSchema = z.string().trim().toUpperCase().refine(isValidIdCard, { message: 'validation.id_card' });
const PhoneSchema = z.string().trim().transform(normalizePhone).refine(isMainlandMobile, { message: 'validation.phone' });
const NameSchema = z.string().trim().min(1, { message: 'services.membership.name_required' }).max(50, { message: 'services.membership.name_too_long' });

/** A worker's own application: his name and phone default to his account's. */
export const MembershipInputSchema = z.object({
  name: NameSchema.optional(),
  idCard: IdCardSchema,
  phone: PhoneSchema.optional(),
  /** The employer's region (a county). */
  regionCode: z.string().trim().regex(/^\d{6}$/, { message: 'validation.region_code' }),
  /** A registered employer (GET /api/services/employers) or a typed name — one of them. */
  enterpriseId: z.string().trim().max(64).nullable().optional(),
  employerName: z.string().trim().max(100, { message: 'services.membership.employer_too_long' }).optional(),
  consent: z.literal(true, { message: 'services.consent_required' }),
});
export type MembershipInput = z.infer<typeof MembershipInputSchema>;

/** Recorded by staff at a fair desk: the name and phone as the worker gives them, and the visitor of that fair. */
export const DeskMembershipInputSchema = MembershipInputSchema.extend({
  name: NameSchema,
  phone: PhoneSchema,
  eventId: z.number().int().min(1).optional(),
  visitorId: z.number().int().min(1).optional(),
});
export type DeskMembershipInput = z.infer<typeof DeskMembershipInputSchema>;

export const MembershipIdParamsSchema = z.object({ id: z.string().trim().max(64) });
export const CardCodeParamsSchema = z.object({ code: z.string().trim().max(100) });
export const RejectSchema = z.object({ reason: z.string().trim().min(1, { message: 'services.membership.reason_required' }).max(500) });
export const RevealSchema = z.object({ field: z.enum(['idCard', 'phone']), reason: z.string().trim().min(2, { message: 'services.membership.reveal_reason' }).max(200) });
export const RevealResultSchema = z.object({ value: z.string().nullable() });

export const MembershipListQuerySchema = PageQuerySchema.extend({
  status: z.enum(MEMBERSHIP_STATUSES).optional(),
  /** Only applications past their review date. */
  overdue: z.enum(['true', 'false']).optional(),
  unionId: z.uuid().optional(),
  /** A reference number (RH2026-000012) or member number. */
  q: z.string().trim().max(40).optional(),
});
export type MembershipListQuery = z.infer<typeof MembershipListQuerySchema>;

const Ref = z.object({ id: z.string(), name: z.string() });

export const MembershipSummarySchema = z.object({
  id: z.string(),
  refNo: z.string(),
  channel: z.enum(['online', 'desk']),
  status: z.enum(MEMBERSHIP_STATUSES),
  /** The applicant's name: in full for the owner union and the worker, masked for unions above. */
  name: z.string().nullable(),
  region: z.object({ code: z.string(), name: z.string() }),
  ownerUnion: Ref,
  employerName: z.string(),
  event: Ref.extend({ id: z.number().int() }).nullable(),
  createdAt: z.string(),
  /** The promised review date (China date, 5 working days after applying). */
  reviewDueOn: z.string(),
  overdue: z.boolean(),
  reviewedAt: z.string().nullable(),
  memberNo: z.string().nullable(),
});
export type MembershipSummary = z.infer<typeof MembershipSummarySchema>;

export const MembershipDetailSchema = MembershipSummarySchema.extend({
  idCardMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  enterprise: Ref.nullable(),
  routedBy: z.enum(['region', 'employer']),
  rejectReason: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  joinedOn: z.string().nullable(),
  consentedAt: z.string(),
  /** What the caller may do (the page hides the rest). */
  can: z.object({ review: z.boolean(), reveal: z.boolean(), withdraw: z.boolean() }),
});
export type MembershipDetail = z.infer<typeof MembershipDetailSchema>;

export const MembershipListSchema = pageOf(MembershipSummarySchema);

/** The member's electronic card; its QR opens the public check at checkPath. */
export const CardSchema = z.object({
  name: z.string(),
  union: z.string(),
  memberNo: z.string(),
  joinedOn: z.string(),
  code: z.string(),
  checkPath: z.string(),
});
export type Card = z.infer<typeof CardSchema>;

export const MyMembershipSchema = z.object({ application: MembershipDetailSchema.nullable(), card: CardSchema.nullable() });
export type MyMembership = z.infer<typeof MyMembershipSchema>;
export const MyCardSchema = z.object({ card: CardSchema.nullable() });

/** The public check a card's QR opens: a masked name, never the 身份证号 or phone. */
export const CardCheckSchema = z.object({
  valid: z.boolean(),
  name: z.string().nullable(),
  union: z.string(),
  memberNo: z.string(),
  joinedOn: z.string(),
});
export type CardCheck = z.infer<typeof CardCheckSchema>;
