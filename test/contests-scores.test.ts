import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeContest, type MadeContest } from './contest-factory.js';
import { createTestApp, loginAs, makeUser, type MadeUser, type TestApp } from './helpers.js';

// Score entry, double entry, flags, the chief judge's lock and re-lock, and the trail (issue 6 §3),
// through the HTTP API on real PostgreSQL.

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const cookies = new Map<string, string>();
const cookieOf = async (u: MadeUser) => {
  if (!cookies.has(u.id)) cookies.set(u.id, await loginAs(t.app, u.username));
  return cookies.get(u.id)!;
};
const call = async (u: MadeUser | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) => {
  const res = await t.app.inject({ method, url, payload: payload as object, headers: { ...(u ? { cookie: await cookieOf(u) } : {}), 'accept-language': 'zh-CN', ...headers } });
  return { status: res.statusCode, body: res.json() as Record<string, any> };
};

const ids = (c: MadeContest) => {
  const a1 = c.items.find((i) => i.code === 'A1')!.id;
  const b1 = c.items.find((i) => i.code === 'B1')!.id;
  const asp = (code: string) => c.aspects.find((a) => a.code === code)!.id;
  return { a1, b1, m: asp('A1.1'), j: asp('A1.2'), d: asp('A1.3'), bm: asp('B1.1'), bd: asp('B1.2') };
};
const marksUrl = (c: MadeContest, itemId: number) => `/api/contests/${c.id}/items/${itemId}/marks`;

/** Fills every aspect of every finalist of a sub-item with agreeing entries (and times). */
async function fillItem(c: MadeContest, code: 'A1' | 'B1') {
  const itemId = c.items.find((i) => i.code === code)!.id;
  const judges = c.judges[code]!;
  for (const person of c.contestants) {
    for (const a of c.aspects.filter((x) => x.itemId === itemId)) {
      const n = a.type === 'judgement' ? a.judges : 2;
      for (let k = 0; k < n; k += 1) {
        const body = a.type === 'deduction' ? { deductions: [{ code: 'D2' }] } : { value: a.type === 'judgement' ? 2 : 4 };
        const r = await call(judges[k]!, 'POST', marksUrl(c, itemId), { contestantId: person.id, aspectId: a.id, ...body });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
      }
    }
    const time = await call(judges[0]!, 'PUT', `/api/contests/${c.id}/items/${itemId}/times/${person.id}`, { seconds: 3000 + person.id % 100 });
    expect(time.status).toBe(200);
  }
}

describe('who may enter and read', () => {
  it('only the sub-item\'s judges enter; a judge of another item gets 403 and cannot read its marks; names stay hidden before the reveal', async () => {
    const c = await makeContest(t.ctx, { drawLots: true });
    const { a1, m } = ids(c);
    const [p1] = c.contestants;
    const judgeA = c.judges.A1![0]!;
    const judgeB = c.judges.B1![0]!;

    const other = await call(judgeB, 'POST', marksUrl(c, a1), { contestantId: p1!.id, aspectId: m, value: 4 });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('contest.scores.not_item_judge');
    expect((await call(judgeB, 'GET', `/api/contests/${c.id}/items/${a1}/sheet`)).status).toBe(403);
    expect((await call(judgeB, 'GET', `/api/contests/${c.id}/items/${a1}/history`)).status).toBe(403);
    const chiefEntry = await call(c.chief, 'POST', marksUrl(c, a1), { contestantId: p1!.id, aspectId: m, value: 4 });
    expect(chiefEntry.status).toBe(403);
    const stranger = await makeUser(t.ctx, { roles: ['judge'], region: '511600' });
    expect((await call(stranger, 'GET', `/api/contests/${c.id}/items/${a1}/sheet`)).status).toBe(403);
    expect((await call(null, 'GET', `/api/contests/${c.id}/items/${a1}/sheet`)).status).toBe(401);

    const sheet = await call(judgeA, 'GET', `/api/contests/${c.id}/items/${a1}/sheet`);
    expect(sheet.status).toBe(200);
    expect(sheet.body.contestants.map((x: any) => x.workNumber)).toEqual(['001', '002', '003', '004', '005', '006']);
    const text = JSON.stringify(sheet.body);
    for (const p of c.contestants) expect(text).not.toContain(p.name);
    expect(text).not.toContain('广安1队');
    expect(text).not.toContain('供电公司');
    expect(sheet.body.contestants[0]).toMatchObject({ name: null, team: null, employer: null });
    expect(sheet.body.me).toMatchObject({ isJudge: true, canEnter: true, canSeeNames: false, canSeeAll: false });

    const chiefSheet = await call(c.chief, 'GET', `/api/contests/${c.id}/items/${a1}/sheet`);
    expect(chiefSheet.body.contestants[0].name).toBeNull();
    const ownerSheet = await call(c.owner, 'GET', `/api/contests/${c.id}/items/${a1}/sheet`);
    expect(ownerSheet.body.contestants[0].name).toBe(p1!.name);

    await t.ctx.db.updateTable('contests').set({ revealed_at: new Date() }).where('id', '=', c.id).execute();
    const after = await call(judgeA, 'GET', `/api/contests/${c.id}/items/${a1}/sheet`);
    expect(after.body.contestants[0].name).toBe(p1!.name);
  });

  it('refuses entry before the lots are drawn (no work numbers) and for a contestant who is not a finalist', async () => {
    const c = await makeContest(t.ctx);
    const { a1, m } = ids(c);
    const r = await call(c.judges.A1![0]!, 'POST', marksUrl(c, a1), { contestantId: c.contestants[0]!.id, aspectId: m, value: 4 });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('contest.scores.lots_not_drawn');

    const drawn = await makeContest(t.ctx, { drawLots: true });
    const d = ids(drawn);
    await t.ctx.db.updateTable('contest_contestants').set({ stage: 'eliminated' }).where('id', '=', drawn.contestants[0]!.id).execute();
    const out = await call(drawn.judges.A1![0]!, 'POST', marksUrl(drawn, d.a1), { contestantId: drawn.contestants[0]!.id, aspectId: d.m, value: 4 });
    expect(out.status).toBe(404);
    expect(out.body.code).toBe('contest.scores.not_finalist');
    const wrongAspect = await call(drawn.judges.A1![0]!, 'POST', marksUrl(drawn, d.a1), { contestantId: drawn.contestants[1]!.id, aspectId: d.bm, value: 4 });
    expect(wrongAspect.status).toBe(404);
    expect(wrongAspect.body.code).toBe('contest.scores.aspect_not_found');
  });

  it('lists a judge\'s contests with his sub-items and progress', async () => {
    const c = await makeContest(t.ctx, { drawLots: true });
    const { a1, m } = ids(c);
    const judge = c.judges.A1![0]!;
    await call(judge, 'POST', marksUrl(c, a1), { contestantId: c.contestants[0]!.id, aspectId: m, value: 4 });
    const mine = await call(judge, 'GET', '/api/judge/contests');
    expect(mine.status).toBe(200);
    const entry = mine.body.items.find((x: any) => x.id === c.id);
    expect(entry.items).toEqual([expect.objectContaining({ id: a1, code: 'A1', done: 1, total: 18, lockState: 'open' })]);
    const chief = await call(c.chief, 'GET', '/api/judge/contests');
    expect(chief.body.items.find((x: any) => x.id === c.id)).toMatchObject({ isChiefJudge: true, items: [] });
  });
});

describe('bad marks', () => {
  it.each([
    ['a measurement above max', 'm', { value: 5.5 }, 'contest.scores.value_range', 'A1.1', '0 至 5'],
    ['a negative measurement', 'm', { value: -1 }, 'contest.scores.value_range', 'A1.1', '0 至 5'],
    ['three decimals', 'm', { value: 4.125 }, 'contest.scores.value_decimals', 'A1.1', '两位小数'],
    ['a judgement of 4', 'j', { value: 4 }, 'contest.scores.value_range', 'A1.2', '0 至 3'],
    ['a judgement of 2.5', 'j', { value: 2.5 }, 'contest.scores.judgement_whole', 'A1.2', '0、1、2 或 3'],
    ['a deduction not on the list', 'd', { deductions: [{ code: 'D7' }] }, 'contest.scores.deduction_unknown', 'A1.3', 'D7'],
  ] as const)('refuses %s with a message naming the aspect and the range', async (_name, aspect, body, code, aspectCode, text) => {
    const c = await makeContest(t.ctx, { drawLots: true });
    const x = ids(c);
    const r = await call(c.judges.A1![0]!, 'POST', marksUrl(c, x.a1), { contestantId: c.contestants[0]!.id, aspectId: x[aspect], ...body });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe(code);
    expect(r.body.message).toContain(aspectCode);
    expect(r.body.message).toContain(text);
    expect(await t.ctx.db.selectFrom('contest_marks').select('id').where('contest_id', '=', c.id).execute()).toHaveLength(0);
  });

  it('stores a deduction as the negative sum of the ticked deductions, floored at −max, with what was ticked', async () => {
    const c = await makeContest(t.ctx, { drawLots: true });
    const x = ids(c);
    const r = await call(c.judges.A1![0]!, 'POST', marksUrl(c, x.a1), { contestantId: c.contestants[0]!.id, aspectId: x.d, deductions: [{ code: 'D1', count: 2 }, { code: 'D2' }] });
    expect(r.status).toBe(201);
    expect(r.body.mark).toMatchObject({ value: '-4.5', deductions: [{ code: 'D1', count: 2, points: 2 }, { code: 'D2', count: 1, points: 0.5 }] });
    const floor = await call(c.judges.A1![1]!, 'POST', marksUrl(c, x.a1), { contestantId: c.contestants[0]!.id, aspectId: x.d, deductions: [{ code: 'D1', count: 9 }] });
    expect(floor.body.mark.value).toBe('-10');
    expect(floor.body.slot).toMatchObject({ entries: 2, flag: 'mismatch', complete: false });
  });
});

describe('double entry and judgement', () => {
  it('pairs two judges\' entries, flags a mismatch, refuses a third and a duplicate; a change that agrees clears the flag', async () => {
    const c = await makeContest(t.ctx, { drawLots: true });
    const x = ids(c);
    const [j1, j2, j3] = c.judges.A1!;
    const p = c.contestants[0]!.id;
    const first = await call(j1!, 'POST', marksUrl(c, x.a1), { contestantId: p, aspectId: x.m, value: 4.5 });
    expect(first.status).toBe(201);
    expect(first.body.slot).toMatchObject({ entries: 1, needed: 2, complete: false, flag: null });
    const dup = await call(j1!, 'POST', marksUrl(c, x.a1), { contestantId: p, aspectId: x.m, value: 4 });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('contest.scores.duplicate');
    expect(dup.body.message).toContain('001');
    const second = await call(j2!, 'POST', marksUrl(c, x.a1), { contestantId: p, aspectId: x.m, value: 4 });
    expect(second.body.slot).toMatchObject({ entries: 2, complete: false, flag: 'mismatch', flagOpen: true });
    const third = await call(j3!, 'POST', marksUrl(c, x.a1), { contestantId: p, aspectId: x.m, value: 4 });
    expect(third.status).toBe(409);
    expect(third.body.code).toBe('contest.scores.full');

    // The judge's sheet shows his entry and the flag, never the other judge's value (blind double entry).
    const sheet = await call(j2!, 'GET', `/api/contests/${c.id}/items/${x.a1}/sheet`);
    const slot = sheet.body.contestants[0].aspects.find((a: any) => a.aspectId === x.m);
    expect(slot).toMatchObject({ entries: 2, flag: 'mismatch', mine: { value: '4' }, marks: [] });
    const chief = await call(c.chief, 'GET', `/api/contests/${c.id}/items/${x.a1}/sheet`);
    expect(chief.body.contestants[0].aspects.find((a: any) => a.aspectId === x.m).marks.map((m: any) => m.value)).toEqual(['4.5', '4']);
    expect(chief.body.openFlags).toBe(1);

    const noNote = await call(c.chief, 'POST', `/api/contests/${c.id}/items/${x.a1}/flags/resolve`, { aspectId: x.m, contestantId: p, note: '已讨论' });
    expect(noNote.status).toBe(409);
    expect(noNote.body.code).toBe('contest.scores.resolve_by_change');

    const notMine = await call(j2!, 'PATCH', `${marksUrl(c, x.a1)}/${first.body.mark.id}`, { value: 4 });
    expect(notMine.status).toBe(403);
    const fix = await call(j1!, 'PATCH', `${marksUrl(c, x.a1)}/${first.body.mark.id}`, { value: 4 });
    expect(fix.status).toBe(200);
    expect(fix.body.slot).toMatchObject({ complete: true, flag: null, flagOpen: false });
    expect(fix.body.mark.version).toBe(2);
  });

  it('takes J judgement scores, flags a spread over 1 for discussion, and the chief judge settles it with a note', async () => {
    const c = await makeContest(t.ctx, { drawLots: true });
    const x = ids(c);
    const p = c.contestants[1]!.id;
    const [j1, j2, j3] = c.judges.A1!;
    await call(j1!, 'POST', marksUrl(c, x.a1), { contestantId: p, aspectId: x.j, value: 1 });
    await call(j2!, 'POST', marksUrl(c, x.a1), { contestantId: p, aspectId: x.j, value: 2 });
    const last = await call(j3!, 'POST', marksUrl(c, x.a1), { contestantId: p, aspectId: x.j, value: 3 });
    expect(last.body.slot).toMatchObject({ entries: 3, needed: 3, complete: true, flag: 'spread', flagOpen: true });
    const byJudge = await call(j1!, 'POST', `/api/contests/${c.id}/items/${x.a1}/flags/resolve`, { aspectId: x.j, contestantId: p, note: '讨论' });
    expect(byJudge.status).toBe(403);
    const empty = await call(c.chief, 'POST', `/api/contests/${c.id}/items/${x.a1}/flags/resolve`, { aspectId: x.j, contestantId: p, note: '  ' });
    expect(empty.status).toBe(400);
    const ok = await call(c.chief, 'POST', `/api/contests/${c.id}/items/${x.a1}/flags/resolve`, { aspectId: x.j, contestantId: p, note: '三位裁判讨论后维持原评分' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ flag: 'spread', flagOpen: false });
    const again = await call(c.chief, 'POST', `/api/contests/${c.id}/items/${x.a1}/flags/resolve`, { aspectId: x.j, contestantId: p, note: '再次' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('contest.scores.no_flag');
    // A change after the resolution opens it again.
    const mark = (await call(j3!, 'GET', `/api/contests/${c.id}/items/${x.a1}/sheet`)).body.contestants[1].aspects.find((a: any) => a.aspectId === x.j).mine;
    const change = await call(j3!, 'PATCH', `${marksUrl(c, x.a1)}/${mark.id}`, { value: 0 });
    expect(change.body.slot).toMatchObject({ flag: 'spread', flagOpen: true });
    const fourth = await call(c.judges.A1![0]!, 'POST', marksUrl(c, x.a1), { contestantId: p, aspectId: x.j, value: 2 });
    expect(fourth.status).toBe(409);
  });
});

describe('retries', () => {
  it('a retry with the same Idempotency-Key returns the first answer and writes once', async () => {
    const c = await makeContest(t.ctx, { drawLots: true });
    const x = ids(c);
    const judge = c.judges.A1![0]!;
    const body = { contestantId: c.contestants[0]!.id, aspectId: x.m, value: 3.5 };
    const headers = { 'idempotency-key': 'judge-phone-0001' };
    const first = await call(judge, 'POST', marksUrl(c, x.a1), body, headers);
    const retry = await call(judge, 'POST', marksUrl(c, x.a1), body, headers);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const rows = await t.ctx.db.selectFrom('contest_marks').select('id').where('contest_id', '=', c.id).execute();
    expect(rows).toHaveLength(1);
    const history = await t.ctx.db.selectFrom('contest_score_history').select('id').where('contest_id', '=', c.id).where('action', '=', 'enter').execute();
    expect(history).toHaveLength(1);
    // Without the key, the same entry again is a duplicate.
    expect((await call(judge, 'POST', marksUrl(c, x.a1), body)).status).toBe(409);
  });

  it('two copies of one keyed request at once write once and both get the first answer', async () => {
    const c = await makeContest(t.ctx, { drawLots: true });
    const x = ids(c);
    const judge = c.judges.A1![0]!;
    await cookieOf(judge);
    const body = { contestantId: c.contestants[2]!.id, aspectId: x.d, deductions: [{ code: 'D1' }] };
    const headers = { 'idempotency-key': 'judge-phone-twin-01' };
    const [a, b] = await Promise.all([call(judge, 'POST', marksUrl(c, x.a1), body, headers), call(judge, 'POST', marksUrl(c, x.a1), body, headers)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body).toEqual(b.body);
    expect(await t.ctx.db.selectFrom('contest_marks').select('id').where('contest_id', '=', c.id).execute()).toHaveLength(1);
  });
});

describe('concurrency', () => {
  it('three judges entering one double-entry aspect at once: two are written, the third is refused', async () => {
    const c = await makeContest(t.ctx, { drawLots: true });
    const x = ids(c);
    for (const j of c.judges.A1!) await cookieOf(j);
    const body = { contestantId: c.contestants[3]!.id, aspectId: x.m, value: 2 };
    const answers = await Promise.all(c.judges.A1!.map((j) => call(j, 'POST', marksUrl(c, x.a1), body)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 409]);
    expect(answers.find((a) => a.status === 409)!.body.code).toBe('contest.scores.full');
    expect(await t.ctx.db.selectFrom('contest_marks').select('id').where('contest_id', '=', c.id).execute()).toHaveLength(2);
  });
});

describe('lock, change after lock, re-lock', () => {
  it('locks only when complete (409 listing what is missing), refuses entry after the lock, reopens on a change with a reason and re-locks', async () => {
    const c = await makeContest(t.ctx, { drawLots: true });
    const x = ids(c);
    const lockUrl = `/api/contests/${c.id}/items/${x.a1}/lock`;
    expect((await call(c.judges.A1![0]!, 'POST', lockUrl)).status).toBe(403);
    expect((await call(c.owner, 'POST', lockUrl)).status).toBe(403);
    const early = await call(c.chief, 'POST', lockUrl);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('contest.scores.incomplete');
    expect(early.body.message).toContain('001: A1.1, A1.2, A1.3');
    expect(early.body.message).toContain('6 名');
    expect(early.body.message).toContain('未记录用时 6 名');
    expect(early.body.issues).toHaveLength(6);
    expect(early.body.issues[0]).toEqual({ path: '001', message: '工位号 001：A1.1, A1.2, A1.3 未完成或有待处理标记，且未记录完成用时' });

    await fillItem(c, 'A1');
    const overview = await call(c.chief, 'GET', `/api/contests/${c.id}/scoring`);
    expect(overview.body.items.find((i: any) => i.id === x.a1)).toMatchObject({ completeContestants: 6, openFlags: 0, timesMissing: 0, lockState: 'open' });
    expect(overview.body.items.find((i: any) => i.id === x.b1)).toMatchObject({ completeContestants: 0, timesMissing: 6 });
    expect((await call(c.judges.A1![0]!, 'GET', `/api/contests/${c.id}/scoring`)).status).toBe(403);

    const locked = await call(c.chief, 'POST', lockUrl);
    expect(locked.status).toBe(200);
    expect(locked.body.item).toMatchObject({ lockState: 'locked', lockCount: 1 });
    expect((await call(c.chief, 'POST', lockUrl)).body.code).toBe('contest.scores.already_locked');

    const late = await call(c.judges.A1![2]!, 'POST', marksUrl(c, x.a1), { contestantId: c.contestants[0]!.id, aspectId: x.m, value: 4 });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('contest.scores.locked');

    const sheet = await call(c.judges.A1![0]!, 'GET', `/api/contests/${c.id}/items/${x.a1}/sheet`);
    const mark = sheet.body.contestants[0].aspects.find((a: any) => a.aspectId === x.m).mine;
    const noReason = await call(c.judges.A1![0]!, 'PATCH', `${marksUrl(c, x.a1)}/${mark.id}`, { value: 3 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.code).toBe('contest.scores.reason_required');
    const changed = await call(c.judges.A1![0]!, 'PATCH', `${marksUrl(c, x.a1)}/${mark.id}`, { value: 3, reason: '复核测量数据' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ lockState: 'reopened', slot: { flag: 'mismatch' } });
    // The chief judge corrects the other entry too, then re-locks.
    const other = (await call(c.chief, 'GET', `/api/contests/${c.id}/items/${x.a1}/sheet`)).body.contestants[0].aspects.find((a: any) => a.aspectId === x.m).marks.find((m: any) => m.id !== mark.id);
    const chiefFix = await call(c.chief, 'PATCH', `${marksUrl(c, x.a1)}/${other.id}`, { value: 3, reason: '双录核对一致' });
    expect(chiefFix.body.slot).toMatchObject({ complete: true, flag: null });
    const relock = await call(c.chief, 'POST', lockUrl);
    expect(relock.body.item).toMatchObject({ lockState: 'locked', lockCount: 2 });

    const history = await call(c.chief, 'GET', `/api/contests/${c.id}/items/${x.a1}/history`);
    const actions = history.body.items.map((h: any) => h.action);
    expect(actions.slice(0, 5)).toEqual(['relock', 'change', 'change', 'reopen', 'lock']);
    expect(history.body.items[2]).toMatchObject({ action: 'change', oldValue: '4', newValue: '3', reason: '复核测量数据', workNumber: '001', aspectCode: 'A1.1' });
    expect(actions.filter((a: string) => a === 'enter')).toHaveLength(6 * 7);
    expect(actions.filter((a: string) => a === 'time')).toHaveLength(6);

    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'reason']).where('subject_type', '=', 'contest').where('subject_id', '=', String(c.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['contest.item_lock', 'contest.item_reopen', 'contest.mark_change', 'contest.mark_change', 'contest.item_relock']);
    await expect(t.ctx.db.updateTable('contest_score_history').set({ reason: 'x' }).where('contest_id', '=', c.id).execute()).rejects.toThrow(/append-only/);
  });

  it('a time change after the lock needs a reason and reopens; lock and reopen are announced on the live channel', async () => {
    const c = await makeContest(t.ctx, { drawLots: true });
    const x = ids(c);
    await fillItem(c, 'B1');
    const notices: string[] = [];
    const client = await t.handle.pool.connect();
    await client.query('LISTEN chuanyu_live');
    client.on('notification', (n) => { if (n.payload === `contest:${c.id}`) notices.push(n.payload); });
    try {
      expect((await call(c.chief, 'POST', `/api/contests/${c.id}/items/${x.b1}/lock`)).status).toBe(200);
      const timeUrl = `/api/contests/${c.id}/items/${x.b1}/times/${c.contestants[0]!.id}`;
      expect((await call(c.judges.B1![0]!, 'PUT', timeUrl, { seconds: 4000 })).body.code).toBe('contest.scores.reason_required');
      const changed = await call(c.judges.B1![0]!, 'PUT', timeUrl, { seconds: 4000, reason: '计时器读数更正' });
      expect(changed.body).toMatchObject({ seconds: 4000, lockState: 'reopened' });
      expect((await call(c.judges.A1![0]!, 'PUT', timeUrl, { seconds: 4100 })).status).toBe(403);
      const notTimed = await makeContest(t.ctx, { drawLots: true, items: [{ code: 'C', name: '大项', aspects: [] }, { code: 'C1', name: '不计时', parent: 'C', aspects: [{ code: 'C1.1', type: 'measurement', max: 10 }] }] });
      const c1 = notTimed.items.find((i) => i.code === 'C1')!.id;
      expect((await call(notTimed.judges.C1![0]!, 'PUT', `/api/contests/${notTimed.id}/items/${c1}/times/${notTimed.contestants[0]!.id}`, { seconds: 10 })).body.code).toBe('contest.scores.not_timed');
      await new Promise((r) => setTimeout(r, 200));
      expect(notices.length).toBeGreaterThanOrEqual(2);
    } finally {
      await client.query('UNLISTEN chuanyu_live');
      client.release();
    }
  });
});
