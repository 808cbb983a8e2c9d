// Factory for worker-services tests (issue 8): the unions a request can be routed to, their staff,
// two workers with phones, and a registered employer with its agent — fresh users per call, so
// tests never depend on each other's records.
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../src/server/platform/context.js';
import { makeEmployer, makeEnterprise, makeUser, randomPhone, type MadeUser } from './helpers.js';

export { makeIdNumber } from './contest-factory.js';

const unionOf = async (ctx: AppContext, region: string) =>
  (await ctx.db.selectFrom('unions').select('id').where('region_code', '=', region).executeTakeFirstOrThrow()).id;

export interface ServicesWorld {
  unions: { jiangbei: string; shapingba: string; cq: string; sc: string; guangan: string; huaying: string; chengdu: string };
  staff: {
    /** 江北区总工会 */ jiangbei: MadeUser; jiangbei2: MadeUser;
    /** 沙坪坝区总工会 (三峡广场 is there) */ shapingba: MadeUser;
    /** 重庆市总工会 / 四川省总工会 federation staff */ cq: MadeUser; sc: MadeUser;
    /** 广安市总工会 (a city union) and 华蓥市总工会 under it */ guangan: MadeUser; huaying: MadeUser;
    chengdu: MadeUser;
  };
  /** Workers (seeker accounts with a phone). */
  worker: MadeUser; worker2: MadeUser;
  /** A verified enterprise registered in 渝北区 whose union is 沙坪坝区's (owner union ≠ region: routing by employer shows). */
  enterprise: { id: string; name: string; creditCode: string };
  /** An active agent (employer account) of that enterprise. */
  agent: MadeUser;
}

export async function makeServicesWorld(ctx: AppContext): Promise<ServicesWorld> {
  const unions = {
    jiangbei: await unionOf(ctx, '500105'), shapingba: await unionOf(ctx, '500106'), cq: await unionOf(ctx, '500000'), sc: await unionOf(ctx, '510000'),
    guangan: await unionOf(ctx, '511600'), huaying: await unionOf(ctx, '511681'), chengdu: await unionOf(ctx, '510100'),
  };
  const staff = {
    jiangbei: await makeUser(ctx, { roles: ['union_staff'], region: '500105' }),
    jiangbei2: await makeUser(ctx, { roles: ['union_staff'], region: '500105' }),
    shapingba: await makeUser(ctx, { roles: ['union_staff'], region: '500106' }),
    cq: await makeUser(ctx, { roles: ['federation_staff'], region: '500000' }),
    sc: await makeUser(ctx, { roles: ['federation_staff'], region: '510000' }),
    guangan: await makeUser(ctx, { roles: ['union_staff'], region: '511600' }),
    huaying: await makeUser(ctx, { roles: ['union_staff'], region: '511681' }),
    chengdu: await makeUser(ctx, { roles: ['union_staff'], region: '510100' }),
  };
  const worker = await makeUser(ctx, { roles: ['seeker'], phone: randomPhone(), name: '张师傅' });
  const worker2 = await makeUser(ctx, { roles: ['seeker'], phone: randomPhone(), name: '李师傅' });
  const enterprise = await makeEnterprise(ctx, { region: '500112' });
  await ctx.db.updateTable('enterprises').set({ owner_union_id: unions.shapingba }).where('id', '=', enterprise.id).execute();
  const agent = await makeEmployer(ctx, enterprise.id);
  return { unions, staff, worker, worker2, enterprise, agent };
}

/** A season's open fair at 三峡广场 (沙坪坝区) and one checked-in walk-in visitor of it, for desk records. */
export async function makeFairVisitor(ctx: AppContext, w: ServicesWorld): Promise<{ eventId: number; visitorId: number }> {
  const db = ctx.db;
  const season = await db.insertInto('seasons').values({ name: `服务台测试季${randomBytes(4).toString('hex')}`, starts_on: '2026-02-25', ends_on: '2026-05-31', owner_union_id: w.unions.cq, status: 'published' })
    .returning('id').executeTakeFirstOrThrow();
  const event = await db.insertInto('events').values({
    season_id: season.id, kind: 'fair', name: '三峡广场招聘会', host_union_id: w.unions.shapingba, region_code: '500106',
    starts_at: '2026-03-01T09:00:00+08:00', ends_at: '2026-03-01T17:00:00+08:00', status: 'open',
  }).returning('id').executeTakeFirstOrThrow();
  const visitor = await db.insertInto('event_visitors').values({
    event_id: event.id, user_id: null, name: '李师傅', phone_enc: randomBytes(8), phone_hash: randomBytes(16), phone_masked: '139****0000',
    region_code: null, ticket_code: randomBytes(4).toString('hex').toUpperCase(), source: 'onsite', consented_at: new Date(), registered_by: null, checked_in_at: new Date(), checked_in_by: null,
  }).returning('id').executeTakeFirstOrThrow();
  return { eventId: event.id, visitorId: visitor.id };
}
