import { z } from 'zod';

// The fair desks (issue 8 §4): requests and responses. Field messages are catalogue keys.

export const DESKS = ['consultation', 'membership'] as const;
export type Desk = (typeof DESKS)[number];

export const DeskEventParamsSchema = z.object({ eventId: z.coerce.number().int().min(1) });
export const DeskTicketParamsSchema = DeskEventParamsSchema.extend({ code: z.string().trim().min(1).max(200) });
export const DeskVisitorParamsSchema = DeskEventParamsSchema.extend({ visitorId: z.coerce.number().int().min(1) });
export const DeskQuerySchema = z.object({ desk: z.enum(DESKS) });
export const ShareSchema = z.object({ consent: z.literal(true, { message: 'services.desk.consent_required' }) });

const Ref = z.object({ id: z.string(), name: z.string() });

export const DeskFairListSchema = z.array(z.object({
  id: z.number().int(), name: z.string(), venue: z.string(), season: z.string(), startsAt: z.string(), endsAt: z.string(), status: z.enum(['open', 'held']),
}));

export const DeskViewSchema = z.object({
  event: z.object({ id: z.number().int(), name: z.string() }),
  desk: z.enum(DESKS),
  visitor: z.object({
    id: z.number().int(), name: z.string(), phoneMasked: z.string(), ticketCode: z.string(),
    /** Only with his consent (the check-in is the entrance's record). */
    checkedInAt: z.string().nullable(),
  }),
  /** He agreed that this fair's desks see his records together. */
  shared: z.boolean(),
  sharedAt: z.string().nullable(),
  checkin: z.object({ checkedInAt: z.string().nullable(), source: z.enum(['online', 'onsite']), registeredAt: z.string() }).nullable(),
  requests: z.array(z.object({
    id: z.string(), refNo: z.string(), kind: z.enum(['consultation', 'aid_claim']), category: z.string(), status: z.string(),
    /** The subject only for the owner union's staff (the words of a request are theirs and the worker's). */
    subject: z.string().nullable(), ownerUnion: Ref, createdAt: z.string(),
  })),
  memberships: z.array(z.object({ id: z.string(), refNo: z.string(), status: z.string(), memberNo: z.string().nullable(), ownerUnion: Ref, createdAt: z.string() })),
  /** Records of the other desks exist but are not shown (no consent). */
  hidden: z.boolean(),
  /** The visitor's name and phone for the desk's forms (the phone in full only to prefill, never shown). */
  prefill: z.object({ name: z.string(), phone: z.string() }),
});
export type DeskView = z.infer<typeof DeskViewSchema>;
