import { z } from 'zod';
import { pageOf, PageQuerySchema } from '../../platform/pagination.js';

// Progress reports (issue 7 §2) and the notifications of the header: requests and responses.
// Field messages are catalogue keys (validation.*, coop.reports.*).

export const REPORT_STATUSES = ['draft', 'submitted', 'accepted', 'returned'] as const;
const PERIOD = /^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$/;

export const PeriodSchema = z.string().trim().regex(PERIOD, { message: 'coop.reports.period_format' });

export const FigureSchema = z.object({
  label: z.string().trim().min(1).max(50),
  value: z.number().finite().min(0).max(1e10),
  unit: z.string().trim().max(10).default(''),
});
export type Figure = z.infer<typeof FigureSchema>;

export const ReportIdParamsSchema = z.object({ id: z.coerce.number().int().min(1) });
export const ReportFileParamsSchema = ReportIdParamsSchema.extend({ fileId: z.uuid() });

export const ReportInputSchema = z.object({
  itemId: z.number().int().min(1),
  period: PeriodSchema,
  body: z.string().trim().max(20000).default(''),
  figures: z.array(FigureSchema).max(20).default([]),
});
export type ReportInput = z.infer<typeof ReportInputSchema>;

export const ReportUpdateSchema = z.object({
  body: z.string().trim().max(20000).optional(),
  figures: z.array(FigureSchema).max(20).optional(),
  version: z.number().int().min(1),
});
export type ReportUpdate = z.infer<typeof ReportUpdateSchema>;

export const ReviewSchema = z.object({
  note: z.string().trim().max(1000).default(''),
  /** On accepting: keep the report's highlights for the yearly report. */
  highlight: z.boolean().optional(),
});
export const ReturnSchema = z.object({ note: z.string().trim().min(1, { message: 'coop.reports.note_required' }).max(1000) });
export const HighlightSchema = z.object({ highlight: z.boolean() });

export const ReportListQuerySchema = PageQuerySchema.extend({
  /** mine: my union's reports; review: submitted reports my federation reviews; otherwise every visible one. */
  view: z.enum(['mine', 'review', 'all']).default('all'),
  itemId: z.coerce.number().int().min(1).optional(),
  unionId: z.uuid().optional(),
  period: PeriodSchema.optional(),
  status: z.enum(REPORT_STATUSES).optional(),
  highlight: z.enum(['true', 'false']).optional(),
});
export type ReportListQuery = z.infer<typeof ReportListQuerySchema>;

const Ref = z.object({ id: z.string(), name: z.string() });
const FileSchema = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number().int() });

export const ReportSummarySchema = z.object({
  id: z.number().int(),
  item: z.object({ id: z.number().int(), code: z.string(), title: z.string(), dueOn: z.string() }),
  union: Ref.extend({ federation: z.enum(['50', '51']) }),
  period: z.string(),
  /** 10 days after the period ends. */
  dueOn: z.string(),
  status: z.enum(REPORT_STATUSES),
  isHighlight: z.boolean(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
  updatedAt: z.string(),
});
export type ReportSummary = z.infer<typeof ReportSummarySchema>;

export const ReportSchema = ReportSummarySchema.extend({
  body: z.string(),
  figures: z.array(z.object({ label: z.string(), value: z.number(), unit: z.string() })),
  files: z.array(FileSchema),
  submittedBy: Ref.nullable(),
  reviewedBy: Ref.nullable(),
  createdAt: z.string(),
  version: z.number().int(),
  /** What the caller may do with it (the page hides the rest). */
  me: z.object({ canEdit: z.boolean(), canSubmit: z.boolean(), canDelete: z.boolean(), canReview: z.boolean(), canHighlight: z.boolean() }),
});
export type Report = z.infer<typeof ReportSchema>;

export const ReportListSchema = pageOf(ReportSummarySchema);

export const DueQuerySchema = z.object({ today: z.iso.date({ message: 'validation.date' }).optional() });
export const DueListSchema = z.object({
  today: z.string(),
  items: z.array(z.object({
    item: z.object({ id: z.number().int(), code: z.string(), title: z.string(), dueOn: z.string() }),
    union: Ref,
    period: z.string(),
    dueOn: z.string(),
    daysLeft: z.number().int(),
    overdue: z.boolean(),
    report: z.object({ id: z.number().int(), status: z.enum(REPORT_STATUSES), reviewNote: z.string().nullable() }).nullable(),
    canWrite: z.boolean(),
  })),
});
export type DueList = z.infer<typeof DueListSchema>;

export const NotificationListQuerySchema = PageQuerySchema.extend({ unread: z.enum(['true', 'false']).optional() });
export const NotificationListSchema = z.object({
  total: z.number().int(),
  unread: z.number().int(),
  items: z.array(z.object({
    id: z.number().int(), kind: z.string(), text: z.string(), link: z.string(), forUnion: z.boolean(), createdAt: z.string(), readAt: z.string().nullable(),
  })),
});
export const NotificationIdParamsSchema = z.object({ id: z.coerce.number().int().min(1) });
