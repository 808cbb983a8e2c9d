// Rows of worker requests and membership applications written straight into the tables (as the
// migration 0011 allows them), for the figures and sweep tests, which need back-dated times and
// every state without going through the requests API.
import { addWorkingDays, addWorkingDaysToDate } from '../src/server/modules/services/services.rules.js';
import type { AppContext } from '../src/server/platform/context.js';
import type { ServiceCategory } from '../src/server/platform/db.js';
import { uniqueSuffix } from './helpers.js';

let seq = 0;
const ref = (prefix: string) => `${prefix}${uniqueSuffix()}-${String(++seq).padStart(4, '0')}`;

/** China local time 'yyyy-mm-ddThh:mm' as a Date. */
export const cst = (local: string): Date => new Date(`${local}:00+08:00`);

const regionOf = async (ctx: AppContext, unionId: string) =>
  (await ctx.db.selectFrom('unions').select('region_code').where('id', '=', unionId).executeTakeFirstOrThrow()).region_code;

export interface RequestRow {
  unionId: string;
  createdAt: Date;
  category?: ServiceCategory;
  channel?: 'online' | 'desk';
  status?: 'open' | 'assigned' | 'answered' | 'closed' | 'reopened';
  /** Default: 2 working days after createdAt (services.rules.ts). */
  answerDueAt?: Date;
  firstAnsweredAt?: Date | null;
  /** Default: firstAnsweredAt. */
  answeredAt?: Date | null;
  closedAt?: Date | null;
  closeReason?: 'confirmed' | 'auto' | 'staff' | null;
  escalatedAt?: Date | null;
  userId?: string | null;
}

/** A consultation routed by region to `unionId`, in the state given; returns its id. */
export async function insertRequest(ctx: AppContext, r: RequestRow): Promise<string> {
  const status = r.status ?? 'open';
  const row = await ctx.db.insertInto('service_requests').values({
    ref_no: ref('ZX'), kind: 'consultation', category: r.category ?? 'other', channel: r.channel ?? 'online', user_id: r.userId ?? null,
    name: '测试职工', region_code: await regionOf(ctx, r.unionId), employer_name: '测试单位', subject: '测试诉求',
    owner_union_id: r.unionId, routed_by: 'region', status,
    answer_due_at: r.answerDueAt ?? addWorkingDays(r.createdAt, 2),
    first_answered_at: r.firstAnsweredAt ?? null,
    answered_at: r.answeredAt === undefined ? (r.firstAnsweredAt ?? null) : r.answeredAt,
    closed_at: status === 'closed' ? (r.closedAt ?? r.createdAt) : null,
    close_reason: status === 'closed' ? (r.closeReason ?? 'staff') : null,
    escalated_at: r.escalatedAt ?? null,
    consented_at: r.createdAt, created_at: r.createdAt, updated_at: r.createdAt,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export interface ApplicationRow {
  unionId: string;
  createdAt: Date;
  status?: 'submitted' | 'approved' | 'rejected' | 'withdrawn';
  /** Default: 5 working days after createdAt (services.rules.ts). */
  reviewDueOn?: string;
  reviewedAt?: Date | null;
}

/** A membership application routed to `unionId`, in the state given; returns its id. */
export async function insertApplication(ctx: AppContext, a: ApplicationRow): Promise<string> {
  const status = a.status ?? 'submitted';
  const approved = status === 'approved';
  const row = await ctx.db.insertInto('membership_applications').values({
    ref_no: ref('RH'), channel: 'online', name: '测试职工', region_code: await regionOf(ctx, a.unionId), employer_name: '测试单位',
    owner_union_id: a.unionId, routed_by: 'region', status, review_due_on: a.reviewDueOn ?? addWorkingDaysToDate(a.createdAt, 5),
    reviewed_at: a.reviewedAt ?? null, reject_reason: status === 'rejected' ? '材料不全' : null,
    member_no: approved ? `T${uniqueSuffix()}${++seq}` : null, card_code: approved ? `card-${uniqueSuffix()}-${uniqueSuffix()}-${seq}` : null,
    joined_on: approved ? '2019-01-01' : null,
    consented_at: a.createdAt, created_at: a.createdAt, updated_at: a.createdAt,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
