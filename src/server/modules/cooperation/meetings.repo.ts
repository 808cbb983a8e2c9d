import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';
import type { MeetingDoc } from './meetings.schemas.js';

// All SQL of joint meetings (联席会议): the meeting row and its ordered parts (seq = position),
// the references the editor checks, and the work items of a year for the meeting pack.

export function findMeeting(db: Executor, id: number) {
  return db.selectFrom('joint_meetings as m')
    .innerJoin('agreements as a', 'a.id', 'm.agreement_id')
    .innerJoin('unions as h', 'h.id', 'm.host_union_id')
    .select(['m.id', 'm.agreement_id', 'a.title as agreement_title', 'a.signed_on as agreement_signed_on', 'm.title', 'm.held_on', 'm.place',
      'm.host_union_id', 'h.name as host_union_name', 'h.scope_prefix as host_scope', 'm.status', 'm.minutes', 'm.version', 'm.updated_at'])
    .where('m.id', '=', id).executeTakeFirst();
}
export type MeetingRow = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

/** The meeting's parts in their order, with the names of the unions, files and items they name. */
export async function loadParts(db: Executor, meetingId: number) {
  const [attendees, agenda, speeches, visits, decisions] = await Promise.all([
    db.selectFrom('meeting_attendees as x').leftJoin('unions as u', 'u.id', 'x.union_id')
      .select(['x.name', 'x.position', 'x.union_id', 'u.name as union_name', 'x.organisation']).where('x.meeting_id', '=', meetingId).orderBy('x.seq').execute(),
    db.selectFrom('meeting_agenda_items').select(['starts_at', 'title', 'presenter']).where('meeting_id', '=', meetingId).orderBy('seq').execute(),
    db.selectFrom('meeting_speeches as x').innerJoin('unions as u', 'u.id', 'x.union_id').leftJoin('stored_files as f', 'f.id', 'x.file_id')
      .select(['x.union_id', 'u.name as union_name', 'x.speaker', 'x.title', 'x.body', 'x.file_id', 'f.name as file_name', 'f.mime as file_mime', 'f.size as file_size'])
      .where('x.meeting_id', '=', meetingId).orderBy('x.seq').execute(),
    db.selectFrom('meeting_visits').select(['kind', 'site', 'purpose']).where('meeting_id', '=', meetingId).orderBy('seq').execute(),
    db.selectFrom('meeting_decisions as x').leftJoin('unions as u', 'u.id', 'x.owner_union_id').leftJoin('work_items as w', 'w.id', 'x.work_item_id')
      .select(['x.text', 'x.owner_union_id', 'u.name as owner_union_name', 'x.due_on', 'x.work_item_id', 'w.code as item_code', 'w.title as item_title'])
      .where('x.meeting_id', '=', meetingId).orderBy('x.seq').execute(),
  ]);
  return { attendees, agenda, speeches, visits, decisions };
}
export type MeetingParts = Awaited<ReturnType<typeof loadParts>>;

/** Meetings newest first (of one agreement, or all), with the size of each part. */
export async function listMeetings(db: Executor, input: { agreementId?: number | undefined; offset: number; limit: number }) {
  let q = db.selectFrom('joint_meetings as m');
  if (input.agreementId) q = q.where('m.agreement_id', '=', input.agreementId);
  const count = (table: 'meeting_attendees' | 'meeting_agenda_items' | 'meeting_speeches' | 'meeting_visits' | 'meeting_decisions', as: string) =>
    sql<string>`(select count(*) from ${sql.table(table)} x where x.meeting_id = m.id)`.as(as);
  const [rows, total] = await Promise.all([
    q.innerJoin('agreements as a', 'a.id', 'm.agreement_id').innerJoin('unions as h', 'h.id', 'm.host_union_id')
      .select(['m.id', 'm.agreement_id', 'a.title as agreement_title', 'm.title', 'm.held_on', 'm.place', 'm.host_union_id', 'h.name as host_union_name', 'm.status',
        count('meeting_attendees', 'attendees'), count('meeting_agenda_items', 'agenda'), count('meeting_speeches', 'speeches'),
        count('meeting_visits', 'visits'), count('meeting_decisions', 'decisions')])
      .orderBy('m.held_on', 'desc').orderBy('m.id', 'desc').offset(input.offset).limit(input.limit).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function findAgreement(db: Executor, id: number) {
  return db.selectFrom('agreements').select(['id', 'title', 'signed_on']).where('id', '=', id).executeTakeFirst();
}

export function listAgreements(db: Executor) {
  return db.selectFrom('agreements').select(['id', 'title', 'signed_on']).orderBy('signed_on', 'desc').orderBy('id', 'desc').limit(100).execute();
}

/** Which of these unions exist. */
export async function existingUnions(db: Executor, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('unions').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

/** The agreement each of these work items belongs to. */
export async function itemAgreements(db: Executor, ids: number[]): Promise<Map<number, number>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('work_items').select(['id', 'agreement_id']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.agreement_id]));
}

/** Which of these ids are stored meeting files. */
export async function existingMeetingFiles(db: Executor, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('stored_files').select('id').where('id', 'in', ids).where('purpose', '=', 'meeting').execute();
  return new Set(rows.map((r) => r.id));
}

/** Whether a speech of this meeting carries the file (files are served only through their meeting). */
export async function meetingHasFile(db: Executor, meetingId: number, fileId: string): Promise<boolean> {
  return !!(await db.selectFrom('meeting_speeches').select('seq').where('meeting_id', '=', meetingId).where('file_id', '=', fileId).executeTakeFirst());
}

export async function insertMeeting(db: Executor, agreementId: number, doc: MeetingDoc, createdBy: string): Promise<number> {
  const row = await db.insertInto('joint_meetings').values({
    agreement_id: agreementId, title: doc.title, held_on: doc.heldOn, place: doc.place, host_union_id: doc.hostUnionId, status: doc.status,
    minutes: doc.minutes, created_by: createdBy, updated_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The facts, only at the version read; false when someone saved since. */
export async function updateMeeting(db: Executor, id: number, version: number, doc: MeetingDoc): Promise<boolean> {
  const row = await db.updateTable('joint_meetings').set({
    title: doc.title, held_on: doc.heldOn, place: doc.place, host_union_id: doc.hostUnionId, status: doc.status, minutes: doc.minutes,
    version: sql`version + 1`, updated_at: new Date(),
  }).where('id', '=', id).where('version', '=', version).returning('id').executeTakeFirst();
  return !!row;
}

/** The parts replaced as a whole, in the document's order. */
export async function replaceParts(db: Executor, meetingId: number, doc: MeetingDoc): Promise<void> {
  for (const table of ['meeting_attendees', 'meeting_agenda_items', 'meeting_speeches', 'meeting_visits', 'meeting_decisions'] as const) {
    await db.deleteFrom(table).where('meeting_id', '=', meetingId).execute();
  }
  const seq = <T>(rows: T[]) => rows.map((r, i) => ({ ...r, meeting_id: meetingId, seq: i + 1 }));
  if (doc.attendees.length) {
    await db.insertInto('meeting_attendees').values(seq(doc.attendees.map((a) => ({ name: a.name, position: a.position, union_id: a.unionId, organisation: a.organisation })))).execute();
  }
  if (doc.agenda.length) {
    await db.insertInto('meeting_agenda_items').values(seq(doc.agenda.map((a) => ({ starts_at: a.startsAt, title: a.title, presenter: a.presenter })))).execute();
  }
  if (doc.speeches.length) {
    await db.insertInto('meeting_speeches').values(seq(doc.speeches.map((s) => ({ union_id: s.unionId, speaker: s.speaker, title: s.title, body: s.body, file_id: s.fileId })))).execute();
  }
  if (doc.visits.length) {
    await db.insertInto('meeting_visits').values(seq(doc.visits.map((v) => ({ kind: v.kind, site: v.site, purpose: v.purpose })))).execute();
  }
  if (doc.decisions.length) {
    await db.insertInto('meeting_decisions').values(seq(doc.decisions.map((d) => ({ text: d.text, owner_union_id: d.ownerUnionId, due_on: d.dueOn, work_item_id: d.workItemId })))).execute();
  }
}

/** The agreement's work items with their area, by area order then code; one year's or all. */
export function listAgreementItems(db: Executor, agreementId: number, year?: number) {
  let q = db.selectFrom('work_items as w').innerJoin('agreement_areas as ar', 'ar.id', 'w.area_id')
    .select(['w.id', 'w.code', 'w.title', 'ar.id as area_id', 'ar.name as area_name', 'ar.year', 'ar.seq as area_seq'])
    .where('w.agreement_id', '=', agreementId);
  if (year !== undefined) q = q.where('ar.year', '=', year);
  return q.orderBy('ar.year', 'desc').orderBy('ar.seq').orderBy('ar.id').orderBy('w.code').execute();
}
