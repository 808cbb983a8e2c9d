import { z } from 'zod';
import { pageOf, PageQuerySchema } from '../../platform/pagination.js';
import { IndicatorSchema } from './indicators.js';
import { STATUSES } from './status.js';

// The framework agreement, its yearly areas and work items, manual progress with evidence and the
// two federations' sign-off (issue 7 §1, §4). Limits are the columns' own (migration 0010).

const Day = z.iso.date({ message: 'validation.date' });
const Text = (max: number) => z.string().trim().max(max);

export const IdParamsSchema = z.object({ id: z.coerce.number().int().min(1) });
export const FileParamsSchema = IdParamsSchema.extend({ fileId: z.uuid() });

// ---- agreements ----

const AgreementFields = z.object({
  title: Text(200).min(2),
  parties: z.array(Text(100).min(1)).min(2).max(10),
  signedOn: Day,
  endsOn: Day.nullable().default(null),
  summary: Text(2000).default(''),
  body: Text(100000).default(''),
  status: z.enum(['draft', 'active', 'closed']).default('active'),
});
export const AgreementInputSchema = AgreementFields;
export type AgreementInput = z.infer<typeof AgreementInputSchema>;
export const AgreementUpdateSchema = AgreementFields.extend({ endsOn: Day.nullable(), summary: Text(2000), body: Text(100000), status: z.enum(['draft', 'active', 'closed']) }).partial().extend({ version: z.number().int().min(1) });
export type AgreementUpdate = z.infer<typeof AgreementUpdateSchema>;

const FileInfo = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number() });
const Union = z.object({ id: z.string(), name: z.string() });
const SideUnion = Union.extend({ federation: z.enum(['50', '51']) });

export const AgreementSummarySchema = z.object({
  id: z.number(), title: z.string(), parties: z.array(z.string()), signedOn: z.string(), endsOn: z.string().nullable(),
  summary: z.string(), status: z.enum(['draft', 'active', 'closed']),
});
export const AgreementListSchema = pageOf(AgreementSummarySchema).extend({ permissions: z.object({ canEdit: z.boolean() }) });

export const AgreementSchema = AgreementSummarySchema.extend({
  body: z.string(),
  files: z.array(FileInfo.extend({ title: z.string(), addedAt: z.string() })),
  /** Years that have areas, newest first. */
  years: z.array(z.number()),
  version: z.number(),
  updatedAt: z.string(),
  permissions: z.object({ canEdit: z.boolean() }),
});
export type Agreement = z.infer<typeof AgreementSchema>;

// ---- areas ----

export const AreaInputSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  seq: z.number().int().min(0).max(999).default(0),
  name: Text(100).min(1),
  description: Text(2000).default(''),
});
export type AreaInput = z.infer<typeof AreaInputSchema>;
export const AreaUpdateSchema = AreaInputSchema.extend({ seq: z.number().int().min(0).max(999), description: Text(2000) }).partial();
export type AreaUpdate = z.infer<typeof AreaUpdateSchema>;
export const AreaQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

const StatusCounts = z.object({ on_track: z.number(), at_risk: z.number(), late: z.number(), done: z.number() });
export const AreaSchema = z.object({
  id: z.number(), agreementId: z.number(), year: z.number(), seq: z.number(), name: z.string(), description: z.string(),
  /** The mean of its items' progress %, to 1 decimal (0 without items). */
  percent: z.number(), items: z.number(), counts: StatusCounts, awaitingSignOff: z.number(),
});
export type Area = z.infer<typeof AreaSchema>;
export const AreaListSchema = z.object({ items: z.array(AreaSchema), permissions: z.object({ canEdit: z.boolean() }) });

// ---- work items ----

const ItemFields = z.object({
  areaId: z.number().int().min(1),
  code: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,19}$/, { message: 'coop.items.code_format' }),
  title: Text(200).min(2),
  description: Text(5000),
  leadUnionId: z.uuid(),
  /** Responsible unions of both sides (at least one of each federation); the lead is added to them. */
  unionIds: z.array(z.uuid()).max(50),
  startsOn: Day,
  dueOn: Day,
  target: z.number().positive().max(9_999_999_999),
  unit: Text(10),
  progressKind: z.enum(['manual', 'indicator']),
  indicator: IndicatorSchema.nullable(),
});
export const ItemInputSchema = ItemFields.extend({
  description: ItemFields.shape.description.default(''),
  unionIds: ItemFields.shape.unionIds.default([]),
  unit: ItemFields.shape.unit.default(''),
  indicator: ItemFields.shape.indicator.default(null),
});
export type ItemInput = z.infer<typeof ItemInputSchema>;
export const ItemUpdateSchema = ItemFields.partial().extend({ version: z.number().int().min(1) });
export type ItemUpdate = z.infer<typeof ItemUpdateSchema>;

export const ItemListQuerySchema = PageQuerySchema.extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  areaId: z.coerce.number().int().min(1).optional(),
  unionId: z.uuid().optional(),
  status: z.enum(STATUSES as [string, ...string[]]).optional(),
  dueBefore: Day.optional(),
});
export type ItemListQuery = z.infer<typeof ItemListQuerySchema>;

export const ProgressSchema = z.object({
  value: z.number(), target: z.number(), unit: z.string(), percent: z.number(),
  status: z.enum(['done', 'late', 'at_risk', 'on_track']), awaitingSignOff: z.boolean(),
  /** The rule's i18n key and its text in the request's language. */
  rule: z.string(), ruleText: z.string(),
  signedBy: z.array(z.enum(['50', '51'])),
});

const Permissions = z.object({
  canEdit: z.boolean(), canReport: z.boolean(), canSignOff: z.boolean(), canWithdraw: z.boolean(),
  /** The caller's federation ('50' 重庆, '51' 四川), whose sign-off box is theirs; null for others. */
  federation: z.enum(['50', '51']).nullable(),
});

export const ItemSummarySchema = z.object({
  id: z.number(), agreementId: z.number(), code: z.string(), title: z.string(),
  area: z.object({ id: z.number(), name: z.string(), year: z.number() }),
  leadUnion: Union, unions: z.array(SideUnion),
  startsOn: z.string(), dueOn: z.string(), target: z.number(), unit: z.string(),
  progressKind: z.enum(['manual', 'indicator']), indicator: IndicatorSchema.nullable(),
  progress: ProgressSchema, doneAt: z.string().nullable(), version: z.number(),
});
export type ItemSummary = z.infer<typeof ItemSummarySchema>;
export const ItemListSchema = pageOf(ItemSummarySchema).extend({ permissions: z.object({ canEdit: z.boolean() }) });

const Person = z.object({ id: z.string(), name: z.string() });
export const SignoffSchema = z.object({ federation: z.enum(['50', '51']), federationName: z.string(), user: Person, note: z.string(), signedAt: z.string() });

export const HistoryEntrySchema = z.object({
  at: z.string(),
  kind: z.enum(['progress', 'report', 'audit']),
  actor: z.string().nullable(),
  union: z.string().nullable(),
  period: z.string().nullable(),
  /** progress: value and evidence; report: period and status; audit: action and reason. */
  value: z.number().nullable(),
  text: z.string(),
  action: z.string().nullable(),
  files: z.array(FileInfo),
});

export const ItemSchema = ItemSummarySchema.extend({
  description: z.string(),
  agreement: z.object({ id: z.number(), title: z.string(), signedOn: z.string() }),
  signoffs: z.array(SignoffSchema),
  history: z.array(HistoryEntrySchema),
  permissions: Permissions,
  createdAt: z.string(), updatedAt: z.string(),
});
export type Item = z.infer<typeof ItemSchema>;

export const ProgressEntryInputSchema = z.object({
  /** In the item's unit … */
  value: z.number().min(0).max(9_999_999_999).optional(),
  /** … or as a percentage of the target (at most 100). */
  percent: z.number().min(0).optional(),
  evidence: Text(2000).min(1),
  fileIds: z.array(z.uuid()).max(10).default([]),
});
export type ProgressEntryInput = z.infer<typeof ProgressEntryInputSchema>;

export const SignoffInputSchema = z.object({ note: Text(500).default('') });
export const WithdrawInputSchema = z.object({ reason: Text(500).min(2) });

export const UploadedFileSchema = FileInfo;

export const OptionsSchema = z.object({
  unions: z.array(SideUnion.extend({ level: z.string() })),
  seasons: z.array(z.object({ id: z.number(), name: z.string() })),
  contests: z.array(z.object({ id: z.number(), name: z.string() })),
});
