import type { APIRequestContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { idCardCheckChar } from '../src/shared/validators.js';
import { apiAs, DESKTOP, horizontalOverflow, launch, loginDemo, PHONE, type Browser, okJson } from './browser.js';

// Issue 6's "done when", on one contest from start to finish: the organisers set it up (contest,
// teams, contestants, scheme, judges through the API the pages use; the draw on the setup page),
// a judge enters marks on a 375 px phone seeing work numbers only, the chief judge locks on the
// desk and reveals the names, the organisers issue certificates, and the public board and a
// certificate's check page show the result — each step through the slice that owns it.

const base = () => inject('baseUrl');
let browser: Browser;
const clients: APIRequestContext[] = [];

const as = (user: string): Promise<APIRequestContext> => apiAs(base(), user, clients);
const ok = okJson;
let serial = 0;
const idNumber = () => {
  serial += 1;
  const first17 = `5001091988${String((serial % 9) + 1).padStart(2, '0')}2${serial % 10}${String(Math.floor(Math.random() * 900) + 100)}`;
  return first17 + idCardCheckChar(first17);
};

beforeAll(async () => { browser = await launch(); });
afterAll(async () => {
  await browser?.close();
  for (const c of clients) await c.dispose();
});

describe('a contest end to end', () => {
  it('set up, lots, a judge on a phone, lock and reveal, certificates, the public board', async () => {
    const admin = await as('sc-admin');
    const chief = await as('chief-judge-demo');
    const judges = { demo: await as('judge-demo'), a1: await as('judge-a1'), a2: await as('judge-a2') };
    const idOf = async (c: APIRequestContext) => (await (await c.get('/api/auth/me')).json()).user.id as string;
    const unions = (await ok<{ items: { id: string; regionCode: string }[] }>(await admin.get('/api/unions'))).items;
    const unionOf = (region: string) => unions.find((u) => u.regionCode === region)!.id;
    const name = `川渝焊工技能竞赛全流程${Date.now() % 100000}`;

    // 1. Set-up: the contest, two teams of two, written scores, one sub-item with a measurement
    //    (double entry) and a judgement by three judges.
    const contest = await ok(await admin.post('/api/contests', { data: {
      name, startsOn: '2026-12-10', endsOn: '2026-12-12', status: 'published', chiefJudgeId: await idOf(chief), venue: '华蓥电力技能实训基地',
      rules: { writtenWeight: 0.3, judgementDropHighLowFrom: 5, team: { method: 'mean-all' }, itemAwards: 1, tieBreak: ['practical', 'written'] },
    } }));
    const id = contest.id;
    const people: { id: number; name: string }[] = [];
    for (const [t, [team, region]] of [['广安焊工队', '511600'], ['北碚焊工队', '500109']].entries()) {
      const created = await ok(await admin.post(`/api/contests/${id}/teams`, { data: { name: team, unionId: unionOf(region!) } }));
      for (let k = 0; k < 2; k += 1) {
        const person = `${team!.slice(0, 2)}焊工${k + 1}号`;
        const p = await ok(await admin.post(`/api/contests/${id}/contestants`, { data: { teamId: created.id, name: person, idNumber: idNumber(), employer: `${team!.slice(0, 2)}电力公司` } }));
        await ok(await admin.put(`/api/contests/${id}/contestants/${p.id}/written`, { data: { written: 80 + t * 4 + k } }));
        people.push({ id: p.id, name: person });
      }
    }
    await ok(await admin.put(`/api/contests/${id}/scheme`, { data: { items: [
      { code: 'W', name: '焊接' },
      { code: 'W1', name: '管对接焊', parent: 'W', max: 100, aspects: [
        { code: 'W1.1', type: 'measurement', max: 60, description: '焊缝尺寸' },
        { code: 'W1.2', type: 'judgement', max: 40, judges: 3, description: '焊缝外观', descriptors: ['不合格', '合格', '良好', '优秀'] },
      ] },
    ] } }));
    const scheme = await ok<{ items: { id: number; code: string; aspects: { id: number; code: string }[] }[] }>(await admin.get(`/api/contests/${id}/scheme`));
    const item = scheme.items.find((i) => i.code === 'W1')!;
    await ok(await admin.put(`/api/contests/${id}/items/${item.id}/judges`, { data: { userIds: [await idOf(judges.demo), await idOf(judges.a1), await idOf(judges.a2)] } }));

    // 2. The draw, on the setup page.
    const desk = await browser.newPage(DESKTOP);
    await loginDemo(desk, base(), 'sc-admin');
    await desk.goto(`${base()}/admin/contests/${id}`);
    await desk.getByRole('heading', { name: new RegExp(name) }).waitFor();
    await desk.getByRole('button', { name: /抽\s*签$/ }).first().click();
    await desk.locator('.ant-modal-confirm').getByRole('button', { name: /抽\s*签/ }).click();
    await desk.locator('.ant-modal-confirm-title', { hasText: '已为 4 名选手抽签' }).waitFor();
    await desk.locator('.ant-modal-confirm').getByRole('button', { name: /知道了|OK|确\s*定/ }).click();
    const roster = await ok<{ items: { id: number; workNumber: string }[] }>(await admin.get(`/api/contests/${id}/contestants?pageSize=50`));
    const work = new Map(roster.items.map((c) => [c.id, c.workNumber]));
    expect([...work.values()].sort()).toEqual(['001', '002', '003', '004']);

    // 3. judge-demo on a 375 px phone: work number 001, no names anywhere.
    const phone = await browser.newPage(PHONE);
    await loginDemo(phone, base(), 'judge-demo');
    await phone.goto(`${base()}/m/judge/contests/${id}/items/${item.id}`);
    await phone.getByRole('link', { name: '001 待评' }).click();
    await phone.getByRole('heading', { name: '工位号 001' }).waitFor();
    for (const p of people) expect(await phone.getByText(p.name).count()).toBe(0);
    for (const k of '52') await phone.getByRole('region', { name: 'W1.1', exact: true }).getByRole('button', { name: k, exact: true }).click();
    await phone.getByRole('region', { name: 'W1.2', exact: true }).getByRole('radio', { name: /^3/ }).click();
    await phone.getByRole('button', { name: '保存', exact: true }).click();
    await phone.getByText('全部已提交').waitFor();
    expect(await horizontalOverflow(phone)).toBe(0);

    // The other entries through the API: the second entry of each measurement and all judgements.
    const first = [...work.entries()].find(([, w]) => w === '001')![0];
    const aspect = (code: string) => item.aspects.find((a) => a.code === code)!.id;
    const mark = async (who: APIRequestContext, contestantId: number, code: string, value: number) =>
      ok(await who.post(`/api/contests/${id}/items/${item.id}/marks`, { data: { contestantId, aspectId: aspect(code), value } }));
    for (const [k, p] of people.entries()) {
      const measured = p.id === first ? 52 : 40 + k * 3;
      if (p.id !== first) await mark(judges.demo, p.id, 'W1.1', measured);
      await mark(judges.a1, p.id, 'W1.1', measured);
      if (p.id !== first) await mark(judges.demo, p.id, 'W1.2', 2);
      await mark(judges.a1, p.id, 'W1.2', 2 + (k % 2));
      await mark(judges.a2, p.id, 'W1.2', 2);
    }

    // 4. The chief judge locks the sub-item on the desk, then reveals the names.
    const chiefDesk = await browser.newPage(DESKTOP);
    await loginDemo(chiefDesk, base(), 'chief-judge-demo');
    await chiefDesk.goto(`${base()}/admin/contests/${id}/scoring`);
    const row = chiefDesk.getByRole('row', { name: /W1 管对接焊/ });
    await row.getByText('4/4').first().waitFor();
    await row.getByRole('button', { name: /锁\s*定/ }).click();
    await chiefDesk.getByRole('button', { name: /^(OK|确\s*定)$/ }).click();
    await chiefDesk.getByText('分项 W1 已锁定').waitFor();
    await chiefDesk.goto(`${base()}/admin/contests/${id}`);
    await chiefDesk.getByRole('button', { name: /揭晓选手姓名/ }).click();
    await chiefDesk.locator('.ant-modal-confirm').getByRole('button', { name: /揭\s*晓/ }).click();
    await expect.poll(async () => (await ok<{ revealedAt: string | null }>(await admin.get(`/api/contests/${id}`))).revealedAt).not.toBeNull();

    // 5. The organisers issue certificates on the results page (pages share the browser's cookies: log in again).
    await loginDemo(desk, base(), 'sc-admin');
    await desk.goto(`${base()}/admin/contests/${id}/results`);
    await desk.getByRole('button', { name: /颁发证书/ }).click();
    await desk.getByText(/证书共 \d+ 张/).waitFor();
    const certs = await ok<{ items: { code: string; kind: string; name: string | null; award: string }[] }>(await admin.get(`/api/contests/${id}/certificates`));
    expect(certs.items.some((c) => c.kind === 'item')).toBe(true);
    const pdf = await admin.get(`/api/contests/${id}/certificates.pdf`);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // 6. The public: the board with names and teams; a certificate's check page.
    const results = await ok<{ complete: boolean; individuals: { rank: number; name?: string; total: number }[]; teams: { team: string }[] }>(await (await as('seeker-demo')).get(`/api/contests/${id}/results`));
    expect(results.complete).toBe(true);
    // work number 001 measured 52 of 60 (the others at most 49): first whatever his written score
    const winner = people.find((p) => p.id === first)!.name;
    expect(results.individuals[0]!.name).toBe(winner);
    const pub = await browser.newPage(PHONE);
    await pub.goto(`${base()}/m/contests/${id}`);
    await pub.getByText('最终成绩').waitFor();
    await pub.getByText(winner).first().waitFor();
    const cert = certs.items.find((c) => c.kind === 'item')!;
    await pub.goto(`${base()}/m/certificates/${cert.code}`);
    await pub.getByText('证书有效').waitFor();
    await pub.getByText(cert.name!).first().waitFor();
    expect(await horizontalOverflow(pub)).toBe(0);
    expect(browser.problems).toEqual([]);
  });
});
