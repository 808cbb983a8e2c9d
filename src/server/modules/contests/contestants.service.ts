import type { Actor, RequestMeta } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { pageOffset } from '../../platform/pagination.js';
import { loadContestAccess, type ContestAccess } from './contests.access.js';
import { sealIdNumber, sealPhone } from './contests.pii.js';
import { canManageContest, canRegisterForTeam, canSeeNames } from './contests.policy.js';
import * as repo from './contests.repo.js';
import { auditContest, loadForManage } from './contests.service.js';
import * as people from './contestants.repo.js';
import type { Contestant, ContestantInput, ContestantListQuery, ContestantUpdate } from './contestants.schemas.js';

// Contestants (issue 6 §1): registered by the sending union's staff (or the organisers), one team
// per person per contest (身份证号 blind index), 身份证号 and phone sealed, names hidden from judges
// and the public until the chief judge reveals.

const subject = (access: ContestAccess, id: number, name: string) => ({ type: 'contest_contestant', id, label: `${access.name} · ${name}`, scope: access.ownerScope });

function toContestant(row: people.ContestantRow, named: boolean): Contestant {
  if (!named) {
    return {
      id: row.id, workNumber: row.work_number, anonymous: true, stage: row.stage, team: null, name: null, gender: null, employer: null,
      idNumberMasked: null, phoneMasked: null, isUnionMember: null, memberNo: null, written: null, version: row.version,
    };
  }
  return {
    id: row.id, workNumber: row.work_number, anonymous: false, stage: row.stage, team: { id: row.team_id, name: row.team_name },
    name: row.name, gender: row.gender, employer: row.employer, idNumberMasked: row.id_number_masked, phoneMasked: row.phone_masked,
    isUnionMember: row.is_union_member, memberNo: row.member_no, written: row.written, version: row.version,
  };
}

/**
 * Contestants as the caller may see them: organisers (and everyone after the reveal) with names;
 * a sending union's staff their own teams' people; judges and the public work numbers only.
 */
export async function listContestants(ctx: AppContext, actor: Actor | null, contestId: number, query: ContestantListQuery) {
  const access = await loadContestAccess(ctx.db, contestId, actor);
  const page = { offset: pageOffset(query), limit: query.pageSize, stage: query.stage, q: query.q, contestId };
  if (canSeeNames(actor, access)) {
    const { rows, total } = await people.listContestants(ctx.db, { ...page, teamIds: query.teamId ? [query.teamId] : undefined, anonymous: false });
    return { total, items: rows.map((r) => toContestant(r, true)) };
  }
  const own = (await repo.listTeams(ctx.db, contestId)).filter((t) => canRegisterForTeam(actor, access, t.union_scope)).map((t) => t.id);
  if (own.length) {
    const teamIds = query.teamId ? own.filter((id) => id === query.teamId) : own;
    const { rows, total } = await people.listContestants(ctx.db, { ...page, teamIds, anonymous: false });
    return { total, items: rows.map((r) => toContestant(r, true)) };
  }
  const { rows, total } = await people.listContestants(ctx.db, { ...page, q: undefined, anonymous: true });
  return { total, items: rows.map((r) => toContestant(r, false)) };
}

/** The team a registration goes to, if the caller may register for it (403 otherwise). */
async function teamForRegistration(db: Executor, actor: Actor, access: ContestAccess, teamId: number, path = 'teamId') {
  const team = await repo.findTeam(db, access.id, teamId);
  if (!team) throw invalid([{ path, code: 'contest.team_not_found' }]);
  if (!canRegisterForTeam(actor, access, team.union_scope)) throw forbidden();
  return team;
}

/** New registrations stop at the draw: work numbers are drawn for a closed list. */
function checkOpen(access: ContestAccess) {
  if (access.lotsDrawn) throw conflict('contest.setup.lots_drawn_closed');
}

/** Registered contestants start 'entered' when a preliminary decides the finalists, else as finalists. */
export async function entryStage(db: Executor, contestId: number): Promise<'entered' | 'finalist'> {
  const rounds = await repo.listRounds(db, contestId);
  return rounds.some((r) => r.kind === 'preliminary') ? 'entered' : 'finalist';
}

/** The 409 for a person already registered in this contest, naming the team. */
const alreadyIn = (teamName: string) => conflict('contest.setup.person_in_team', { team: teamName });

const isDuplicatePerson = (error: unknown) => (error as { constraint?: string }).constraint === 'contest_contestants_contest_id_id_number_hash_key';

export async function createContestant(ctx: AppContext, actor: Actor, contestId: number, input: ContestantInput, meta: RequestMeta): Promise<Contestant> {
  const access = await loadContestAccess(ctx.db, contestId, actor);
  const team = await teamForRegistration(ctx.db, actor, access, input.teamId);
  checkOpen(access);
  const sealed = sealIdNumber(ctx.crypto, input.idNumber);
  const existing = await people.findByIdHash(ctx.db, contestId, sealed.id_number_hash);
  if (existing) throw alreadyIn(existing.team_name);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const [row] = await people.insertContestants(trx, contestId, await entryStage(trx, contestId), actor.id, [{
      team_id: team.id, name: input.name, gender: input.gender, employer: input.employer, ...sealed, ...sealPhone(ctx.crypto, input.phone),
      is_union_member: input.isUnionMember, member_no: input.memberNo,
    }]);
    await auditContest(trx, actor, meta, 'contest.contestant.create', subject(access, row!.id, input.name), { fields: ['idNumber', ...(input.phone ? ['phone'] : [])] });
    return row!.id;
  }).catch(async (error: unknown) => {
    if (!isDuplicatePerson(error)) throw error;
    const twin = await people.findByIdHash(ctx.db, contestId, sealed.id_number_hash);
    throw alreadyIn(twin?.team_name ?? team.name);
  });
  return toContestant((await people.findContestant(ctx.db, contestId, id))!, true);
}

/** A contestant the caller may change: the organisers any, a sending union's staff their team's. */
async function loadForChange(db: Executor, actor: Actor, contestId: number, contestantId: number) {
  const access = await loadContestAccess(db, contestId, actor);
  const row = await people.findContestant(db, contestId, contestantId);
  if (!row || !canRegisterForTeam(actor, access, row.team_scope)) {
    if (row && canSeeNames(actor, access)) throw forbidden();
    throw notFound('contest.contestant_not_found');
  }
  return { access, row };
}

export async function updateContestant(ctx: AppContext, actor: Actor, contestId: number, contestantId: number, input: ContestantUpdate, meta: RequestMeta): Promise<Contestant> {
  const { access, row } = await loadForChange(ctx.db, actor, contestId, contestantId);
  if (input.teamId !== undefined && input.teamId !== row.team_id) {
    // A move after the draw would change who holds which number: the list is closed.
    checkOpen(access);
    await teamForRegistration(ctx.db, actor, access, input.teamId);
  }
  const sealed = input.idNumber ? sealIdNumber(ctx.crypto, input.idNumber) : null;
  if (sealed) {
    const other = await people.findByIdHash(ctx.db, contestId, sealed.id_number_hash);
    if (other && other.id !== contestantId) throw alreadyIn(other.team_name);
  }
  const fields = [...(sealed ? ['idNumber'] : []), ...(input.phone !== undefined ? ['phone'] : [])];
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await people.updateContestant(trx, contestantId, input.version, {
      ...(input.teamId !== undefined ? { team_id: input.teamId } : {}), ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.gender !== undefined ? { gender: input.gender } : {}), ...(input.employer !== undefined ? { employer: input.employer } : {}),
      ...(sealed ?? {}), ...(input.phone !== undefined ? sealPhone(ctx.crypto, input.phone) : {}),
      ...(input.isUnionMember !== undefined ? { is_union_member: input.isUnionMember } : {}), ...(input.memberNo !== undefined ? { member_no: input.memberNo } : {}),
      ...(input.withdrawn === true ? { stage: 'withdrawn' as const } : {}),
      ...(input.withdrawn === false && row.stage === 'withdrawn' ? { stage: row.work_number ? 'finalist' as const : await entryStage(trx, contestId) } : {}),
    });
    if (!updated) throw conflict('http.conflict_edit');
    await auditContest(trx, actor, meta, input.withdrawn ? 'contest.contestant.withdraw' : 'contest.contestant.update', subject(access, contestantId, input.name ?? row.name), { fields });
  }).catch(async (error: unknown) => {
    if (!isDuplicatePerson(error) || !sealed) throw error;
    throw alreadyIn((await people.findByIdHash(ctx.db, contestId, sealed.id_number_hash))?.team_name ?? '');
  });
  return toContestant((await people.findContestant(ctx.db, contestId, contestantId))!, true);
}

/** A registration is taken back (deleted) only before the draw; after it a contestant withdraws. */
export async function deleteContestant(ctx: AppContext, actor: Actor, contestId: number, contestantId: number, meta: RequestMeta) {
  const { access, row } = await loadForChange(ctx.db, actor, contestId, contestantId);
  checkOpen(access);
  await ctx.db.transaction().execute(async (trx) => {
    await people.deleteContestant(trx, contestantId);
    await auditContest(trx, actor, meta, 'contest.contestant.delete', subject(access, contestantId, row.name));
  });
}

/** The full 身份证号 or phone, for the organisers only, with the reason in the audit log. */
export async function revealContestant(ctx: AppContext, actor: Actor, contestId: number, contestantId: number, field: 'idNumber' | 'phone', reason: string, meta: RequestMeta) {
  const access = await loadContestAccess(ctx.db, contestId, actor);
  if (!canManageContest(actor, access)) throw forbidden();
  const row = await people.findContestant(ctx.db, contestId, contestantId);
  if (!row) throw notFound('contest.contestant_not_found');
  const cipher = await people.findCiphers(ctx.db, contestantId);
  const enc = field === 'idNumber' ? cipher.id_number_enc : cipher.phone_enc;
  await auditContest(ctx.db, actor, meta, 'pii.reveal', subject(access, contestantId, row.name), { fields: [field], reason });
  return { value: enc ? ctx.crypto.decrypt(enc) : null };
}

/** One written exam score (理论成绩), entered by the organisers; null clears it. */
export async function setWritten(ctx: AppContext, actor: Actor, contestId: number, contestantId: number, written: number | null, meta: RequestMeta): Promise<Contestant> {
  const access = await loadForManage(ctx.db, contestId, actor);
  const row = await people.findContestant(ctx.db, contestId, contestantId);
  if (!row) throw notFound('contest.contestant_not_found');
  await ctx.db.transaction().execute(async (trx) => {
    await people.updateContestant(trx, contestantId, null, { written: written === null ? null : written.toFixed(2), written_by: actor.id, written_at: new Date() });
    await auditContest(trx, actor, meta, 'contest.written.set', subject(access, contestantId, row.name), { reason: `${row.written ?? '—'} → ${written === null ? '—' : written.toFixed(2)}` });
    // The written score is part of every total: the live board follows it.
    await repo.announceContest(trx, contestId);
  });
  return toContestant((await people.findContestant(ctx.db, contestId, contestantId))!, true);
}
