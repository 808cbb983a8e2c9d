import type { SimClient } from './client.js';
import { FAIR_EVENT, sheetCsv, type FairPlan } from './plan.js';
import { phase, pool, staffFor, type SimRun, type StaffSession } from './run.js';

// Before the fair day, through the API as the unions and employers would: the staff log in, the
// season and its fair are found or created, the unions import their employers and postings, and
// every employer gets an account (its membership approved by the union over it).

/** Employers' accounts made by the simulator share this password (a demo or test install only). */
export const EMPLOYER_PASSWORD = 'Fair-day-2023';
const DAY = 86_400_000;

interface Me { user: { id: string; scopePrefix: string | null; union: { federation: '50' | '51' } | null } }
interface Page<T> { total: number; items: T[] }

/** The simulator's season for a seed (found again by this name). */
export const seasonNameOf = (seed: number): string => `川渝就业服务季（模拟，种子 ${seed}）`;

/** China date of an instant (YYYY-MM-DD). */
export const chinaDate = (at: Date): string => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export async function loginStaff(client: SimClient, accounts: { login: string; password: string }[]): Promise<StaffSession[]> {
  const sessions: StaffSession[] = [];
  for (const a of accounts) {
    const res = await client.send('POST', '/api/auth/login', { body: { login: a.login, password: a.password }, accept: [401] });
    if (res.status === 401 || !res.cookie) throw new Error(`工作人员 ${a.login} 登录失败 / staff login ${a.login} failed`);
    const me = (await client.send<Me>('GET', '/api/auth/me', { cookie: res.cookie })).body.user;
    if (me.scopePrefix === null || !me.union) throw new Error(`${a.login} 不是工会工作人员 / is not union staff`);
    sessions.push({ login: a.login, cookie: res.cookie, userId: me.id, scopePrefix: me.scopePrefix, federation: me.union.federation });
  }
  return sessions;
}

async function findAll<T>(client: SimClient, path: string, cookie: string, match: (item: T) => boolean): Promise<T | undefined> {
  for (let page = 1; ; page++) {
    const res = await client.send<Page<T>>('GET', `${path}${path.includes('?') ? '&' : '?'}page=${page}&pageSize=100`, { cookie });
    const hit = res.body.items.find(match);
    if (hit || page * 100 >= res.body.total) return hit;
  }
}

/** The simulator's season and its fair of today: reused when they exist (the same seed), else created. */
export async function ensureSeasonAndFair(run: SimRun, client: SimClient): Promise<void> {
  const cookie = run.organiser.cookie;
  const today = chinaDate(new Date());
  const name = seasonNameOf(run.seed);
  const create = async () => (await client.send<{ id: number }>('POST', '/api/seasons', {
    cookie, key: `sim.${run.seed}.season.${today}`, body: {
      name, theme: '春风送岗促发展，工创美好新生活', startsOn: today, endsOn: chinaDate(new Date(Date.now() + 90 * DAY)), status: 'published',
      description: '由 chuanyu simulate fair 经 HTTP 接口生成的一天招聘会。',
      hosts: [{ name: '重庆市总工会', role: 'host' }, { name: '四川省总工会', role: 'host' }],
      goals: { enterprises: run.plan.options.enterprises, positions: run.plan.options.positions, intents: Math.max(1, run.plan.options.intents) },
    },
  })).body.id;
  // A lost answer to a create is looked for before creating again.
  const find = () => findAll<{ id: number; name: string }>(client, '/api/seasons?all=1', cookie, (s) => s.name === name);
  run.seasonId = (await find())?.id ?? await create().catch(async (error: unknown) => (await find())?.id ?? Promise.reject(error));

  const fairName = `${FAIR_EVENT.name}（模拟 ${today}）`;
  const findFair = () => findAll<{ id: number; name: string; endsAt: string; status: string }>(client, `/api/seasons/${run.seasonId}/events?kind=fair`, cookie,
    (e) => e.name === fairName && e.status === 'open' && Date.parse(e.endsAt) > Date.now() + 3_600_000);
  const startsAt = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000);
  const createFair = async () => (await client.send<{ id: number }>('POST', `/api/seasons/${run.seasonId}/events`, {
    cookie, key: `sim.${run.seed}.fair.${today}`, body: {
      kind: 'fair', name: fairName, description: FAIR_EVENT.description, regionCode: FAIR_EVENT.regionCode, venue: FAIR_EVENT.venue,
      startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 10 * 3_600_000).toISOString(),
      capacity: Math.max(FAIR_EVENT.capacity, run.plan.visitors.length), status: 'open', zones: run.plan.zones,
    },
  })).body.id;
  run.eventId = (await findFair())?.id ?? await createFair().catch(async (error: unknown) => (await findFair())?.id ?? Promise.reject(error));
}

/** Each union imports the employers and postings of its own scope (one spreadsheet each, all or nothing). */
export async function importEmployment(run: SimRun, client: SimClient): Promise<void> {
  const [header, ...rows] = run.plan.sheet.rows;
  const byStaff = new Map<StaffSession, typeof rows>();
  for (const row of rows) {
    const region = String(row.cells[1]).slice(2, 8);
    const staff = staffFor(run, region);
    if (!staff) throw new Error(`没有管辖 ${region} 的工作人员账号（请用 --staff 提供两省的账号）/ no staff account covers region ${region} (give --staff for both provinces)`);
    byStaff.set(staff, [...(byStaff.get(staff) ?? []), row]);
  }
  await phase(run, 'import', rows.length, async (tick) => {
    for (const [staff, part] of byStaff) {
      const csv = sheetCsv({ name: run.plan.sheet.name, rows: [header!, ...part] });
      await client.send('POST', '/api/imports', {
        cookie: staff.cookie, key: `sim.${run.seed}.import.${staff.scopePrefix || 'all'}.${part.length}`,
        multipart: { fields: { kind: 'postings' }, file: { field: 'file', name: `simulate-${run.seed}.csv`, type: 'text/csv', data: Buffer.from(csv) } },
      });
      for (let i = 0; i < part.length; i++) tick();
    }
  });
}

/** An account for every employer (or its login again), its membership approved, its published postings looked up. */
export async function prepareEmployers(run: SimRun): Promise<void> {
  const plan: FairPlan = run.plan;
  await phase(run, 'employers', plan.enterprises.length, (tick) => pool(run, plan.enterprises.length, async (i, client) => {
    const e = plan.enterprises[i]!;
    const state = run.employers[i]!;
    const staff = staffFor(run, e.regionCode)!;
    const reg = await client.send<{ user: { id: string }; enterpriseId: string; membership: string }>('POST', '/api/employers/register', {
      key: `sim.${run.seed}.employer.${i}`, body: { phone: e.employer.phone, password: EMPLOYER_PASSWORD, name: e.employer.name, enterprise: { creditCode: e.creditCode, name: e.name, regionCode: e.regionCode, industrySection: e.industrySection } },
      accept: [409],
    });
    if (reg.status === 201) {
      state.cookie = reg.cookie;
      state.userId = reg.body.user.id;
      state.id = reg.body.enterpriseId;
    } else {
      // Registered by an earlier run (or before a lost answer): log in again.
      const login = await client.send('POST', '/api/auth/login', { body: { login: e.employer.phone, password: EMPLOYER_PASSWORD } });
      state.cookie = login.cookie;
      state.userId = (await client.send<Me>('GET', '/api/auth/me', { cookie: state.cookie })).body.user.id;
      const found = await client.send<Page<{ id: string; creditCode: string }>>('GET', `/api/enterprises?q=${encodeURIComponent(e.name)}&pageSize=20`, { cookie: staff.cookie });
      state.id = found.body.items.find((x) => x.creditCode === e.creditCode)?.id ?? null;
      if (!state.id) throw new Error(`找不到企业 / enterprise not found: ${e.name} ${e.creditCode}`);
    }
    const members = await client.send<{ userId: string; status: string }[]>('GET', `/api/enterprises/${state.id}/members`, { cookie: staff.cookie });
    if (members.body.find((m) => m.userId === state.userId)?.status === 'pending') {
      await client.send('POST', `/api/enterprises/${state.id}/members/${state.userId}/approve`, { cookie: staff.cookie, key: `sim.${run.seed}.member.${i}`, accept: [404] });
    }
    const enterprise = await client.send<{ status: string }>('GET', `/api/enterprises/${state.id}`, { cookie: state.cookie });
    state.verified = enterprise.body.status === 'verified';
    const byTitle = new Map(e.postings.map((p) => [plan.postings[p]!.title, p]));
    for (let page = 1; ; page++) {
      const res = await client.send<Page<{ id: number; title: string }>>('GET', `/api/postings?enterpriseId=${state.id}&status=published&page=${page}&pageSize=100`, { cookie: state.cookie });
      for (const p of res.body.items) {
        const planned = byTitle.get(p.title);
        if (planned !== undefined) state.postingIds.set(planned, p.id);
      }
      if (page * 100 >= res.body.total) break;
    }
    tick();
  }));
}

