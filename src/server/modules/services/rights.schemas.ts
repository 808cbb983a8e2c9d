import { z } from 'zod';

// A worker's data rights over the services (issue 8 §5): see, export (JSON, PDF), withdraw a
// consent, erase. Field messages are catalogue keys.

export const EraseSchema = z.object({ password: z.string().min(1, { message: 'validation.required' }).max(200) });
export const ConsentParamsSchema = z.object({ id: z.coerce.number().int().min(1) });

const PURPOSES = ['consultation', 'membership', 'aid_enrolment', 'aid_claim', 'visitor_share'] as const;

export const ConsentSchema = z.object({
  id: z.number().int(),
  purpose: z.enum(PURPOSES),
  recordType: z.string(),
  /** The wording he agreed to: its catalogue key and its text. */
  textKey: z.string(),
  text: z.string(),
  channel: z.enum(['online', 'desk', 'employer']),
  givenAt: z.string(),
  withdrawnAt: z.string().nullable(),
  /** Only the sharing at a fair can be withdrawn on its own; the others end with their record's erasure. */
  canWithdraw: z.boolean(),
});

export const SummarySchema = z.object({
  counts: z.object({ requests: z.number().int(), claims: z.number().int(), memberships: z.number().int(), aidMemberships: z.number().int(), consents: z.number().int(), files: z.number().int() }),
  /** An approved membership keeps its number in the union's register after erasure. */
  approvedMember: z.boolean(),
  consents: z.array(ConsentSchema),
});
export type Summary = z.infer<typeof SummarySchema>;

const Message = z.object({ author: z.enum(['worker', 'staff']), union: z.string().nullable(), body: z.string(), at: z.string(), files: z.array(z.string()) });
const RequestExport = z.object({
  id: z.string(), refNo: z.string(), kind: z.enum(['consultation', 'aid_claim']), category: z.string(), channel: z.enum(['online', 'desk']), status: z.string(),
  event: z.string().nullable(), name: z.string().nullable(), phone: z.string().nullable(), region: z.object({ code: z.string(), name: z.string() }),
  employer: z.string(), subject: z.string().nullable(), body: z.string().nullable(), ownerUnion: z.string(),
  claim: z.object({ plan: z.string(), amount: z.number().nullable(), incidentOn: z.string().nullable() }).nullable(),
  createdAt: z.string(), firstAnsweredAt: z.string().nullable(), closedAt: z.string().nullable(), consentedAt: z.string(),
  files: z.array(z.object({ name: z.string(), mime: z.string(), size: z.number().int() })),
  messages: z.array(Message),
});

export const ExportSchema = z.object({
  exportedAt: z.string(),
  person: z.object({ name: z.string(), phone: z.string().nullable(), idCards: z.array(z.string()) }),
  consents: z.array(ConsentSchema),
  requests: z.array(RequestExport),
  claims: z.array(RequestExport),
  memberships: z.array(z.object({
    id: z.string(), refNo: z.string(), channel: z.enum(['online', 'desk']), status: z.string(), name: z.string().nullable(), idCard: z.string().nullable(), phone: z.string().nullable(),
    region: z.object({ code: z.string(), name: z.string() }), employer: z.string(), ownerUnion: z.string(), reviewDueOn: z.string(), reviewedAt: z.string().nullable(),
    rejectReason: z.string().nullable(), createdAt: z.string(), consentedAt: z.string(),
    card: z.object({ memberNo: z.string(), joinedOn: z.string(), checkUrl: z.string() }).nullable(),
  })),
  aidMemberships: z.array(z.object({
    plan: z.string(), period: z.string(), enterprise: z.string(), status: z.string(), confirmedAt: z.string().nullable(),
    name: z.string().nullable(), idCard: z.string().nullable(), phone: z.string().nullable(),
  })),
});
export type ServicesExport = z.infer<typeof ExportSchema>;

export const ErasedSchema = z.object({
  requests: z.number().int(), files: z.number().int(), messages: z.number().int(), memberships: z.number().int(), aidMembers: z.number().int(), consents: z.number().int(),
});
