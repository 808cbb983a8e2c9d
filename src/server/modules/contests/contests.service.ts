import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db.js';
import { conflict, forbidden, invalid, notFound, type FieldIssue } from '../../platform/errors.js';
import { pageOffset } from '../../platform/pagination.js';
import { isStaff } from '../accounts/accounts.policy.js';
import { findUnion } from '../orgs/orgs.repo.js';
import { loadContestAccess, type ContestAccess } from './contests.access.js';
import { canCreateContest, canManageContest, canRegisterForTeam, canSeeLiveResults, canSeeNames, isChiefJudge } from './contests.policy.js';
import * as repo from './contests.repo.js';
import { DEFAULT_RULES, QualificationSchema, type ContestRules } from './contests.rules.js';
import type { Contest, ContestInput, ContestUpdate, RoundInput, TeamInput, TeamUpdate } from './contests.schemas.js';

// Contests (issue 6 §1): created and run by union staff, visible to the public once published.

/** One audit entry about a contest, in the caller's transaction. */
export const auditContest = (db: Executor, actor: Actor, meta: RequestMeta, action: string, subject: { type: string; id: number | string; label: string; scope: string }, extra: { fields?: string[]; reason?: string } = {}) =>
  recordAudit(db, {
    actorId: actor.id, actorLabel: actorLabel(actor), action, subjectType: subject.type, subjectId: String(subject.id), subjectLabel: subject.label,
    scopePrefix: subject.scope, ip: meta.ip, requestId: meta.requestId, ...extra,
  });

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Loads the contest for a manager's change (404 when invisible, 403 when visible but not his). */
export async function loadForManage(db: Executor, contestId: number, actor: Actor, options: { forUpdate?: boolean } = {}): Promise<ContestAccess> {
  const access = await loadContestAccess(db, contestId, actor, options);
  if (!canManageContest(actor, access)) throw forbidden();
  return access;
}

/** A contest with its rounds, counts and what the caller may do in it. */
export async function getContest(ctx: AppContext, actor: Actor | null, id: number): Promise<Contest> {
  const access = await loadContestAccess(ctx.db, id, actor);
  const [row, rounds, counts] = await Promise.all([repo.findContest(ctx.db, id), repo.listRounds(ctx.db, id), repo.countContest(ctx.db, id)]);
  if (!row) throw new Error('contest vanished');
  return {
    id: row.id, name: row.name, theme: row.theme, description: row.description, organisers: row.organisers,
    ownerUnion: { id: row.owner_union_id, name: row.owner_union_name }, venue: row.venue, startsOn: row.starts_on, endsOn: row.ends_on,
    rules: row.rules as ContestRules, status: row.status, chiefJudge: row.chief_judge_id ? { id: row.chief_judge_id, name: row.chief_judge_name ?? '' } : null,
    lotsDrawnAt: iso(row.lots_drawn_at), lotsSeed: canManageContest(actor, access) ? row.lots_seed : null, revealedAt: iso(row.revealed_at), version: row.version,
    rounds: rounds.map((r) => ({
      id: r.id, seq: r.seq, name: r.name, kind: r.kind, startsOn: r.starts_on, endsOn: r.ends_on,
      qualification: r.qualification ? QualificationSchema.parse(r.qualification) : null, qualifiedAt: iso(r.qualified_at),
    })),
    counts,
    me: {
      canManage: canManageContest(actor, access), isChiefJudge: isChiefJudge(actor, access), judgeItemIds: [...access.judgeItemIds],
      canSeeNames: canSeeNames(actor, access), canSeeLiveResults: canSeeLiveResults(actor, access),
    },
  };
}

export async function listContests(ctx: AppContext, actor: Actor | null, query: { page: number; pageSize: number; status?: 'draft' | 'published' | undefined }) {
  const scopePrefix = actor && isStaff(actor) ? actor.scopePrefix : null;
  const { rows, total } = await repo.listContests(ctx.db, { scopePrefix, userId: actor?.id ?? null, status: query.status, offset: pageOffset(query), limit: query.pageSize });
  return {
    total,
    items: rows.map((r) => ({ id: r.id, name: r.name, startsOn: r.starts_on, endsOn: r.ends_on, status: r.status, venue: r.venue, ownerUnion: { id: r.owner_union_id, name: r.owner_union_name } })),
  };
}

/** Rounds in order: earlier rounds are preliminaries, the last one the final (contest rules: one final). */
function checkRounds(rounds: RoundInput[], issues: FieldIssue[]) {
  rounds.forEach((r, i) => {
    const last = i === rounds.length - 1;
    if ((r.kind === 'final') !== last) issues.push({ path: `rounds.${i}.kind`, code: 'contest.setup.round_final_last' });
    if (r.startsOn && r.endsOn && r.endsOn < r.startsOn) issues.push({ path: `rounds.${i}.endsOn`, code: 'contest.setup.ends_before_start' });
    if (r.qualification && r.kind === 'final') issues.push({ path: `rounds.${i}.qualification`, code: 'contest.setup.final_no_qualification' });
  });
}

async function checkContestInput(ctx: AppContext, actor: Actor, input: Partial<ContestInput>, current?: repo.ContestRow) {
  const issues: FieldIssue[] = [];
  const startsOn = input.startsOn ?? current?.starts_on;
  const endsOn = input.endsOn ?? current?.ends_on;
  if (startsOn && endsOn && endsOn < startsOn) issues.push({ path: 'endsOn', code: 'contest.setup.ends_before_start' });
  let owner: Awaited<ReturnType<typeof findUnion>> | undefined;
  if (input.ownerUnionId) {
    owner = await findUnion(ctx.db, input.ownerUnionId);
    if (!owner) issues.push({ path: 'ownerUnionId', code: 'orgs.union_not_found' });
    else if (!canManageContest(actor, { ownerScope: owner.scope_prefix, status: 'draft', chiefJudgeId: null, revealed: false, judgeItemIds: [] })) {
      issues.push({ path: 'ownerUnionId', code: 'contest.setup.owner_outside_scope' });
    }
  }
  if (input.chiefJudgeId && !(await repo.listChiefJudgeCandidates(ctx.db, { id: input.chiefJudgeId })).length) {
    issues.push({ path: 'chiefJudgeId', code: 'contest.setup.not_chief_judge' });
  }
  if (input.rounds) checkRounds(input.rounds, issues);
  if (issues.length) throw invalid(issues);
  return owner;
}

export async function createContest(ctx: AppContext, actor: Actor, input: ContestInput, meta: RequestMeta): Promise<Contest> {
  if (!canCreateContest(actor) || (!actor.unionId && !input.ownerUnionId)) throw forbidden();
  const owner = (await checkContestInput(ctx, actor, input)) ?? (await findUnion(ctx.db, actor.unionId!));
  if (!owner) throw forbidden();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertContest(trx, {
      name: input.name, theme: input.theme, description: input.description, organisers: input.organisers, ownerUnionId: owner.id, venue: input.venue,
      startsOn: input.startsOn, endsOn: input.endsOn, rules: input.rules ?? DEFAULT_RULES, status: input.status, chiefJudgeId: input.chiefJudgeId, createdBy: actor.id,
    });
    const rounds = input.rounds ?? [{ name: '决赛', kind: 'final' as const, startsOn: input.startsOn, endsOn: input.endsOn, qualification: null }];
    await repo.insertRounds(trx, row.id, rounds);
    await auditContest(trx, actor, meta, 'contest.create', { type: 'contest', id: row.id, label: input.name, scope: owner.scope_prefix });
    return row.id;
  });
  return getContest(ctx, actor, id);
}

export async function updateContest(ctx: AppContext, actor: Actor, id: number, input: ContestUpdate, meta: RequestMeta): Promise<Contest> {
  await loadForManage(ctx.db, id, actor);
  const row = (await repo.findContest(ctx.db, id))!;
  const owner = await checkContestInput(ctx, actor, input, row);
  // The chief judge reveals; after that the contest's judging staff stays as it was.
  if (input.chiefJudgeId !== undefined && input.chiefJudgeId !== row.chief_judge_id && row.revealed_at) {
    throw invalid([{ path: 'chiefJudgeId', code: 'contest.setup.revealed_fixed' }]);
  }
  await ctx.db.transaction().execute(async (trx) => {
    const set = {
      ...(input.name !== undefined ? { name: input.name } : {}), ...(input.theme !== undefined ? { theme: input.theme } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.organisers !== undefined ? { organisers: JSON.stringify(input.organisers) } : {}),
      ...(owner ? { owner_union_id: owner.id } : {}), ...(input.venue !== undefined ? { venue: input.venue } : {}),
      ...(input.startsOn ? { starts_on: input.startsOn } : {}), ...(input.endsOn ? { ends_on: input.endsOn } : {}),
      ...(input.rules ? { rules: JSON.stringify(input.rules) } : {}), ...(input.status ? { status: input.status } : {}),
      ...(input.chiefJudgeId !== undefined ? { chief_judge_id: input.chiefJudgeId } : {}),
    };
    const updated = await repo.updateContest(trx, id, input.version, set);
    if (!updated) throw conflict('http.conflict_edit');
    await auditContest(trx, actor, meta, 'contest.update', { type: 'contest', id, label: input.name ?? row.name, scope: row.owner_scope });
    // New rules change the results of a contest that is being scored.
    if (input.rules) await repo.announceContest(trx, id);
  });
  return getContest(ctx, actor, id);
}

/** The chief judge picker: users holding the chief judge role. */
export async function chiefJudgeCandidates(ctx: AppContext, actor: Actor, id: number, q?: string) {
  await loadForManage(ctx.db, id, actor);
  const rows = await repo.listChiefJudgeCandidates(ctx.db, q ? { q } : {});
  return { items: rows.map((r) => ({ id: r.id, name: r.name, username: r.username })) };
}

// ---- teams ----

const teamOut = (actor: Actor | null, access: ContestAccess, t: Awaited<ReturnType<typeof repo.listTeams>>[number]) => ({
  id: t.id, name: t.name, union: { id: t.union_id, name: t.union_name }, leader: t.leader, seq: t.seq,
  contestants: Number(t.contestants), finalists: Number(t.finalists), canRegister: canRegisterForTeam(actor, access, t.union_scope),
});

/** The contest's teams with their sizes; who may register for each. */
export async function listTeams(ctx: AppContext, actor: Actor | null, contestId: number) {
  const access = await loadContestAccess(ctx.db, contestId, actor);
  // Before the reveal a team's size and name would point judges at people: only those who may see names get teams.
  if (!canSeeNames(actor, access) && !(actor && isStaff(actor))) return { items: [] };
  return { items: (await repo.listTeams(ctx.db, contestId)).map((t) => teamOut(actor, access, t)) };
}

async function checkTeamInput(ctx: AppContext, contestId: number, input: TeamUpdate, teamId?: number) {
  const issues: FieldIssue[] = [];
  if (input.unionId && !(await findUnion(ctx.db, input.unionId))) issues.push({ path: 'unionId', code: 'orgs.union_not_found' });
  if (input.name) {
    const same = await repo.findTeamByName(ctx.db, contestId, input.name);
    if (same && same.id !== teamId) issues.push({ path: 'name', code: 'contest.setup.team_name_taken', params: { name: input.name } });
  }
  if (issues.length) throw invalid(issues);
}

export async function createTeam(ctx: AppContext, actor: Actor, contestId: number, input: TeamInput, meta: RequestMeta) {
  const access = await loadForManage(ctx.db, contestId, actor);
  await checkTeamInput(ctx, contestId, input);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertTeam(trx, contestId, input);
    await repo.touchContest(trx, contestId);
    await auditContest(trx, actor, meta, 'contest.team.create', { type: 'contest_team', id: row.id, label: `${access.name} · ${input.name}`, scope: access.ownerScope });
    return row.id;
  });
  const team = (await repo.listTeams(ctx.db, contestId)).find((t) => t.id === id)!;
  return teamOut(actor, access, team);
}

export async function updateTeam(ctx: AppContext, actor: Actor, contestId: number, teamId: number, input: TeamUpdate, meta: RequestMeta) {
  const access = await loadForManage(ctx.db, contestId, actor);
  const team = await repo.findTeam(ctx.db, contestId, teamId);
  if (!team) throw notFound('contest.team_not_found');
  await checkTeamInput(ctx, contestId, input, teamId);
  // Registered people came through the sending union: it stays while the team has contestants.
  if (input.unionId && input.unionId !== team.union_id && (await repo.teamHasContestants(ctx.db, teamId))) {
    throw invalid([{ path: 'unionId', code: 'contest.setup.team_has_contestants' }]);
  }
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateTeam(trx, teamId, {
      ...(input.name !== undefined ? { name: input.name } : {}), ...(input.unionId ? { union_id: input.unionId } : {}), ...(input.leader !== undefined ? { leader: input.leader } : {}),
    });
    await repo.touchContest(trx, contestId);
    await auditContest(trx, actor, meta, 'contest.team.update', { type: 'contest_team', id: teamId, label: `${access.name} · ${input.name ?? team.name}`, scope: access.ownerScope });
  });
  return teamOut(actor, access, (await repo.listTeams(ctx.db, contestId)).find((t) => t.id === teamId)!);
}

/** A team goes only while nobody is registered in it. */
export async function deleteTeam(ctx: AppContext, actor: Actor, contestId: number, teamId: number, meta: RequestMeta) {
  const access = await loadForManage(ctx.db, contestId, actor);
  const team = await repo.findTeam(ctx.db, contestId, teamId);
  if (!team) throw notFound('contest.team_not_found');
  await ctx.db.transaction().execute(async (trx) => {
    if (await repo.teamHasContestants(trx, teamId)) throw conflict('contest.setup.team_has_contestants');
    await repo.deleteTeam(trx, teamId);
    await repo.touchContest(trx, contestId);
    await auditContest(trx, actor, meta, 'contest.team.delete', { type: 'contest_team', id: teamId, label: `${access.name} · ${team.name}`, scope: access.ownerScope });
  });
}
