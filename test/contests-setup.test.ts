import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeContest, makeIdNumber } from './contest-factory.js';
import { createTestApp, loginAs, makeUser, uniqueSuffix, type TestApp } from './helpers.js';
import { multipart, xlsx } from './spreadsheets.js';

// The setup slice of skills competitions (issue 6 §1): contests and their rounds, teams,
// contestants, written scores, qualification, lots and reveal, with who may do what.

let t: TestApp;
let sc: string; // 四川省总工会 staff
let cq: string; // 重庆市总工会 staff
let chiefId: string;

beforeAll(async () => {
  t = await createTestApp();
  sc = await loginAs(t.app, (await makeUser(t.ctx, { roles: ['federation_staff'], region: '510000' })).username);
  cq = await loginAs(t.app, (await makeUser(t.ctx, { roles: ['federation_staff'], region: '500000' })).username);
  chiefId = (await makeUser(t.ctx, { roles: ['chief_judge'], region: '511600', name: '王裁判长' })).id;
});
afterAll(async () => { await t?.close(); });

const zh = (cookie?: string) => ({ 'accept-language': 'zh-CN', ...(cookie ? { cookie } : {}) });
const en = (cookie?: string) => ({ 'accept-language': 'en', ...(cookie ? { cookie } : {}) });

async function createContest(cookie: string, over: Record<string, unknown> = {}) {
  const res = await t.app.inject({
    method: 'POST', url: '/api/contests', headers: zh(cookie),
    payload: {
      name: `2023川渝电力职工职业技能大赛${uniqueSuffix()}`, theme: '弘扬劳模精神', organisers: ['四川省总工会', '重庆市总工会'], venue: '华蓥电力技能实训基地',
      startsOn: '2023-02-21', endsOn: '2023-02-23', status: 'published', chiefJudgeId: chiefId, ...over,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('contests', () => {
  it('are created by a federation with the default final round and rules, listed publicly with status and venue', async () => {
    const c = await createContest(sc);
    expect(c).toMatchObject({
      ownerUnion: { name: '四川省总工会' }, status: 'published', chiefJudge: { id: chiefId, name: '王裁判长' }, lotsDrawnAt: null, revealedAt: null, version: 1,
      rules: { writtenWeight: 0.3, team: { method: 'mean-best', n: 6 } }, counts: { teams: 0, contestants: 0, finalists: 0 },
      me: { canManage: true, isChiefJudge: false, judgeItemIds: [], canSeeNames: true, canSeeLiveResults: true },
    });
    expect(c.rounds).toEqual([{ id: expect.any(Number), seq: 1, name: '决赛', kind: 'final', startsOn: '2023-02-21', endsOn: '2023-02-23', qualification: null, qualifiedAt: null }]);
    const list = await t.app.inject({ url: '/api/contests?pageSize=100' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.find((i: { id: number }) => i.id === c.id)).toEqual({
      id: c.id, name: c.name, startsOn: '2023-02-21', endsOn: '2023-02-23', status: 'published', venue: '华蓥电力技能实训基地', ownerUnion: c.ownerUnion,
    });
    const pub = await t.app.inject({ url: `/api/contests/${c.id}` });
    expect(pub.json().me).toEqual({ canManage: false, isChiefJudge: false, judgeItemIds: [], canSeeNames: false, canSeeLiveResults: false });
  });

  it('takes rounds with a qualification rule; names every bad field at once and writes nothing', async () => {
    const c = await createContest(sc, { rounds: [
      { name: '初赛', kind: 'preliminary', startsOn: '2022-10-10', endsOn: '2022-10-12', qualification: { method: 'top-n', n: 83 } },
      { name: '决赛', kind: 'final' },
    ] });
    expect(c.rounds.map((r: { kind: string; qualification: unknown }) => [r.kind, r.qualification])).toEqual([['preliminary', { method: 'top-n', n: 83 }], ['final', null]]);

    const count = async () => Number((await t.ctx.db.selectFrom('contests').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const bad = await t.app.inject({
      method: 'POST', url: '/api/contests', headers: zh(sc),
      payload: { name: '赛', startsOn: '2023-02-30', endsOn: '2023-02-01', rules: { writtenWeight: 1.5, judgementDropHighLowFrom: 5, team: { method: 'mean-best' }, itemAwards: 3, tieBreak: [] } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['name', 'rules.team.n', 'rules.writtenWeight', 'startsOn']);
    const late = await t.app.inject({
      method: 'POST', url: '/api/contests', headers: en(sc),
      payload: { name: '技能竞赛', startsOn: '2023-03-01', endsOn: '2023-02-01', chiefJudgeId: (await makeUser(t.ctx, { roles: ['judge'] })).id,
        rounds: [{ name: '决赛', kind: 'final' }, { name: '初赛', kind: 'preliminary' }] },
    });
    expect(late.statusCode).toBe(400);
    expect(late.json().issues).toEqual([
      { path: 'endsOn', message: 'The end date cannot be before the start date' },
      { path: 'chiefJudgeId', message: 'The chosen user is not a chief judge (needs the chief judge role)' },
      { path: 'rounds.0.kind', message: 'The last round must be the final and the ones before it preliminaries' },
      { path: 'rounds.1.kind', message: 'The last round must be the final and the ones before it preliminaries' },
    ]);
    expect(await count()).toBe(before);
  });

  it('keeps drafts to their organisers and judges; only the organisers change a contest, a stale version is refused', async () => {
    const draft = await createContest(sc, { status: 'draft' });
    expect((await t.app.inject({ url: `/api/contests/${draft.id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/contests/${draft.id}`, headers: zh(cq) })).statusCode).toBe(404);
    const ids = async (cookie?: string) => (await t.app.inject({ url: '/api/contests?pageSize=100', headers: zh(cookie) })).json().items.map((i: { id: number }) => i.id);
    expect(await ids()).not.toContain(draft.id);
    expect(await ids(cq)).not.toContain(draft.id);
    expect(await ids(sc)).toContain(draft.id);
    const chief = await loginAs(t.app, (await t.ctx.db.selectFrom('users').select('username').where('id', '=', chiefId).executeTakeFirstOrThrow()).username!);
    expect(await ids(chief)).toContain(draft.id);
    expect((await t.app.inject({ url: `/api/contests/${draft.id}`, headers: zh(chief) })).json().me).toMatchObject({ isChiefJudge: true, canManage: false, canSeeNames: false });

    // 重庆 staff cannot edit a published 四川 contest (they see it, they may not change it).
    const pub = await createContest(sc);
    const foreign = await t.app.inject({ method: 'PATCH', url: `/api/contests/${pub.id}`, headers: zh(cq), payload: { version: 1, venue: '别处' } });
    expect(foreign.statusCode).toBe(403);

    const ok = await t.app.inject({ method: 'PATCH', url: `/api/contests/${draft.id}`, headers: zh(sc), payload: { version: 1, venue: '广安市', status: 'published', chiefJudgeId: null } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ venue: '广安市', status: 'published', chiefJudge: null, version: 2 });
    const stale = await t.app.inject({ method: 'PATCH', url: `/api/contests/${draft.id}`, headers: zh(sc), payload: { version: 1, venue: '成都市' } });
    expect(stale.statusCode).toBe(409);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'contest').where('subject_id', '=', String(draft.id)).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['contest.create', 'contest.update']);
  });

  it('lists a judge the contests he judges (from the factory)', async () => {
    const c = await makeContest(t.ctx, { status: 'draft' });
    const judge = await loginAs(t.app, c.judges.A1![0]!.username);
    const list = (await t.app.inject({ url: '/api/contests?pageSize=100', headers: zh(judge) })).json();
    expect(list.items.map((i: { id: number }) => i.id)).toContain(c.id);
    const one = (await t.app.inject({ url: `/api/contests/${c.id}`, headers: zh(judge) })).json();
    expect(one.me).toMatchObject({ canManage: false, canSeeNames: false, judgeItemIds: [c.items.find((i) => i.code === 'A1')!.id] });
    expect(one.counts).toEqual({ teams: 2, contestants: 6, finalists: 6 });
  });

  it('offers the users holding the chief judge role as candidates, to managers only', async () => {
    const c = await createContest(sc);
    const res = await t.app.inject({ url: `/api/contests/${c.id}/chief-judge-candidates?q=王裁判`, headers: zh(sc) });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { id: string }) => i.id)).toContain(chiefId);
    expect((await t.app.inject({ url: `/api/contests/${c.id}/chief-judge-candidates`, headers: zh(cq) })).statusCode).toBe(403);
  });
});

const unionOf = async (region: string) => (await t.ctx.db.selectFrom('unions').select('id').where('region_code', '=', region).executeTakeFirstOrThrow()).id;
const person = (teamId: number, over: Record<string, unknown> = {}) => ({ teamId, name: '李四', gender: 'm', employer: '国网广安供电公司', idNumber: makeIdNumber(), phone: '138 0000 1234', isUnionMember: true, memberNo: 'GH001', ...over });

describe('teams and contestants', () => {
  it('adds teams by sending union; a district union registers only its team; one person, one team (409 naming it)', async () => {
    const c = await createContest(sc);
    const addTeam = (payload: Record<string, unknown>, cookie = sc) => t.app.inject({ method: 'POST', url: `/api/contests/${c.id}/teams`, headers: zh(cookie), payload });
    const ga = await addTeam({ name: '广安1队', unionId: await unionOf('511600'), leader: '周领队' });
    expect(ga.statusCode, ga.body).toBe(201);
    const bb = await addTeam({ name: '北碚队', unionId: await unionOf('500109') });
    expect((await addTeam({ name: '广安1队', unionId: await unionOf('511600') })).json().issues).toEqual([{ path: 'name', message: '本竞赛已有名为“广安1队”的代表队' }]);
    expect((await addTeam({ name: '重庆队', unionId: await unionOf('500000') }, cq)).statusCode).toBe(403);
    const gaTeam = ga.json();
    const bbTeam = bb.json();
    expect(gaTeam).toMatchObject({ name: '广安1队', union: { name: '广安市总工会' }, leader: '周领队', contestants: 0, canRegister: true });

    const guangan = await loginAs(t.app, (await makeUser(t.ctx, { roles: ['union_staff'], region: '511600' })).username);
    const register = (payload: Record<string, unknown>, cookie = guangan, lang = zh) => t.app.inject({ method: 'POST', url: `/api/contests/${c.id}/contestants`, headers: lang(cookie), payload });
    const teams = (await t.app.inject({ url: `/api/contests/${c.id}/teams`, headers: zh(guangan) })).json().items;
    expect(teams.map((x: { name: string; canRegister: boolean }) => [x.name, x.canRegister])).toEqual([['广安1队', true], ['北碚队', false]]);

    const p = person(gaTeam.id);
    const ok = await register(p);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ name: '李四', team: { name: '广安1队' }, stage: 'finalist', phoneMasked: '138****1234', anonymous: false, workNumber: null });
    expect(ok.json().idNumberMasked).toBe(`${p.idNumber.slice(0, 4)}**********${p.idNumber.slice(-4)}`);
    const stored = await t.ctx.db.selectFrom('contest_contestants').select(['id_number_enc', 'phone_enc']).where('id', '=', ok.json().id).executeTakeFirstOrThrow();
    expect(stored.id_number_enc.toString('latin1')).not.toContain(p.idNumber);

    expect((await register(person(bbTeam.id))).statusCode).toBe(403); // not his union's team
    const twice = await register({ ...person(bbTeam.id), idNumber: p.idNumber.toLowerCase() }, sc);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'contest.setup.person_in_team', message: '此人（身份证号相同）已在本竞赛的“广安1队”报名，同一人只能参加一个代表队' });
    const twiceEn = await register({ ...person(bbTeam.id), idNumber: p.idNumber }, sc, en);
    expect(twiceEn.json().message).toContain('team “广安1队”');

    const bad = await register({ teamId: gaTeam.id, name: '', idNumber: '511602199013011234', phone: '12345', gender: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { path: string; message: string }) => `${i.path}: ${i.message}`).sort()).toEqual([
      'gender: 取值无效，可选：m / f', 'idNumber: 身份证号无效（18 位，校验位须符合 GB 11643）', 'name: 此项必填', 'phone: 请输入有效的中国大陆手机号（11 位，以 1 开头）',
    ].sort());

    // The district staff sees his own team's people by name; the contest list of a judge shows work numbers only.
    const mine = (await t.app.inject({ url: `/api/contests/${c.id}/contestants`, headers: zh(guangan) })).json();
    expect(mine.items.map((x: { name: string }) => x.name)).toEqual(['李四']);
    await register(person(bbTeam.id, { name: '王五' }), sc);
    expect((await t.app.inject({ url: `/api/contests/${c.id}/contestants`, headers: zh(sc) })).json().total).toBe(2);
    const delTeam = await t.app.inject({ method: 'DELETE', url: `/api/contests/${c.id}/teams/${gaTeam.id}`, headers: zh(sc) });
    expect(delTeam.statusCode).toBe(409);
    const empty = await addTeam({ name: '空队', unionId: await unionOf('510000') });
    expect((await t.app.inject({ method: 'DELETE', url: `/api/contests/${c.id}/teams/${empty.json().id}`, headers: zh(sc) })).statusCode).toBe(204);
  });

  it('hides names from judges and the public before the reveal; the organisers reveal a full 身份证号 with an audited reason', async () => {
    const c = await makeContest(t.ctx, { drawLots: true });
    const judge = await loginAs(t.app, c.judges.A1![0]!.username);
    for (const cookie of [judge, undefined]) {
      const list = await t.app.inject({ url: `/api/contests/${c.id}/contestants?pageSize=50`, headers: zh(cookie) });
      expect(list.statusCode).toBe(200);
      expect(list.json().total).toBe(6);
      for (const item of list.json().items) {
        expect(item).toMatchObject({ anonymous: true, name: null, team: null, employer: null, idNumberMasked: null, written: null });
        expect(item.workNumber).toMatch(/^\d{3}$/);
      }
      expect(JSON.stringify(list.json())).not.toContain('选手01');
      expect((await t.app.inject({ url: `/api/contests/${c.id}/teams`, headers: zh(cookie) })).json().items).toEqual([]);
    }
    const owner = await loginAs(t.app, c.owner.username);
    const first = c.contestants[0]!;
    const reveal = (cookie: string, body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/api/contests/${c.id}/contestants/${first.id}/reveal`, headers: zh(cookie), payload: body });
    expect((await reveal(judge, { field: 'idNumber', reason: '核对身份' })).statusCode).toBe(403);
    expect((await reveal(owner, { field: 'idNumber' })).statusCode).toBe(400);
    const full = await reveal(owner, { field: 'idNumber', reason: '核对身份' });
    expect(full.json()).toEqual({ value: first.idNumber });
    const entry = await t.ctx.db.selectFrom('audit_log').select(['action', 'fields', 'reason']).where('subject_type', '=', 'contest_contestant').where('subject_id', '=', String(first.id)).executeTakeFirstOrThrow();
    expect(entry).toEqual({ action: 'pii.reveal', fields: ['idNumber'], reason: '核对身份' });
  });

  it('edits and withdraws a contestant with a version; closes registration at the draw', async () => {
    const c = await makeContest(t.ctx);
    const owner = await loginAs(t.app, c.owner.username);
    const target = c.contestants[0]!;
    const patch = (payload: Record<string, unknown>) => t.app.inject({ method: 'PATCH', url: `/api/contests/${c.id}/contestants/${target.id}`, headers: zh(owner), payload });
    const moved = await patch({ version: 1, teamId: c.teams[1]!.id, employer: '国网重庆北碚供电公司' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ team: { id: c.teams[1]!.id }, employer: '国网重庆北碚供电公司', version: 2 });
    expect((await patch({ version: 1, name: '旧' })).statusCode).toBe(409);
    expect((await patch({ version: 2, idNumber: c.contestants[1]!.idNumber })).json().code).toBe('contest.setup.person_in_team');
    expect((await patch({ version: 2, withdrawn: true })).json().stage).toBe('withdrawn');
    await t.ctx.db.updateTable('contests').set({ lots_seed: 's', lots_drawn_at: new Date() }).where('id', '=', c.id).execute();
    const late = await t.app.inject({ method: 'POST', url: `/api/contests/${c.id}/contestants`, headers: zh(owner), payload: person(c.teams[0]!.id) });
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toBe('已抽签，参赛名单和轮次不能再改动');
  });
});

describe('spreadsheets', () => {
  const HEADER = ['代表队', '姓名', '性别', '身份证号', '工作单位', '手机号', '是否工会会员', '会员证号'];
  const upload = (url: string, cookie: string, name: string, data: Buffer, headers: Record<string, string> = {}) => {
    const body = multipart({}, { name, data });
    return t.app.inject({ method: 'POST', url, headers: { cookie, 'accept-language': 'zh-CN', ...body.headers, ...headers }, payload: body.payload });
  };
  const count = async (contestId: number) => Number((await t.ctx.db.selectFrom('contest_contestants').select((eb) => eb.fn.countAll<string>().as('n')).where('contest_id', '=', contestId).executeTakeFirstOrThrow()).n);

  it('imports contestants all or nothing, naming every bad row and column; a retry with the same key writes nothing twice', async () => {
    const c = await makeContest(t.ctx, { finalists: false });
    const owner = await loginAs(t.app, c.owner.username);
    const template = await t.app.inject({ url: `/api/contests/${c.id}/contestants/template.xlsx`, headers: zh(owner) });
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toContain('spreadsheetml');
    const before = await count(c.id);
    const a = makeIdNumber();
    const bad = await xlsx([
      HEADER,
      ['广安1队', '赵一', '男', a, '国网广安供电公司', '13800001111', '是', 'GH01'],
      ['无名队', '钱二', '女', makeIdNumber(), '', '', '否', ''],
      ['北碚队', '孙三', '未知', '511602199013011234', '', '123', '也许', ''],
      ['北碚队', '赵一', '男', a, '', '', '', ''],
      ['北碚队', '周四', '', c.contestants[0]!.idNumber, '', '', '', ''],
    ], { title: '2023川渝电力职工职业技能大赛报名表', sheet: '报名' });
    const res = await upload(`/api/contests/${c.id}/contestants/import`, owner, '报名.xlsx', bad);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('imports.invalid');
    expect(res.json().errors.map((e: { row: number; column: string; message: string }) => `${e.row} ${e.column}: ${e.message}`)).toEqual([
      '4 代表队: 代表队“无名队”不存在，请先在赛事中添加',
      '5 身份证号: 身份证号无效（18 位，校验位须符合 GB 11643）',
      '5 手机号: 请输入有效的中国大陆手机号（11 位，以 1 开头）',
      '5 性别: 性别请填写“男”或“女”',
      '5 是否工会会员: 请填写“是”或“否”',
      '6 身份证号: 与第 3 行是同一人（身份证号相同）',
      '7 身份证号: 此人（身份证号相同）已在本竞赛的“广安1队”报名，同一人只能参加一个代表队',
    ]);
    expect(await count(c.id)).toBe(before);

    const good = await xlsx([HEADER, ['广安1队', '赵一', '男', a, '国网广安供电公司', '13800001111', '是', 'GH01'], ['北碚队', '钱二', '女', makeIdNumber(), '', '', '否', '']]);
    const key = { 'idempotency-key': `import-${uniqueSuffix()}` };
    const ok = await upload(`/api/contests/${c.id}/contestants/import`, owner, '报名.xlsx', good, key);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ created: 2, updated: 0, rows: 2 });
    expect((await upload(`/api/contests/${c.id}/contestants/import`, owner, '报名.xlsx', good, key)).json()).toEqual({ created: 2, updated: 0, rows: 2 });
    expect(await count(c.id)).toBe(before + 2);
    // Without the key the same sheet updates the same people.
    expect((await upload(`/api/contests/${c.id}/contestants/import`, owner, '报名.xlsx', good)).json()).toEqual({ created: 0, updated: 2, rows: 2 });

    // A district union imports only into its own team.
    const guangan = await loginAs(t.app, (await makeUser(t.ctx, { roles: ['union_staff'], region: '511600' })).username);
    const other = await upload(`/api/contests/${c.id}/contestants/import`, guangan, 'x.xlsx', await xlsx([HEADER, ['北碚队', '吴六', '男', makeIdNumber(), '', '', '', '']]));
    expect(other.json().errors).toEqual([{ sheet: '岗位', row: 2, column: '代表队', message: '无权为代表队“北碚队”报名' }]);
  });

  it('enters and imports written scores (0–100, two decimals), all or nothing', async () => {
    const c = await makeContest(t.ctx, { drawLots: true });
    const owner = await loginAs(t.app, c.owner.username);
    const put = (id: number, written: unknown) => t.app.inject({ method: 'PUT', url: `/api/contests/${c.id}/contestants/${id}/written`, headers: zh(owner), payload: { written } });
    expect((await put(c.contestants[0]!.id, 86.5)).json().written).toBe('86.50');
    expect((await put(c.contestants[0]!.id, 100.5)).json().issues[0].path).toBe('written');
    expect((await put(c.contestants[0]!.id, 86.555)).json().issues).toEqual([{ path: 'written', message: '成绩最多保留两位小数' }]);
    const judge = await loginAs(t.app, c.judges.A1![0]!.username);
    expect((await t.app.inject({ method: 'PUT', url: `/api/contests/${c.id}/contestants/${c.contestants[0]!.id}/written`, headers: zh(judge), payload: { written: 1 } })).statusCode).toBe(403);

    const sheet = await t.app.inject({ url: `/api/contests/${c.id}/written/template.xlsx`, headers: zh(owner) });
    expect(sheet.statusCode).toBe(200);
    const header = ['选手编号', '参赛号', '身份证号', '代表队', '姓名', '理论成绩'];
    const bad = await xlsx([header, [c.contestants[0]!.id, '', '', '', '', 91], ['', '999', '', '', '', 80], ['', '002', '', '', '', 101], ['', '', c.contestants[3]!.idNumber, '', '', '']]);
    const res = await upload(`/api/contests/${c.id}/written/import`, owner, '理论.xlsx', bad);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { row: number; column: string }) => `${e.row} ${e.column}`)).toEqual(['3 参赛号', '4 理论成绩', '5 理论成绩']);
    const ok = await upload(`/api/contests/${c.id}/written/import`, owner, '理论.xlsx', await xlsx([header, [c.contestants[0]!.id, '', '', '', '', 91], ['', '002', '', '', '', 77.25], ['', '', c.contestants[3]!.idNumber, '', '', 60]]));
    expect(ok.json()).toEqual({ created: 0, updated: 3, rows: 3 });
    const rows = await t.ctx.db.selectFrom('contest_contestants').select(['id', 'work_number', 'written']).where('contest_id', '=', c.id).execute();
    expect(rows.find((r) => r.id === c.contestants[0]!.id)!.written).toBe('91.00');
    expect(rows.find((r) => r.work_number === '002')!.written).toBe('77.25');
    expect(rows.find((r) => r.id === c.contestants[3]!.id)!.written).toBe('60.00');
  });
});

describe('rounds, qualification, lots and reveal', () => {
  it('qualifies finalists from preliminary scores (missing scores named), then draws work numbers from a recorded seed', async () => {
    const c = await makeContest(t.ctx, { finalists: false, teams: [{ name: '广安1队', region: '511600', size: 3 }, { name: '北碚队', region: '500109', size: 3 }] });
    const owner = await loginAs(t.app, c.owner.username);
    const add = await t.app.inject({ method: 'POST', url: `/api/contests/${c.id}/rounds`, headers: zh(owner), payload: { name: '初赛', startsOn: '2022-10-10', endsOn: '2022-10-12', qualification: { method: 'top-per-team', k: 1 } } });
    expect(add.statusCode, add.body).toBe(201);
    expect(add.json().rounds.map((r: { seq: number; kind: string }) => `${r.seq}${r.kind}`)).toEqual(['1preliminary', '2final']);
    const prelim = add.json().rounds[0].id;
    const [p1, p2, p3, p4, p5, p6] = c.contestants.map((x) => x.id) as [number, number, number, number, number, number];
    const scores = (list: { contestantId: number; score: number | null }[]) => t.app.inject({ method: 'PUT', url: `/api/contests/${c.id}/rounds/${prelim}/scores`, headers: zh(owner), payload: { scores: list } });
    expect((await scores([{ contestantId: p1, score: 90 }, { contestantId: p2, score: 85.5 }, { contestantId: p4, score: 88 }])).statusCode).toBe(200);
    const early = await t.app.inject({ method: 'POST', url: `/api/contests/${c.id}/rounds/${prelim}/qualify`, headers: zh(owner) });
    expect(early.statusCode).toBe(422);
    expect(early.json().message).toBe('还有 3 名选手没有本轮成绩：选手03、选手05、选手06');
    const drawEarly = await t.app.inject({ method: 'POST', url: `/api/contests/${c.id}/lots`, headers: zh(owner) });
    expect(drawEarly.json().code).toBe('contest.setup.qualify_first');
    await scores([{ contestantId: p3, score: 90 }, { contestantId: p5, score: 70 }, { contestantId: p6, score: 60 }]);
    const q = await t.app.inject({ method: 'POST', url: `/api/contests/${c.id}/rounds/${prelim}/qualify`, headers: zh(owner) });
    expect(q.json()).toEqual({ qualified: 3, eliminated: 3, tiedAtBoundary: 1 }); // 广安1队 90 and 90 both through
    const stages = await t.ctx.db.selectFrom('contest_contestants').select(['id', 'stage']).where('contest_id', '=', c.id).orderBy('id').execute();
    expect(stages.map((s) => s.stage)).toEqual(['finalist', 'eliminated', 'finalist', 'finalist', 'eliminated', 'eliminated']);

    const draw = await t.app.inject({ method: 'POST', url: `/api/contests/${c.id}/lots`, headers: zh(owner) });
    expect(draw.statusCode, draw.body).toBe(200);
    expect(draw.json()).toMatchObject({ count: 3, redraw: false, seed: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const { drawWorkNumbers } = await import('../src/server/modules/contests/lots.js');
    const numbers = await t.ctx.db.selectFrom('contest_contestants').select(['id', 'work_number']).where('contest_id', '=', c.id).where('work_number', 'is not', null).execute();
    expect(numbers.map((n) => ({ contestantId: n.id, workNumber: n.work_number })).sort((a, b) => a.workNumber!.localeCompare(b.workNumber!)))
      .toEqual(drawWorkNumbers(draw.json().seed, [p1, p3, p4]));
    const detail = (await t.app.inject({ url: `/api/contests/${c.id}`, headers: zh(owner) })).json();
    expect(detail).toMatchObject({ lotsSeed: draw.json().seed, counts: { finalists: 3 } });
    expect(detail.lotsDrawnAt).not.toBeNull();
    expect((await t.app.inject({ url: `/api/contests/${c.id}` })).json().lotsSeed).toBeNull();
    const history = await t.ctx.db.selectFrom('contest_score_history').select(['action', 'reason']).where('contest_id', '=', c.id).execute();
    expect(history).toEqual([{ action: 'draw', reason: `seed ${draw.json().seed}; 3 finalists` }]);
    expect((await t.app.inject({ method: 'POST', url: `/api/contests/${c.id}/rounds/${prelim}/qualify`, headers: zh(owner) })).statusCode).toBe(409);

    // A preliminary added or removed before the draw moves everyone's stage with it.
    const other = await makeContest(t.ctx);
    const otherOwner = await loginAs(t.app, other.owner.username);
    const added = (await t.app.inject({ method: 'POST', url: `/api/contests/${other.id}/rounds`, headers: zh(otherOwner), payload: { name: '初赛' } })).json();
    expect(added.counts).toMatchObject({ contestants: 6, finalists: 0 });
    const removed = await t.app.inject({ method: 'DELETE', url: `/api/contests/${other.id}/rounds/${added.rounds[0].id}`, headers: zh(otherOwner) });
    expect(removed.statusCode).toBe(204);
    expect((await t.app.inject({ url: `/api/contests/${other.id}`, headers: zh(otherOwner) })).json().counts).toMatchObject({ finalists: 6 });
    const final = added.rounds[1].id;
    expect((await t.app.inject({ method: 'DELETE', url: `/api/contests/${other.id}/rounds/${final}`, headers: zh(otherOwner) })).json().code).toBe('contest.setup.final_kept');

    // A redraw while no mark exists; none once a judge has marked.
    const again = await t.app.inject({ method: 'POST', url: `/api/contests/${c.id}/lots`, headers: zh(owner) });
    expect(again.json()).toMatchObject({ redraw: true, count: 3 });
    const aspect = c.aspects[0]!;
    await t.ctx.db.insertInto('contest_marks').values({ contest_id: c.id, item_id: aspect.itemId, aspect_id: aspect.id, contestant_id: p1, judge_id: c.judges.A1![0]!.id, value: '4' }).execute();
    const refused = await t.app.inject({ method: 'POST', url: `/api/contests/${c.id}/lots`, headers: zh(owner) });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('裁判已开始评分，不能重新抽签');
    const judge = await loginAs(t.app, c.judges.A1![0]!.username);
    expect((await t.app.inject({ method: 'POST', url: `/api/contests/${c.id}/lots`, headers: zh(judge) })).statusCode).toBe(403);
  });

  it('lets only the chief judge reveal, only when every sub-item is locked; then everyone sees names, and the live board is told', async () => {
    const c = await makeContest(t.ctx, { drawLots: true });
    const chief = await loginAs(t.app, c.chief.username);
    const owner = await loginAs(t.app, c.owner.username);
    const judge = await loginAs(t.app, c.judges.A1![0]!.username);
    const reveal = (cookie: string) => t.app.inject({ method: 'POST', url: `/api/contests/${c.id}/reveal`, headers: zh(cookie) });
    expect((await reveal(owner)).statusCode).toBe(403);
    expect((await reveal(judge)).statusCode).toBe(403);
    const bare = await makeContest(t.ctx, { drawLots: true, items: [] });
    const bareChief = await loginAs(t.app, bare.chief.username);
    const none = await t.app.inject({ method: 'POST', url: `/api/contests/${bare.id}/reveal`, headers: zh(bareChief) });
    expect(none.json()).toMatchObject({ code: 'contest.setup.reveal_no_items', message: '尚未设置评分分项，无法揭晓' });
    const a1 = c.items.find((i) => i.code === 'A1')!.id;
    await t.ctx.db.updateTable('contest_items').set({ lock_state: 'locked' }).where('id', '=', a1).execute();
    const open = await reveal(chief);
    expect(open.statusCode).toBe(409);
    expect(open.json().message).toBe('还有分项未锁定（B1），全部锁定后才能揭晓');
    await t.ctx.db.updateTable('contest_items').set({ lock_state: 'locked' }).where('contest_id', '=', c.id).where('parent_id', 'is not', null).execute();

    const frames: string[] = [];
    const unsubscribe = await t.ctx.live.subscribe(`contest:${c.id}`, async () => 'changed', (f) => { frames.push(f); });
    const initial = frames.length;
    const ok = await reveal(chief);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().revealedAt).not.toBeNull();
    expect((await reveal(chief)).statusCode).toBe(409);
    await expect.poll(() => frames.length, { timeout: 3000 }).toBeGreaterThan(initial);
    unsubscribe();
    const history = await t.ctx.db.selectFrom('contest_score_history').select('action').where('contest_id', '=', c.id).execute();
    expect(history.map((h) => h.action)).toEqual(['reveal']);
    const list = (await t.app.inject({ url: `/api/contests/${c.id}/contestants`, headers: zh(judge) })).json();
    expect(list.items[0]).toMatchObject({ anonymous: false });
    expect(list.items.map((i: { name: string }) => i.name)).toContain('选手01');
  });
});
