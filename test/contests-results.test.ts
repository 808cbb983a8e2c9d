import http from 'node:http';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import jsQR from 'jsqr';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeResults, type ScoringInput } from '../src/server/modules/contests/scoring.js';
import { DEFAULT_RULES } from '../src/server/modules/contests/contests.rules.js';
import { computeBoard } from '../src/server/modules/contests/results.board.js';
import { boardDigest, loadResultRows } from '../src/server/modules/contests/results.repo.js';
import { DEMO_CONTEST_NAME, planDemoContest } from '../src/server/demo/contest-plan.js';
import { loadDemoContests } from '../src/server/demo/contest.js';
import { createDb } from '../src/server/platform/db.js';
import { prepareSchema } from '../src/server/server.js';
import { makeContest, type MadeContest } from './contest-factory.js';
import { createFreshDatabase, createTestApp, loginAs, makeUser, type TestApp } from './helpers.js';
import { readPdf } from './pdf.js';

// Results of a contest (issue 6 §5) on real rows: marks and locks written straight into the tables,
// the API's board held against computeResults on the same input; the freeze, partial locks, who may
// see names and freeze; certificates (idempotent, PDF text and QR, public check); the .xlsx totals.

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const zh = (cookie?: string) => ({ 'accept-language': 'zh-CN', ...(cookie ? { cookie } : {}) });
const get = (url: string, cookie?: string) => t.app.inject({ url, headers: zh(cookie) });

/** Deterministic marks per contestant index and aspect: measurement and deduction double-entered, judgement by 3 judges. */
function markFor(type: string, max: number, i: number, j: number): number[] {
  if (type === 'judgement') return [((i + j) % 4), ((i + 2 * j) % 4), ((i * 3 + j) % 4)];
  if (type === 'deduction') return [-(((i * 5 + j) % 7) * 0.5)];
  return [Math.round(((i * 37 + j * 11) % 100) / 100 * max * 2) / 2];
}

/** Write every mark (and time) of the given sub-items; return the ScoringInput of those marks. */
async function fillMarks(c: MadeContest, codes: string[], options: { skip?: { contestant: number; aspect: string } } = {}) {
  const db = t.ctx.db;
  for (const code of codes) {
    const item = c.items.find((i) => i.code === code)!;
    const judges = c.judges[code]!;
    for (const [i, person] of c.contestants.entries()) {
      for (const [j, a] of c.aspects.filter((x) => x.itemId === item.id).entries()) {
        if (options.skip && options.skip.contestant === person.id && options.skip.aspect === a.code) continue;
        const values = markFor(a.type, a.max, i, j);
        const entries = a.type === 'judgement' ? values : [values[0]!, values[0]!];
        for (const [k, value] of entries.entries()) {
          await db.insertInto('contest_marks').values({ contest_id: c.id, item_id: item.id, aspect_id: a.id, contestant_id: person.id, judge_id: judges[k]!.id, value: String(value) }).execute();
        }
      }
      await db.insertInto('contest_item_times').values({ item_id: item.id, contestant_id: person.id, seconds: 3000 + ((i * 97) % 600) }).execute();
    }
  }
}

async function lock(c: MadeContest, code: string, state: 'locked' | 'reopened' | 'open' = 'locked') {
  await t.ctx.db.updateTable('contest_items').set({ lock_state: state, locked_at: state === 'locked' ? new Date() : null })
    .where('contest_id', '=', c.id).where('code', '=', code).execute();
  await sql`SELECT pg_notify('chuanyu_live', ${`contest:${c.id}`})`.execute(t.ctx.db);
}

const reveal = (c: MadeContest) => t.ctx.db.updateTable('contests').set({ lots_seed: 's', lots_drawn_at: new Date(), revealed_at: new Date() }).where('id', '=', c.id).execute();

/** The same input built independently of results.repo: the locked items' marks as the factory wrote them. */
function expectedInput(c: MadeContest, codes: string[]): ScoringInput {
  const items = codes.map((code) => {
    const item = c.items.find((i) => i.code === code)!;
    return { id: code, name: code, aspects: c.aspects.filter((a) => a.itemId === item.id).map((a) => ({ id: a.code, type: a.type as 'measurement', max: a.max })) };
  });
  return {
    rules: DEFAULT_RULES,
    items,
    contestants: c.contestants.map((p, i) => ({
      id: String(p.id), team: c.teams.find((tm) => tm.id === p.teamId)!.name, written: 60 + (((i + 1) * 7) % 40),
      timeSeconds: Object.fromEntries(codes.map((code) => [code, 3000 + ((i * 97) % 600)])),
      marks: Object.fromEntries(items.flatMap((it) => it.aspects.map((a, j) => [a.id, markFor(a.type, a.max, i, j)]))),
    })),
  };
}

describe('results from the database', () => {
  it('equal computeResults on the same input once every sub-item is locked', async () => {
    const c = await makeContest(t.ctx, { drawLots: true });
    await fillMarks(c, ['A1', 'B1']);
    await lock(c, 'A1');
    await lock(c, 'B1');
    const owner = await loginAs(t.app, c.owner.username);
    const res = await get(`/api/contests/${c.id}/results`, owner);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const expected = computeResults(expectedInput(c, ['A1', 'B1']));
    expect(body).toMatchObject({ complete: true, lockedItems: 2, totalItems: 2, basis: 'locked-items', frozen: false, live: true });
    expect(body.individuals.map((r: { contestantId: number; rank: number; total: number; written: number; practical: number }) => [String(r.contestantId), r.rank, r.total, r.written, r.practical]))
      .toEqual(expected.individuals.map((r) => [r.contestantId, r.rank, r.total, r.written, r.practical]));
    expect(body.teams.map((r: { team: string; score: number; rank: number }) => [r.team, r.rank, r.score])).toEqual(expected.teams.map((r) => [r.team, r.rank, r.score]));
    for (const item of expected.items) {
      const got = body.items.find((i: { code: string }) => i.code === item.itemId);
      expect(got.ranking.map((r: { contestantId: number; score: number; rank: number }) => [String(r.contestantId), r.rank, r.score])).toEqual(item.ranking.map((r) => [r.contestantId, r.rank, r.score]));
      expect(got.awarded.map(String)).toEqual(item.awarded);
      expect(got).toMatchObject({ name: expect.any(String), major: expect.any(String), locked: true });
    }
    // API.md's fixed fields, names for the organisers, prizes by rank (6 finalists: 1 first, 1 second, 2 third — 10/20/30 %)
    expect(body.individuals[0]).toMatchObject({ rank: 1, contestantId: expect.any(Number), team: expect.any(String), total: expect.any(Number), name: expect.stringMatching(/^选手/), workNumber: expect.any(String) });
    expect(body.prizes).toEqual({ first: 1, second: 1, third: 2, teams: 3 });
    expect(body.individuals.filter((r: { prize: string | null }) => r.prize).length).toBe(4);

    // The board read again is the kept one until anything it is computed from changes (here both entries of a mark, written directly)
    expect((await get(`/api/contests/${c.id}/results`, owner)).json().computedAt).toBe(body.computedAt);
    const last = body.individuals.at(-1);
    await t.ctx.db.updateTable('contest_marks').set({ value: '10' }).where('contestant_id', '=', last.contestantId).where('aspect_id', '=', c.aspects.find((a) => a.code === 'B1.1')!.id).execute();
    const changed = (await get(`/api/contests/${c.id}/results`, owner)).json();
    expect(changed.computedAt).not.toBe(body.computedAt);
    expect(changed.individuals.find((r: { contestantId: number }) => r.contestantId === last.contestantId).total).toBeGreaterThan(last.total);
  });

  it('count locked sub-items only: a reopened or open item is left out and the answer says so', async () => {
    const c = await makeContest(t.ctx, { drawLots: true });
    await fillMarks(c, ['A1', 'B1']);
    await lock(c, 'A1');
    await lock(c, 'B1', 'reopened');
    const owner = await loginAs(t.app, c.owner.username);
    const body = (await get(`/api/contests/${c.id}/results`, owner)).json();
    expect(body).toMatchObject({ complete: false, lockedItems: 1, totalItems: 2, basis: 'locked-items' });
    const expected = computeResults(expectedInput(c, ['A1']));
    expect(body.individuals.map((r: { total: number }) => r.total)).toEqual(expected.individuals.map((r) => r.total));
    expect(body.items.find((i: { code: string }) => i.code === 'B1')).toMatchObject({ locked: false, lockState: 'reopened', ranking: [], awarded: [] });
  });

  it('rank on the written exam alone (practical 0, provisional) while no sub-item is locked', async () => {
    const c = await makeContest(t.ctx, { drawLots: true });
    const body = (await get(`/api/contests/${c.id}/results`)).json();
    expect(body).toMatchObject({ complete: false, lockedItems: 0, totalItems: 2, basis: 'written-only' });
    for (const r of body.individuals) expect(r.total).toBe(Math.round(r.written * 30) / 100);
    expect(body.individuals.every((r: { practical: number }) => r.practical === 0)).toBe(true);
    const written = body.individuals.map((r: { written: number }) => r.written);
    expect(written).toEqual([...written].sort((a, b) => b - a));
    expect(body.items.every((i: { ranking: unknown[] }) => i.ranking.length === 0)).toBe(true);
  });

  it('a missing mark or two differing entries in a locked item is a 409 naming work number and aspect, never a silent zero', async () => {
    const c = await makeContest(t.ctx, { drawLots: true });
    const victim = c.contestants[2]!;
    await fillMarks(c, ['A1'], { skip: { contestant: victim.id, aspect: 'A1.3' } });
    await lock(c, 'A1');
    const res = await get(`/api/contests/${c.id}/results`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'contest.results.missing_mark' });
    expect(res.json().message).toContain(victim.workNumber!);
    expect(res.json().message).toContain('A1.3');
    // while the item is open again, the board is computed without it
    await lock(c, 'A1', 'open');
    expect((await get(`/api/contests/${c.id}/results`)).statusCode).toBe(200);

    const d = await makeContest(t.ctx, { drawLots: true });
    await fillMarks(d, ['B1']);
    const aspect = d.aspects.find((a) => a.code === 'B1.1')!;
    const p = d.contestants[0]!;
    await t.ctx.db.updateTable('contest_marks').set({ value: '9.5' }).where('aspect_id', '=', aspect.id).where('contestant_id', '=', p.id).where('judge_id', '=', d.judges.B1![1]!.id).execute();
    await lock(d, 'B1');
    const bad = await get(`/api/contests/${d.id}/results`, undefined);
    expect(bad.statusCode).toBe(409);
    expect(bad.json()).toMatchObject({ code: 'contest.results.entries_disagree' });
    expect(bad.json().message).toContain(p.workNumber!);
    expect(bad.json().message).toContain('B1.1');
  });
});

describe('freeze and permissions', () => {
  it('the public sees the frozen copy while staff see the live results; names only after the reveal', async () => {
    const c = await makeContest(t.ctx, { drawLots: true });
    await fillMarks(c, ['A1', 'B1']);
    await lock(c, 'A1');
    const owner = await loginAs(t.app, c.owner.username);
    const chief = await loginAs(t.app, c.chief.username);
    const judge = await loginAs(t.app, c.judges.A1![0]!.username);

    const frozen = await t.app.inject({ method: 'POST', url: `/api/contests/${c.id}/results/freeze`, headers: zh(chief) });
    expect(frozen.statusCode, frozen.body).toBe(200);
    expect(frozen.json()).toMatchObject({ frozen: true, lockedItems: 1 });
    await lock(c, 'B1');

    const pub = (await get(`/api/contests/${c.id}/results`)).json();
    expect(pub).toMatchObject({ frozen: true, live: false, lockedItems: 1, frozenAt: expect.any(String) });
    expect(pub.individuals.every((r: { name?: string }) => r.name === undefined)).toBe(true);
    expect((await get(`/api/contests/${c.id}/results`, judge)).json()).toMatchObject({ frozen: true, live: false, lockedItems: 1 });
    const live = (await get(`/api/contests/${c.id}/results`, owner)).json();
    expect(live).toMatchObject({ frozen: true, live: true, lockedItems: 2, complete: true });
    expect(live.individuals[0].name).toMatch(/^选手/);

    // the freeze is audited
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_id']).where('subject_type', '=', 'contest').where('subject_id', '=', String(c.id)).execute();
    expect(audit).toContainEqual({ action: 'contest.results.freeze', actor_id: c.chief.id });

    // only managers or the chief judge freeze
    expect((await t.app.inject({ method: 'POST', url: `/api/contests/${c.id}/results/freeze`, headers: zh(judge) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/contests/${c.id}/results/freeze`, headers: zh() })).statusCode).toBe(401);
    const stranger = await makeUser(t.ctx, { roles: ['federation_staff'], region: '500000' });
    expect((await t.app.inject({ method: 'DELETE', url: `/api/contests/${c.id}/results/freeze`, headers: zh(await loginAs(t.app, stranger.username)) })).statusCode).toBe(403);

    // unfreeze: the public sees the live board again, with names once revealed
    expect((await t.app.inject({ method: 'DELETE', url: `/api/contests/${c.id}/results/freeze`, headers: zh(owner) })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/contests/${c.id}/results/freeze`, headers: zh(owner) })).statusCode).toBe(409);
    await reveal(c);
    const after = (await get(`/api/contests/${c.id}/results`)).json();
    expect(after).toMatchObject({ frozen: false, live: true, lockedItems: 2, complete: true });
    expect(after.individuals[0].name).toMatch(/^选手/);
  });

  it('are documented at /api/docs; a malformed certificate code is a 400 naming the field', async () => {
    const paths = Object.keys((await get('/api/docs/json')).json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/contests/{id}/results', '/api/contests/{id}/results/freeze', '/api/contests/{id}/results/stream',
      '/api/contests/{id}/awards', '/api/contests/{id}/results.xlsx', '/api/contests/{id}/certificates', '/api/contests/{id}/certificates.pdf', '/api/certificates/{code}']));
    const bad = await get('/api/certificates/bad-code!');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { path: string }) => i.path)).toEqual(['code']);
  });

  it('a draft contest is a 404 for the public and its results for its organisers', async () => {
    const c = await makeContest(t.ctx, { status: 'draft', drawLots: true });
    expect((await get(`/api/contests/${c.id}/results`)).statusCode).toBe(404);
    expect((await get(`/api/contests/${c.id}/results/stream`)).statusCode).toBe(404);
    expect((await get(`/api/contests/${c.id}/results`, await loginAs(t.app, c.owner.username))).statusCode).toBe(200);
  });

  it('pushes the public board over SSE when a sub-item is locked, and holds it while frozen', async () => {
    const c = await makeContest(t.ctx, { drawLots: true });
    await fillMarks(c, ['A1', 'B1']);
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const frames: string[] = [];
    const req = http.get(`${base}/api/contests/${c.id}/results/stream`);
    const res = await new Promise<http.IncomingMessage>((resolve) => req.on('response', resolve));
    expect(res.headers['content-type']).toContain('text/event-stream');
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => frames.push(chunk));
    const waitFor = async (test: () => boolean) => {
      const started = Date.now();
      while (!test() && Date.now() - started < 5_000) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(test()).toBe(true);
    };
    const updates = () => frames.join('').split('\n\n').filter((f) => f.startsWith('event: update')).map((f) => JSON.parse(f.split('data: ')[1]!));
    await waitFor(() => updates().length === 1);
    expect(updates()[0]).toMatchObject({ lockedItems: 0, basis: 'written-only' });
    await lock(c, 'A1');
    await waitFor(() => updates().at(-1)?.lockedItems === 1);
    const owner = await loginAs(t.app, c.owner.username);
    await t.app.inject({ method: 'POST', url: `/api/contests/${c.id}/results/freeze`, headers: zh(owner) });
    await waitFor(() => updates().at(-1)?.frozen === true);
    const n = updates().length;
    await lock(c, 'B1');
    await waitFor(() => updates().length > n);
    expect(updates().at(-1)).toMatchObject({ frozen: true, lockedItems: 1 });
    req.destroy();
    await waitFor(() => t.ctx.live.subscribers === 0);
  });
});

/** Rasterise the QR code's vector runs of one page (pdfkit's `x y w h re` after its y-flip) and decode it. */
function decodePdfQr(bytes: Buffer, page: number): string | null {
  const text = bytes.toString('latin1');
  const streams = [...text.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)].map((m) => {
    try { return zlib.inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1'); } catch { return ''; }
  }).filter((s) => / re\n/.test(s) && /BT/.test(s));
  const content = streams[page]!;
  const rects = [...content.matchAll(/([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re/g)].map((m) => m.slice(1, 5).map(Number) as [number, number, number, number])
    .filter(([x, y, w, h]) => h < 5 && x >= 60 && x < 180 && y >= 410 && y < 530 && w < 100);
  const scale = 4;
  const size = 200 * scale;
  const pixels = new Uint8ClampedArray(size * size * 4).fill(255);
  for (const [x, y, w, h] of rects) {
    for (let py = Math.round((y - 380) * scale); py < Math.round((y - 380 + h) * scale); py++) {
      for (let px = Math.round((x - 40) * scale); px < Math.round((x - 40 + w) * scale); px++) {
        const i = (py * size + px) * 4;
        pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
      }
    }
  }
  return jsQR(pixels, size, size)?.data ?? null;
}

describe('certificates and the results workbook', () => {
  it('issued once complete and revealed, idempotent, as PDF pages with a QR that opens the public check', async () => {
    const c = await makeContest(t.ctx, { drawLots: true });
    await fillMarks(c, ['A1', 'B1']);
    const owner = await loginAs(t.app, c.owner.username);
    const issue = () => t.app.inject({ method: 'POST', url: `/api/contests/${c.id}/certificates`, headers: zh(owner) });
    await lock(c, 'A1');
    expect((await issue()).json()).toMatchObject({ code: 'contest.results.incomplete' });
    await lock(c, 'B1');
    expect((await issue()).json()).toMatchObject({ code: 'contest.results.not_revealed' });
    await reveal(c);
    const judge = await loginAs(t.app, c.judges.A1![0]!.username);
    expect((await t.app.inject({ method: 'POST', url: `/api/contests/${c.id}/certificates`, headers: zh(judge) })).statusCode).toBe(403);

    const first = await issue();
    expect(first.statusCode, first.body).toBe(200);
    const results = (await get(`/api/contests/${c.id}/results`, owner)).json();
    const expectedCount = results.teams.filter((x: { awarded: boolean }) => x.awarded).length + results.individuals.filter((x: { prize: string | null }) => x.prize).length
      + results.items.reduce((s: number, i: { awarded: number[] }) => s + i.awarded.length, 0);
    expect(first.json()).toMatchObject({ total: expectedCount, created: expectedCount, revoked: 0 });
    const again = (await issue()).json();
    expect(again).toMatchObject({ total: expectedCount, created: 0, revoked: 0 });
    expect(again.items.map((x: { code: string }) => x.code).sort()).toEqual(first.json().items.map((x: { code: string }) => x.code).sort());

    const winner = results.individuals[0];
    const cert = first.json().items.find((x: { kind: string; contestantId: number }) => x.kind === 'individual' && x.contestantId === winner.contestantId);
    expect(cert).toMatchObject({ award: '个人一等奖', name: winner.name, url: `http://localhost:80/m/certificates/${cert.code}` });

    // the public check page's data
    const check = await get(`/api/certificates/${cert.code}`);
    expect(check.statusCode).toBe(200);
    expect(check.json()).toMatchObject({ award: '个人一等奖', name: winner.name, team: winner.team, revoked: false, contest: { id: c.id, organisers: ['四川省总工会', '重庆市总工会'] } });
    expect(JSON.stringify(check.json())).not.toMatch(/\d{17}[\dX]/);
    expect((await get('/api/certificates/NoSuchCode0000')).statusCode).toBe(404);

    // one certificate's PDF: the text and a QR that decodes to the check page
    const one = await get(`/api/contests/${c.id}/certificates/${cert.id}.pdf`, owner);
    expect(one.statusCode, one.body).toBe(200);
    const pdf = readPdf(one.rawPayload);
    expect(pdf.count).toBe(1);
    for (const s of ['荣誉证书', winner.name, winner.team, '个人一等奖', '四川省总工会', '重庆市总工会', '2023年2月23日', cert.code]) expect(pdf.pages[0]).toContain(s);
    expect(pdf.fonts).toEqual(expect.arrayContaining(['NotoSansCJKsc-Bold']));
    expect(pdf.links).toEqual([cert.url]);
    expect(decodePdfQr(one.rawPayload, 0)).toBe(cert.url);

    const all = await get(`/api/contests/${c.id}/certificates.pdf`, owner);
    expect(all.statusCode).toBe(200);
    expect(readPdf(all.rawPayload).count).toBe(expectedCount);
    expect((await get(`/api/contests/${c.id}/certificates.pdf`)).statusCode).toBe(401);
    expect((await get(`/api/contests/${c.id}/certificates.pdf`, judge)).statusCode).toBe(403);

    // a change after the lock that moves the winner: his certificate is revoked (shown as such), a new one issued
    const b11 = c.aspects.find((a) => a.code === 'B1.1')!;
    await t.ctx.db.updateTable('contest_marks').set({ value: '0' }).where('aspect_id', '=', b11.id).where('contestant_id', '=', winner.contestantId).execute();
    await t.ctx.db.updateTable('contest_marks').set({ value: '0' }).where('contestant_id', '=', winner.contestantId)
      .where('aspect_id', 'in', c.aspects.filter((a) => a.type === 'measurement').map((a) => a.id)).execute();
    const third = (await issue()).json();
    expect(third.revoked).toBeGreaterThan(0);
    expect((await get(`/api/certificates/${cert.code}`)).json()).toMatchObject({ revoked: true, revokedAt: expect.any(String) });
  });

  it('the .xlsx has individuals, teams, each sub-item and the awards, with the JSON\'s totals', async () => {
    const c = await makeContest(t.ctx, { drawLots: true });
    await fillMarks(c, ['A1', 'B1']);
    await lock(c, 'A1');
    await lock(c, 'B1');
    const owner = await loginAs(t.app, c.owner.username);
    const json = (await get(`/api/contests/${c.id}/results`, owner)).json();
    const res = await get(`/api/contests/${c.id}/results.xlsx`, owner);
    expect(res.statusCode, res.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['个人成绩', '团体成绩', 'A1 冷缩电缆终端制作', 'B1 装表接电', '获奖名单']);
    const rows = (name: string) => (book.getWorksheet(name)!.getSheetValues() as unknown[][]).slice(3).map((r) => r.slice(1));
    expect(rows('个人成绩').map((r) => [r[0], r[2], r[7]])).toEqual(json.individuals.map((r: { rank: number; name: string; total: number }) => [r.rank, r.name, r.total]));
    expect(rows('团体成绩').map((r) => [r[1], r[2]])).toEqual(json.teams.map((r: { team: string; score: number }) => [r.team, r.score]));
    const b1 = json.items.find((i: { code: string }) => i.code === 'B1');
    expect(rows('B1 装表接电').map((r) => r[4])).toEqual(b1.ranking.map((r: { score: number }) => r.score));
    const awards = (await get(`/api/contests/${c.id}/awards`, owner)).json();
    expect(rows('获奖名单').length).toBe(awards.items.length);
    expect(awards.items.map((a: { kind: string }) => a.kind)).toEqual(expect.arrayContaining(['team', 'individual', 'item']));
    // the public's award lists: no names before the reveal, no certificate codes
    const pubAwards = (await get(`/api/contests/${c.id}/awards`)).json();
    expect(pubAwards.items.length).toBe(awards.items.length);
    expect(pubAwards.items.every((a: { name: string | null; code: string | null }) => a.name === null && a.code === null)).toBe(true);
    // the public's workbook carries no names before the reveal
    const pub = new ExcelJS.Workbook();
    await pub.xlsx.load((await get(`/api/contests/${c.id}/results.xlsx`)).rawPayload as unknown as ArrayBuffer);
    expect((pub.getWorksheet('个人成绩')!.getSheetValues() as unknown[][]).slice(3).every((r) => r[3] === undefined || r[3] === '')).toBe(true);
  });
});

describe('the demo contest (83 finalists, 6 sub-items)', () => {
  let d: TestApp;
  let contestId: number;
  beforeAll(async () => {
    const fresh = await createFreshDatabase();
    const handle = createDb(fresh.url, { max: 2 });
    await prepareSchema(handle.db);
    await handle.close();
    d = await createTestApp({ databaseUrl: fresh.url });
    for (const [username, roles, region] of [['sc-admin', 'federation_staff', '510000'], ['cq-admin', 'federation_staff', '500000'], ['judge-demo', 'judge', '511600'], ['chief-judge-demo', 'chief_judge', '511600']] as const) {
      await makeUser(d.ctx, { username, roles: [roles], region });
    }
    await loadDemoContests(d.ctx, 'Passw0rd-demo');
    contestId = (await d.ctx.db.selectFrom('contests').select('id').where('name', '=', DEMO_CONTEST_NAME).executeTakeFirstOrThrow()).id;
  }, 180_000);
  afterAll(async () => { await d?.close(); });

  it('gives the bulletin\'s results from the stored marks, fast; all certificates as one PDF', async () => {
    const plan = planDemoContest();
    const runs: number[] = [];
    let body: Record<string, unknown> & { individuals: { contestantId: number; rank: number; total: number; name?: string }[]; teams: { team: string; rank: number }[]; items: { awarded: number[] }[] } = { individuals: [], teams: [], items: [] };
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const res = await d.app.inject({ url: `/api/contests/${contestId}/results`, headers: zh() });
      runs.push(performance.now() - started);
      expect(res.statusCode, res.body).toBe(200);
      body = res.json();
    }
    const rows = await loadResultRows(d.ctx.db, contestId);
    let digestMs = 0;
    for (let i = 0; i < 10; i++) { const at = performance.now(); await boardDigest(d.ctx.db, contestId); digestMs += performance.now() - at; }
    const t0 = performance.now();
    for (let i = 0; i < 10; i++) computeBoard(rows);
    console.log(`results of the demo contest (83 finalists): ${runs.map((ms) => ms.toFixed(0)).join(', ')} ms per GET (the first computes, the others reuse the kept board); computeBoard alone ${((performance.now() - t0) / 10).toFixed(1)} ms, the digest that checks a kept board ${(digestMs / 10).toFixed(1)} ms`);
    expect(body).toMatchObject({ complete: true, lockedItems: 6, totalItems: 6, frozen: false });
    expect(body.individuals.length).toBe(83);
    expect(body.individuals[0]!.name).toBeTruthy(); // revealed: the public sees names
    expect(body.teams[0]).toMatchObject({ rank: 1, team: '广安1队' });
    expect(body.teams.map((x) => x.team)).toEqual(plan.results.teams.map((x) => x.team));
    expect(body.individuals.map((x) => x.total)).toEqual(plan.results.individuals.map((x) => x.total));
    expect(new Set(body.items.flatMap((i) => i.awarded)).size).toBe(18);
    expect(Math.min(...runs)).toBeLessThan(1_000);

    const admin = await loginAs(d.app, 'sc-admin');
    const issued = await d.app.inject({ method: 'POST', url: `/api/contests/${contestId}/certificates`, headers: zh(admin) });
    expect(issued.statusCode, issued.body).toBe(200);
    const n = issued.json().total as number;
    expect(n).toBe(3 + 8 + 17 + 25 + body.items.reduce((s, i) => s + i.awarded.length, 0));
    const started = performance.now();
    const pdf = await d.app.inject({ url: `/api/contests/${contestId}/certificates.pdf`, headers: zh(admin) });
    const ms = performance.now() - started;
    expect(pdf.statusCode).toBe(200);
    const read = readPdf(pdf.rawPayload);
    expect(read.count).toBe(n);
    expect(read.pages[0]).toContain('团体第1名');
    expect(read.pages[0]).toContain('广安1队');
    console.log(`certificates of the demo contest: ${n} pages, ${(pdf.rawPayload.length / 1024).toFixed(0)} kB in ${ms.toFixed(0)} ms`);
  }, 120_000);
});
