import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { checkUpload, openFile, storeFile, type UploadRules } from '../../platform/files.js';
import { pageOffset } from '../../platform/pagination.js';
import { translate, type Lang } from '../../../shared/i18n/index.js';
import { resolveCjkFonts } from '../../platform/pdf.js';
import { todayIso } from '../jobs/postings.service.js';
import { chinaDateTime } from '../stats/report-data.js';
import { buildMeetingPack, type PackData, type Translate } from './meeting-pack.js';
import { itemProgress } from './progress.js';
import { canManageCooperation, canViewCooperation } from './cooperation.policy.js';
import * as repo from './meetings.repo.js';
import { meetingIssues, referencesOf } from './meetings.rules.js';
import type { Meeting, MeetingCreate, MeetingDoc, MeetingListQuery, MeetingUpdate } from './meetings.schemas.js';

// Joint meetings (联席会议, issue 7 §3): federation staff of either side write a meeting as one
// document (with its version); every union's staff read it. Every change is audited.

/** Speech attachments: a PDF, a Word file or a picture, known by its bytes (issue 7 §3). */
export const MEETING_UPLOAD: UploadRules = { kinds: ['pdf', 'docx', 'jpeg', 'png'], maxBytes: 20 * 1024 * 1024 };

const auditMeeting = (db: Executor, actor: Actor, meta: RequestMeta, action: string, meeting: { id: number; title: string; scope: string }) =>
  recordAudit(db, {
    actorId: actor.id, actorLabel: actorLabel(actor), action, subjectType: 'joint_meeting', subjectId: String(meeting.id), subjectLabel: meeting.title,
    scopePrefix: meeting.scope, ip: meta.ip, requestId: meta.requestId,
  });

function requireView(actor: Actor | null): asserts actor is Actor {
  if (!canViewCooperation(actor)) throw forbidden();
}

async function loadMeeting(db: Executor, id: number): Promise<repo.MeetingRow> {
  const row = await repo.findMeeting(db, id);
  if (!row) throw notFound('coop.meeting_not_found');
  return row;
}

const union = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

/** A meeting with all its parts, as read by any union's staff. */
export async function getMeeting(ctx: AppContext, actor: Actor | null, id: number): Promise<Meeting> {
  requireView(actor);
  const row = await loadMeeting(ctx.db, id);
  const parts = await repo.loadParts(ctx.db, id);
  return {
    id: row.id, agreement: { id: row.agreement_id, title: row.agreement_title }, title: row.title, heldOn: row.held_on, place: row.place,
    hostUnion: { id: row.host_union_id, name: row.host_union_name }, status: row.status, minutes: row.minutes,
    attendees: parts.attendees.map((a) => ({ name: a.name, position: a.position, union: union(a.union_id, a.union_name), organisation: a.organisation })),
    agenda: parts.agenda.map((a) => ({ startsAt: a.starts_at, title: a.title, presenter: a.presenter })),
    speeches: parts.speeches.map((s) => ({
      union: { id: s.union_id, name: s.union_name }, speaker: s.speaker, title: s.title, body: s.body,
      file: s.file_id ? { id: s.file_id, name: s.file_name ?? '', mime: s.file_mime ?? '', size: s.file_size ?? 0 } : null,
    })),
    visits: parts.visits.map((v) => ({ kind: v.kind, site: v.site, purpose: v.purpose })),
    decisions: parts.decisions.map((d) => ({
      text: d.text, ownerUnion: union(d.owner_union_id, d.owner_union_name), dueOn: d.due_on,
      workItem: d.work_item_id ? { id: d.work_item_id, code: d.item_code ?? '', title: d.item_title ?? '' } : null,
    })),
    version: row.version, updatedAt: row.updated_at.toISOString(),
    me: { canManage: canManageCooperation(actor) },
  };
}

/** Meetings newest first, of one agreement or of all. */
export async function listMeetings(ctx: AppContext, actor: Actor | null, query: MeetingListQuery) {
  requireView(actor);
  const { rows, total } = await repo.listMeetings(ctx.db, { agreementId: query.agreementId, offset: pageOffset(query), limit: query.pageSize });
  return {
    total,
    items: rows.map((r) => ({
      id: r.id, agreement: { id: r.agreement_id, title: r.agreement_title }, title: r.title, heldOn: r.held_on, place: r.place,
      hostUnion: { id: r.host_union_id, name: r.host_union_name }, status: r.status,
      counts: { attendees: Number(r.attendees), agenda: Number(r.agenda), speeches: Number(r.speeches), visits: Number(r.visits), decisions: Number(r.decisions) },
    })),
    me: { canManage: canManageCooperation(actor) },
  };
}

/**
 * Every problem of a meeting document that needs the database, at once with its path: unions,
 * files and work items that do not exist, an item of another agreement, dates out of order.
 */
async function checkMeeting(db: Executor, agreement: { id: number; signed_on: string }, doc: MeetingDoc): Promise<void> {
  const refs = referencesOf(doc);
  const [unions, items, files] = await Promise.all([repo.existingUnions(db, refs.unions), repo.itemAgreements(db, refs.items), repo.existingMeetingFiles(db, refs.files)]);
  const issues = meetingIssues(doc, { agreementId: agreement.id, signedOn: agreement.signed_on, today: todayIso(), unions, items, files });
  if (issues.length) throw invalid(issues);
}

/** The document's own fields (without the agreement or version the request names). */
const docOf = (input: MeetingCreate | MeetingUpdate): MeetingDoc => ({
  title: input.title, heldOn: input.heldOn, place: input.place, hostUnionId: input.hostUnionId, status: input.status, attendees: input.attendees,
  agenda: input.agenda, speeches: input.speeches, visits: input.visits, decisions: input.decisions, minutes: input.minutes,
});

export async function createMeeting(ctx: AppContext, actor: Actor, input: MeetingCreate, meta: RequestMeta): Promise<Meeting> {
  if (!canManageCooperation(actor)) throw forbidden();
  const agreement = await repo.findAgreement(ctx.db, input.agreementId);
  if (!agreement) throw invalid([{ path: 'agreementId', code: 'coop.agreement_not_found' }]);
  const doc = docOf(input);
  await checkMeeting(ctx.db, agreement, doc);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertMeeting(trx, agreement.id, doc, actor.id);
    await repo.replaceParts(trx, id, doc);
    const row = (await repo.findMeeting(trx, id))!;
    await auditMeeting(trx, actor, meta, 'coop.meeting.create', { id, title: doc.title, scope: row.host_scope });
    return id;
  });
  return getMeeting(ctx, actor, id);
}

/** The whole document replaced, at the version it was read (409 when someone saved since). */
export async function updateMeeting(ctx: AppContext, actor: Actor, id: number, input: MeetingUpdate, meta: RequestMeta): Promise<Meeting> {
  if (!canViewCooperation(actor)) throw forbidden();
  const row = await loadMeeting(ctx.db, id);
  if (!canManageCooperation(actor)) throw forbidden();
  const doc = docOf(input);
  await checkMeeting(ctx.db, { id: row.agreement_id, signed_on: row.agreement_signed_on }, doc);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateMeeting(trx, id, input.version, doc))) throw conflict('http.conflict_edit');
    await repo.replaceParts(trx, id, doc);
    const after = (await repo.findMeeting(trx, id))!;
    await auditMeeting(trx, actor, meta, 'coop.meeting.update', { id, title: doc.title, scope: after.host_scope });
  });
  return getMeeting(ctx, actor, id);
}

/** What the editor offers: the agreements, and the chosen agreement's work items to link decisions to. */
export async function meetingOptions(ctx: AppContext, actor: Actor | null, agreementId?: number) {
  requireView(actor);
  const [agreements, items] = await Promise.all([
    repo.listAgreements(ctx.db),
    agreementId ? repo.listAgreementItems(ctx.db, agreementId) : Promise.resolve([]),
  ]);
  return {
    agreements: agreements.map((a) => ({ id: a.id, title: a.title, signedOn: a.signed_on })),
    items: items.map((i) => ({ id: i.id, code: i.code, title: i.title, year: i.year, area: i.area_name })),
  };
}

/** A speech attachment, checked by its content and sealed; linked to a speech when the meeting is saved. */
export async function uploadMeetingFile(ctx: AppContext, actor: Actor, file: { name: string; data: Buffer }) {
  if (!canManageCooperation(actor)) throw forbidden();
  const kind = checkUpload(file.data, MEETING_UPLOAD);
  const stored = await storeFile(ctx.db, ctx.crypto, { purpose: 'meeting', ownerUserId: actor.id, name: file.name, kind, data: file.data });
  return { id: stored.id, name: stored.name, mime: stored.mime, size: stored.size };
}

/** A speech's file, only through a meeting whose speech carries it. */
export async function downloadMeetingFile(ctx: AppContext, actor: Actor | null, meetingId: number, fileId: string) {
  requireView(actor);
  await loadMeeting(ctx.db, meetingId);
  if (!(await repo.meetingHasFile(ctx.db, meetingId, fileId))) throw notFound('files.not_found');
  const file = await openFile(ctx.db, ctx.crypto, fileId);
  if (!file) throw notFound('files.not_found');
  return file;
}

/** Attendees by their union (or guests' organisation), in the order first named. */
function groupAttendees(rows: repo.MeetingParts['attendees']): PackData['attendees'] {
  const groups = new Map<string, { name: string; position: string }[]>();
  for (const a of rows) {
    const group = a.union_name ?? a.organisation;
    groups.set(group, [...(groups.get(group) ?? []), { name: a.name, position: a.position }]);
  }
  return [...groups].map(([group, people]) => ({ group, people }));
}

const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code, 'en', { numeric: true });

/** The meeting pack (PDF): the item figures are itemProgress's, as of today. */
export async function meetingPack(ctx: AppContext, actor: Actor | null, id: number, lang: Lang, meta: RequestMeta) {
  requireView(actor);
  const started = performance.now();
  const row = await loadMeeting(ctx.db, id);
  const year = Number(row.held_on.slice(0, 4));
  const [parts, items] = await Promise.all([repo.loadParts(ctx.db, id), repo.listAgreementItems(ctx.db, row.agreement_id, year)]);
  const progress = await itemProgress(ctx, items.map((i) => i.id));
  const areas: PackData['areas'] = [];
  for (const item of items) {
    const p = progress.get(item.id);
    if (!p) continue;
    let area = areas.at(-1);
    if (!area || area.name !== item.area_name) areas.push((area = { name: item.area_name, items: [] }));
    area.items.push({ code: item.code, title: item.title, value: p.value, target: p.target, unit: p.unit, percent: p.percent, status: p.status, awaitingSignOff: p.awaitingSignOff });
  }
  for (const area of areas) area.items.sort(byCode);
  const t: Translate = (key, params) => translate(lang, key, params);
  const data: PackData = {
    title: row.title, agreementTitle: row.agreement_title, heldOn: row.held_on, place: row.place, host: row.host_union_name, status: row.status,
    attendees: groupAttendees(parts.attendees),
    agenda: parts.agenda.map((a) => ({ startsAt: a.starts_at, title: a.title, presenter: a.presenter })),
    year, areas,
    speeches: parts.speeches.map((s) => ({ title: s.title, union: s.union_name, speaker: s.speaker, body: s.body, file: s.file_name })),
    visits: parts.visits.map((v) => ({ kind: v.kind, site: v.site, purpose: v.purpose })),
    decisions: parts.decisions.map((d) => ({
      text: d.text, owner: d.owner_union_name ?? '', dueOn: d.due_on, item: d.work_item_id ? { code: d.item_code ?? '', title: d.item_title ?? '' } : null,
    })),
    minutes: row.minutes, generatedAt: chinaDateTime(new Date()),
  };
  const pdf = await buildMeetingPack(data, resolveCjkFonts(ctx.config.pdfFont), t);
  await auditMeeting(ctx.db, actor, meta, 'coop.meeting.pack', { id, title: row.title, scope: row.host_scope });
  return { name: `${row.title}-${t('coop.meetings.pack.subtitle')}.pdf`, data: pdf.data, pages: pdf.pages, ms: Math.round(performance.now() - started) };
}
