import { z } from 'zod';
import { pageOf, PageQuerySchema } from '../../platform/pagination.js';

// Joint meetings (联席会议, issue 7 §3) as one document: the facts, attendees, agenda, exchange
// speeches, field visits and activities, decisions and minutes are written together with the
// meeting's version. Limits are the columns' own (migration 0010). Field messages are catalogue keys.

export const MEETING_STATUSES = ['planned', 'held'] as const;
export const VISIT_KINDS = ['visit', 'activity'] as const;

const Day = z.iso.date({ message: 'validation.date' });
const Text = (max: number) => z.string().trim().max(max);

export const MeetingIdParamsSchema = z.object({ id: z.coerce.number().int().min(1) });
export const MeetingFileParamsSchema = MeetingIdParamsSchema.extend({ fileId: z.uuid() });

export const AttendeeInputSchema = z.object({
  name: Text(50).min(1),
  position: Text(100).default(''),
  /** A union's person (either federation or an invited union) … */
  unionId: z.uuid().nullable().default(null),
  /** … or a guest named by organisation. */
  organisation: Text(100).default(''),
});

export const AgendaInputSchema = z.object({
  /** '09:30', or '' when the agenda gives no time. */
  startsAt: z.string().trim().regex(/^(([01][0-9]|2[0-3]):[0-5][0-9])?$/, { message: 'coop.meetings.time_format' }).default(''),
  title: Text(200).min(1),
  presenter: Text(100).default(''),
});

export const SpeechInputSchema = z.object({
  unionId: z.uuid(),
  speaker: Text(50).default(''),
  title: Text(200).min(1),
  body: Text(20000).default(''),
  /** An uploaded file (POST /api/cooperation/meeting-files): PDF, Word or an image. */
  fileId: z.uuid().nullable().default(null),
});

export const VisitInputSchema = z.object({
  kind: z.enum(VISIT_KINDS).default('visit'),
  site: Text(200).min(1),
  purpose: Text(500).default(''),
});

export const DecisionInputSchema = z.object({
  text: Text(2000).min(1),
  ownerUnionId: z.uuid().nullable().default(null),
  dueOn: Day.nullable().default(null),
  /** A work item of the same agreement that the decision creates or drives. */
  workItemId: z.number().int().min(1).nullable().default(null),
});

const MeetingFields = z.object({
  title: Text(200).min(2),
  heldOn: Day,
  place: Text(200).default(''),
  hostUnionId: z.uuid(),
  status: z.enum(MEETING_STATUSES).default('planned'),
  attendees: z.array(AttendeeInputSchema).max(300).default([]),
  agenda: z.array(AgendaInputSchema).max(100).default([]),
  speeches: z.array(SpeechInputSchema).max(100).default([]),
  visits: z.array(VisitInputSchema).max(50).default([]),
  decisions: z.array(DecisionInputSchema).max(200).default([]),
  minutes: Text(50000).default(''),
});

export const MeetingCreateSchema = MeetingFields.extend({ agreementId: z.number().int().min(1) });
export type MeetingCreate = z.infer<typeof MeetingCreateSchema>;
/** The whole document again, with the version it was read at (409 when someone saved since). */
export const MeetingUpdateSchema = MeetingFields.extend({ version: z.number().int().min(1) });
export type MeetingUpdate = z.infer<typeof MeetingUpdateSchema>;
export type MeetingDoc = z.infer<typeof MeetingFields>;

export const MeetingListQuerySchema = PageQuerySchema.extend({ agreementId: z.coerce.number().int().min(1).optional() });
export type MeetingListQuery = z.infer<typeof MeetingListQuerySchema>;

const Union = z.object({ id: z.string(), name: z.string() });
const FileInfo = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number() });

export const MeetingSummarySchema = z.object({
  id: z.number(), agreement: z.object({ id: z.number(), title: z.string() }), title: z.string(), heldOn: z.string(), place: z.string(),
  hostUnion: Union, status: z.enum(MEETING_STATUSES),
  counts: z.object({ attendees: z.number(), agenda: z.number(), speeches: z.number(), visits: z.number(), decisions: z.number() }),
});
export const MeetingListSchema = pageOf(MeetingSummarySchema).extend({ me: z.object({ canManage: z.boolean() }) });

export const MeetingSchema = z.object({
  id: z.number(), agreement: z.object({ id: z.number(), title: z.string() }), title: z.string(), heldOn: z.string(), place: z.string(),
  hostUnion: Union, status: z.enum(MEETING_STATUSES), minutes: z.string(),
  attendees: z.array(z.object({ name: z.string(), position: z.string(), union: Union.nullable(), organisation: z.string() })),
  agenda: z.array(z.object({ startsAt: z.string(), title: z.string(), presenter: z.string() })),
  speeches: z.array(z.object({ union: Union, speaker: z.string(), title: z.string(), body: z.string(), file: FileInfo.nullable() })),
  visits: z.array(z.object({ kind: z.enum(VISIT_KINDS), site: z.string(), purpose: z.string() })),
  decisions: z.array(z.object({
    text: z.string(), ownerUnion: Union.nullable(), dueOn: z.string().nullable(),
    workItem: z.object({ id: z.number(), code: z.string(), title: z.string() }).nullable(),
  })),
  version: z.number(), updatedAt: z.string(),
  me: z.object({ canManage: z.boolean() }),
});
export type Meeting = z.infer<typeof MeetingSchema>;

export const MeetingFileSchema = FileInfo;

/** What the editor offers: the agreements, and the chosen one's work items (all years, newest area first) to link decisions to. */
export const MeetingOptionsSchema = z.object({
  agreements: z.array(z.object({ id: z.number(), title: z.string(), signedOn: z.string() })),
  items: z.array(z.object({ id: z.number(), code: z.string(), title: z.string(), year: z.number(), area: z.string() })),
});
export const MeetingOptionsQuerySchema = z.object({ agreementId: z.coerce.number().int().min(1).optional() });
