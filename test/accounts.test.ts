import type { Role } from '../src/shared/roles.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUnionByRegion } from '../src/server/modules/orgs/orgs.repo.js';
import { createTestApp, loginAs, makeUser, randomPhone, uniqueSuffix, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const unionId = async (region: string) => (await findUnionByRegion(t.ctx.db, region))!.id;

async function as(roles: Role[], region: string | null) {
  const user = await makeUser(t.ctx, { roles, region });
  return { user, cookie: await loginAs(t.app, user.username) };
}

describe('user administration', () => {
  it('creates a user with an encrypted, masked phone and records it in the audit log', async () => {
    const { cookie } = await as(['federation_staff'], '500000');
    const phone = randomPhone();
    const username = `jb-${uniqueSuffix()}`;
    const res = await t.app.inject({
      method: 'POST', url: '/api/admin/users', headers: { cookie },
      payload: { username, phone, name: '江北区工作人员', password: 'Staff-pass1', roles: ['union_staff'], unionId: await unionId('500105') },
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ username, roles: ['union_staff'], union: { name: '重庆市江北区总工会' }, isDisabled: false });
    expect(created.phoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);

    const row = await t.ctx.db.selectFrom('users').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.phone_enc!.toString('latin1')).not.toContain(phone);
    expect(t.ctx.crypto.decrypt(row.phone_enc!)).toBe(phone);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);

    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('subject_id', '=', created.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['user.create']);
    expect(audit[0]).toMatchObject({ fields: ['phone'], scope_prefix: '500105' });

    // Exact look-up by phone goes through the blind index.
    const found = await t.app.inject({ url: `/api/admin/users?q=${phone}`, headers: { cookie } });
    expect(found.json().items.map((u: { id: string }) => u.id)).toEqual([created.id]);
  });

  it('reports every bad field at once and writes nothing', async () => {
    const { cookie } = await as(['federation_staff'], '510000');
    const before = await t.ctx.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await t.app.inject({
      method: 'POST', url: '/api/admin/users', headers: { cookie },
      payload: { username: '9bad', phone: '12345', name: '', password: 'short', roles: [] },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('validation.failed');
    expect(body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['name', 'password', 'phone', 'roles', 'username']);
    expect(body.issues.find((i: { path: string }) => i.path === 'phone').message).toContain('手机号');
    const after = await t.ctx.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses a taken username or phone with 409', async () => {
    const { cookie } = await as(['federation_staff'], '510000');
    const phone = randomPhone();
    const existing = await makeUser(t.ctx, { roles: ['seeker'], region: '511681', phone });
    const base = { name: '重复', password: 'Another-pass1', roles: ['seeker'], unionId: await unionId('511681') };
    const sameName = await t.app.inject({ method: 'POST', url: '/api/admin/users', headers: { cookie }, payload: { ...base, username: existing.username.toUpperCase() } });
    expect(sameName.statusCode).toBe(409);
    expect(sameName.json().code).toBe('accounts.username_taken');
    const samePhone = await t.app.inject({ method: 'POST', url: '/api/admin/users', headers: { cookie }, payload: { ...base, phone } });
    expect(samePhone.statusCode).toBe(409);
    expect(samePhone.json().code).toBe('accounts.phone_taken');
  });

  it('checks roles against the actor and the union level', async () => {
    const { cookie } = await as(['union_staff'], '511600');
    const res = await t.app.inject({
      method: 'POST', url: '/api/admin/users', headers: { cookie },
      payload: { username: `x-${uniqueSuffix()}`, name: '越权', password: 'Some-pass1', roles: ['federation_staff', 'admin'], unionId: await unionId('500105') },
    });
    expect(res.statusCode).toBe(400);
    const messages = res.json().issues.map((i: { path: string; message: string }) => `${i.path}: ${i.message}`);
    expect(messages).toContain('roles: 无权授予角色：省级工会工作人员');
    expect(messages).toContain('roles: 无权授予角色：平台管理员');
    expect(messages).toContain('unionId: 只能在本工会管辖范围内管理账号');
  });

  it('paginates, searches and filters', async () => {
    const { cookie } = await as(['federation_staff'], '510000');
    const tag = uniqueSuffix();
    for (let i = 0; i < 7; i++) await makeUser(t.ctx, { roles: ['seeker'], region: '511702', name: `分页${tag}${i}` });
    const page1 = await t.app.inject({ url: `/api/admin/users?q=${encodeURIComponent(`分页${tag}`)}&pageSize=5&page=1`, headers: { cookie } });
    const page2 = await t.app.inject({ url: `/api/admin/users?q=${encodeURIComponent(`分页${tag}`)}&pageSize=5&page=2`, headers: { cookie } });
    expect(page1.json().total).toBe(7);
    expect(page1.json().items).toHaveLength(5);
    expect(page2.json().items).toHaveLength(2);
    const ids = new Set([...page1.json().items, ...page2.json().items].map((u: { id: string }) => u.id));
    expect(ids.size).toBe(7);
    const dazhou = await t.app.inject({ url: `/api/admin/users?unionId=${await unionId('511700')}&role=seeker&q=${encodeURIComponent(tag)}`, headers: { cookie } });
    expect(dazhou.json().total).toBe(7); // 511702 通川区 lies in 达州市's subtree
    const bad = await t.app.inject({ url: '/api/admin/users?pageSize=1000&page=0', headers: { cookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['page', 'pageSize']);
  });

  it('disables a user after confirmation, ends their sessions, and enables them again', async () => {
    const { cookie } = await as(['union_staff'], '500105');
    const target = await makeUser(t.ctx, { roles: ['seeker'], region: '500105' });
    const targetCookie = await loginAs(t.app, target.username);
    const off = await t.app.inject({ method: 'PATCH', url: `/api/admin/users/${target.id}`, headers: { cookie }, payload: { isDisabled: true } });
    expect(off.statusCode).toBe(200);
    expect(off.json().isDisabled).toBe(true);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: targetCookie } })).statusCode).toBe(401);
    const relogin = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: target.username, password: target.password } });
    expect(relogin.statusCode).toBe(403);
    const on = await t.app.inject({ method: 'PATCH', url: `/api/admin/users/${target.id}`, headers: { cookie }, payload: { isDisabled: false } });
    expect(on.json().isDisabled).toBe(false);
    const actions = await t.ctx.db.selectFrom('audit_log').select('action').where('subject_id', '=', target.id).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['user.create', 'auth.login', 'user.disable', 'user.enable']);
  });

  it('does not let staff disable themselves', async () => {
    const { user, cookie } = await as(['union_staff'], '500105');
    const res = await t.app.inject({ method: 'PATCH', url: `/api/admin/users/${user.id}`, headers: { cookie }, payload: { isDisabled: true } });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0]).toMatchObject({ path: 'isDisabled', message: '不能停用自己的账号' });
  });

  it('reveals a full phone only with a reason, and logs who, whose, when and why', async () => {
    const { user: staff, cookie } = await as(['union_staff'], '511600');
    const phone = randomPhone();
    const target = await makeUser(t.ctx, { roles: ['seeker'], region: '511681', phone });
    const noReason = await t.app.inject({ method: 'POST', url: `/api/admin/users/${target.id}/reveal`, headers: { cookie }, payload: { field: 'phone', reason: '' } });
    expect(noReason.statusCode).toBe(400);
    const res = await t.app.inject({ method: 'POST', url: `/api/admin/users/${target.id}/reveal`, headers: { cookie }, payload: { field: 'phone', reason: '回访求职意向' } });
    expect(res.json()).toEqual({ value: phone });
    expect(res.headers['cache-control']).toBe('no-store');
    const audit = await t.app.inject({ url: '/api/admin/audit?action=pii.reveal&pageSize=100', headers: { cookie } });
    const entry = audit.json().items.find((e: { subjectId: string }) => e.subjectId === target.id);
    expect(entry).toMatchObject({ actor: { id: staff.id, username: staff.username }, fields: ['phone'], reason: '回访求职意向', action: 'pii.reveal' });
    expect(new Date(entry.at).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe('scopes through the union tree', () => {
  it('a district union cannot read, change or reveal another district\'s users', async () => {
    const { cookie } = await as(['union_staff'], '500105'); // 江北区
    const neighbour = await makeUser(t.ctx, { roles: ['seeker'], region: '500106', phone: randomPhone() }); // 沙坪坝区
    const own = await makeUser(t.ctx, { roles: ['seeker'], region: '500105' });

    const list = await t.app.inject({ url: '/api/admin/users?pageSize=100', headers: { cookie } });
    const ids = list.json().items.map((u: { id: string }) => u.id);
    expect(ids).toContain(own.id);
    expect(ids).not.toContain(neighbour.id);
    expect(list.json().items.every((u: { union: { name: string } }) => u.union.name === '重庆市江北区总工会')).toBe(true);

    const byUnion = await t.app.inject({ url: `/api/admin/users?unionId=${await unionId('500106')}`, headers: { cookie } });
    expect(byUnion.json().total).toBe(0);
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/admin/users/${neighbour.id}`, headers: { cookie }, payload: { name: '改名' } });
    expect(patch.statusCode).toBe(404);
    const reveal = await t.app.inject({ method: 'POST', url: `/api/admin/users/${neighbour.id}/reveal`, headers: { cookie }, payload: { field: 'phone', reason: '试探' } });
    expect(reveal.statusCode).toBe(404);
    const audit = await t.app.inject({ url: '/api/admin/audit?pageSize=100', headers: { cookie } });
    expect(audit.json().items.some((e: { subjectId: string }) => e.subjectId === neighbour.id)).toBe(false);
  });

  it('a city union sees its counties; a federation sees its province only', async () => {
    const huaying = await makeUser(t.ctx, { roles: ['seeker'], region: '511681' });
    const jiangbei = await makeUser(t.ctx, { roles: ['seeker'], region: '500105' });
    const city = await as(['union_staff'], '511600');
    const sc = await as(['federation_staff'], '510000');
    const cq = await as(['federation_staff'], '500000');
    const sees = async (cookie: string, id: string) => {
      const res = await t.app.inject({ method: 'PATCH', url: `/api/admin/users/${id}`, headers: { cookie }, payload: {} });
      return res.statusCode === 200;
    };
    expect(await sees(city.cookie, huaying.id)).toBe(true);
    expect(await sees(city.cookie, jiangbei.id)).toBe(false);
    expect(await sees(sc.cookie, huaying.id)).toBe(true);
    expect(await sees(sc.cookie, jiangbei.id)).toBe(false);
    expect(await sees(cq.cookie, jiangbei.id)).toBe(true);
  });

  it('non-staff get 403 from the admin endpoints; anonymous get 401', async () => {
    const seeker = await as(['seeker'], '511681');
    for (const url of ['/api/admin/users', '/api/admin/audit']) {
      expect((await t.app.inject({ url, headers: { cookie: seeker.cookie } })).statusCode).toBe(403);
      expect((await t.app.inject({ url })).statusCode).toBe(401);
    }
  });

  it('only an admin changes an admin', async () => {
    const admin = await makeUser(t.ctx, { roles: ['admin', 'federation_staff'], region: '500000' });
    const cq = await as(['federation_staff'], '500000');
    const res = await t.app.inject({ method: 'PATCH', url: `/api/admin/users/${admin.id}`, headers: { cookie: cq.cookie }, payload: { name: 'x' } });
    expect(res.statusCode).toBe(403);
  });
});
