import { sql } from 'kysely';
import { loadDemoSeason } from './season.js';
import { loadDemoLivestreams } from './livestream.js';
import { loadDemoOpenFair } from './open-fair.js';
import type { AppContext } from '../platform/context.js';
import type { Role } from '../../shared/roles.js';
import { createUser } from '../modules/accounts/accounts.service.js';
import { findUnionByRegion } from '../modules/orgs/orgs.repo.js';
import { importSheets } from '../modules/imports/imports.service.js';
import { todayIso } from '../modules/jobs/postings.service.js';
import { generateEmployment } from './employment.js';
import { loadDemoContests } from './contest.js';
import { loadDemoCooperation } from './cooperation.js';
import { loadDemoServices } from './services.js';

export const DEMO_PASSWORD = 'chuanyu-demo';

interface DemoAccount {
  username: string;
  name: string;
  roles: Role[];
  /** GB/T 2260 code of the owning union's region. */
  region: string | null;
  phone?: string;
  note: string;
}

/** The demo accounts of API.md, plus a few district unions so that scopes can be seen at work. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'cq-admin', name: '陈立', roles: ['federation_staff'], region: '500000', phone: '13800000101', note: '重庆市总工会' },
  { username: 'sc-admin', name: '李娟', roles: ['federation_staff'], region: '510000', phone: '13800000102', note: '四川省总工会' },
  { username: 'ga-union', name: '王强', roles: ['union_staff'], region: '511600', phone: '13800000103', note: '广安市总工会' },
  { username: 'employer-demo', name: '刘洋', roles: ['employer'], region: '500106', phone: '13800000104', note: '企业用户（沙坪坝区）' },
  { username: 'seeker-demo', name: '赵小川', roles: ['seeker'], region: '511681', phone: '13800000105', note: '求职者（华蓥市）' },
  { username: 'judge-demo', name: '周建国', roles: ['judge'], region: '511600', phone: '13800000106', note: '裁判' },
  { username: 'chief-judge-demo', name: '吴志远', roles: ['chief_judge'], region: '511600', phone: '13800000107', note: '裁判长' },
  { username: 'jb-union', name: '孙静', roles: ['union_staff'], region: '500105', note: '重庆市江北区总工会' },
  { username: 'bb-union', name: '何伟', roles: ['union_staff'], region: '500109', note: '重庆市北碚区总工会' },
  { username: 'dz-union', name: '郑芳', roles: ['union_staff'], region: '511700', note: '达州市总工会' },
  { username: 'hy-union', name: '唐军', roles: ['union_staff'], region: '511681', note: '华蓥市总工会' },
  { username: 'spb-union', name: '冉雪', roles: ['union_staff'], region: '500106', note: '重庆市沙坪坝区总工会（三峡广场招聘会维权服务区）' },
];

export const isDatabaseEmpty = async (ctx: AppContext): Promise<boolean> =>
  !(await ctx.db.selectFrom('users').select('id').limit(1).executeTakeFirst());

export const hasDemoAccounts = async (ctx: AppContext): Promise<boolean> =>
  !!(await ctx.db.selectFrom('users').select('id').where('is_demo', '=', true).limit(1).executeTakeFirst());

/** Load the demo accounts (later modules add their demo data here); skips what already exists. */
export async function loadDemo(ctx: AppContext): Promise<{ created: string[] }> {
  const created: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const exists = await ctx.db.selectFrom('users').select('id').where(sql`lower(username)`, '=', account.username).executeTakeFirst();
    if (exists) continue;
    const union = account.region ? await findUnionByRegion(ctx.db, account.region) : undefined;
    await createUser(ctx, null, {
      username: account.username, phone: account.phone ?? null, name: account.name, password: DEMO_PASSWORD,
      roles: account.roles, unionId: union?.id ?? null,
    }, null, { isDemo: true, operator: 'chuanyu demo' });
    created.push(account.username);
  }
  await loadDemoEmployment(ctx);
  await loadDemoSeeker(ctx);
  await loadDemoSeason(ctx);
  await loadDemoLivestreams(ctx);
  await loadDemoOpenFair(ctx);
  await loadDemoContests(ctx, DEMO_PASSWORD);
  await loadDemoCooperation(ctx, DEMO_PASSWORD);
  await loadDemoServices(ctx);
  await ctx.db
    .insertInto('app_settings')
    .values({ key: 'demo.loaded_at', value: JSON.stringify(new Date().toISOString()) })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), updated_at: sql`now()` })))
    .execute();
  return { created };
}

/**
 * The season's employers and postings, through the same validation and writes as a spreadsheet
 * import; then a verification queue and a review queue so that staff pages have work to show,
 * and employer-demo linked to an enterprise in 沙坪坝区.
 */
export async function loadDemoEmployment(ctx: AppContext): Promise<void> {
  const any = await ctx.db.selectFrom('postings').select('id').limit(1).executeTakeFirst();
  if (any) return;
  const { sheet } = generateEmployment({ today: todayIso() });
  await importSheets(ctx, { operator: 'chuanyu demo' }, 'postings', [sheet]);
  // Six awaiting verification in each province.
  const queue = [
    ...(await ctx.db.selectFrom('enterprises').select('id').where('region_code', 'like', '50%').orderBy('credit_code').limit(6).execute()),
    ...(await ctx.db.selectFrom('enterprises').select('id').where('region_code', 'like', '51%').orderBy('credit_code').limit(6).execute()),
  ];
  await ctx.db.updateTable('enterprises').set({ status: 'submitted', reviewed_at: null, reviewed_by: null })
    .where('id', 'in', queue.map((e) => e.id)).execute();
  const pending = await ctx.db.selectFrom('postings').select('id').where('enterprise_id', 'not in', queue.map((e) => e.id)).orderBy('id', 'desc').limit(25).execute();
  await ctx.db.updateTable('postings').set({ status: 'pending', published_at: null }).where('id', 'in', pending.map((p) => p.id)).execute();
  const employer = await ctx.db.selectFrom('users').select('id').where('username', '=', 'employer-demo').executeTakeFirst();
  const enterprise = await ctx.db.selectFrom('enterprises').select('id').where('region_code', '=', '500106').where('status', '=', 'verified').orderBy('credit_code').limit(1).executeTakeFirst();
  if (employer && enterprise) {
    await ctx.db.insertInto('enterprise_members').values({ enterprise_id: enterprise.id, user_id: employer.id, status: 'active' })
      .onConflict((oc) => oc.doNothing()).execute();
  }
}

/** seeker-demo, an electrician from 华蓥, with a profile recommendations can work with. */
async function loadDemoSeeker(ctx: AppContext): Promise<void> {
  const seeker = await ctx.db.selectFrom('users').select('id').where('username', '=', 'seeker-demo').executeTakeFirst();
  if (!seeker) return;
  await ctx.db.insertInto('seeker_profiles').values({
    user_id: seeker.id, region_code: '511681', education: 'vocational', experience: '5to10', skills: ['低压电工证', '装表接电'],
    desired_job_types: ['electrician', 'meter-installer'], desired_regions: ['511600'], desired_salary: 5000,
    resume_text: '中专电气专业毕业，在华蓥从事电工工作八年，持低压电工证，熟悉装表接电和配电箱维护。', consented_at: new Date(),
  }).onConflict((oc) => oc.column('user_id').doNothing()).execute();
}

export function demoBanner(): string {
  const lines = DEMO_ACCOUNTS.slice(0, 7).map((a) => `    ${a.username.padEnd(18)} ${a.note}`);
  return [`  演示账号 / demo accounts (密码 / password: ${DEMO_PASSWORD}):`, ...lines].join('\n');
}
