import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, makeUser, randomPhone, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const login = (payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload, headers });

describe('login', () => {
  it('logs in by username and by phone, sets a HttpOnly SameSite=Lax cookie, and /me answers', async () => {
    const phone = randomPhone();
    const user = await makeUser(t.ctx, { roles: ['union_staff'], region: '500105', phone });
    const res = await login({ login: user.username, password: user.password });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ id: user.id, roles: ['union_staff'] });
    const cookie = res.cookies.find((c) => c.name === 'chuanyu_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();

    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie: `chuanyu_session=${cookie?.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({
      id: user.id, username: user.username, scopePrefix: '500105',
      phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      union: { name: '重庆市江北区总工会', regionCode: '500105', level: 'county', federation: '50' },
      permissions: { manageUsers: true, viewAudit: true },
    });

    const byPhone = await login({ login: `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`, password: user.password });
    expect(byPhone.statusCode).toBe(200);
    expect(byPhone.json().user.id).toBe(user.id);
  });

  it('refuses a wrong password and an unknown user alike, in zh-CN by default and in English on request', async () => {
    const user = await makeUser(t.ctx, { roles: ['seeker'] });
    const wrong = await login({ login: user.username, password: 'wrong-password1' });
    const unknown = await login({ login: 'nobody-here-x', password: 'whatever1' });
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ code: 'auth.invalid_credentials', message: '用户名或密码错误' });
    }
    const en = await login({ login: user.username, password: 'wrong-password1' }, { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.json().message).toBe('Wrong username or password');
  });

  it('locks the account with 429 and Retry-After after 5 failures, even for the right password', async () => {
    const user = await makeUser(t.ctx, { roles: ['seeker'] });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await login({ login: user.username, password: `bad-pass-${i}x` })).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 429]);
    const locked = await login({ login: user.username, password: user.password });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('auth.too_many_attempts');
    expect(locked.json().message).toContain('15 分钟');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    const failures = await t.ctx.db.selectFrom('audit_log').select('action').where('subject_id', '=', user.id).where('action', '=', 'auth.login_failed').execute();
    expect(failures).toHaveLength(5);
  });

  it('refuses a disabled account', async () => {
    const user = await makeUser(t.ctx, { roles: ['seeker'] });
    await t.ctx.db.updateTable('users').set({ is_disabled: true }).where('id', '=', user.id).execute();
    const res = await login({ login: user.username, password: user.password });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.account_disabled');
  });

  it('returns every invalid field at once', async () => {
    const res = await login({ login: '', extra: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['login', 'password']);
  });

  it('marks the cookie Secure behind an HTTPS proxy', async () => {
    const url = t.ctx.config.databaseUrl!;
    const proxied = await createTestApp({ databaseUrl: url, trustProxy: true });
    try {
      const user = await makeUser(proxied.ctx, { roles: ['seeker'] });
      const res = await proxied.app.inject({
        method: 'POST', url: '/api/auth/login', payload: { login: user.username, password: user.password },
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(res.cookies.find((c) => c.name === 'chuanyu_session')?.secure).toBe(true);
    } finally {
      await proxied.close();
    }
  });
});

describe('sessions', () => {
  it('ends the session on logout', async () => {
    const user = await makeUser(t.ctx, { roles: ['seeker'] });
    const cookie = await loginAs(t.app, user.username);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.json().code).toBe('auth.unauthenticated');
  });

  it('says the session expired when it did', async () => {
    const user = await makeUser(t.ctx, { roles: ['seeker'] });
    const cookie = await loginAs(t.app, user.username);
    await t.ctx.db.updateTable('sessions').set({ expires_at: sql`now() - interval '1 minute'` }).where('user_id', '=', user.id).execute();
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.json()).toMatchObject({ code: 'auth.session_expired', message: '登录已过期，请重新登录' });
    const left = await t.ctx.db.selectFrom('sessions').select('user_id').where('user_id', '=', user.id).execute();
    expect(left).toHaveLength(0);
  });

  it('stores only a hash of the session token', async () => {
    const user = await makeUser(t.ctx, { roles: ['seeker'] });
    const cookie = await loginAs(t.app, user.username);
    const token = cookie.split('=')[1]!;
    const rows = await t.ctx.db.selectFrom('sessions').select('token_hash').where('user_id', '=', user.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash.toString('base64url')).not.toBe(token);
    expect(rows[0]!.token_hash).toHaveLength(32);
  });

  it('answers /me with 401 when not logged in', async () => {
    const me = await t.app.inject({ url: '/api/auth/me' });
    expect(me.statusCode).toBe(401);
    expect(me.json().message).toBe('请先登录');
  });
});
