import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_RATE_PER_MINUTE } from '../src/server/modules/accounts/accounts.routes.js';
import { AppError } from '../src/server/platform/errors.js';
import { createTestApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    extend(app) {
      app.get('/api/test/boom', async () => { throw new Error('secret internals at /srv/app.ts:42'); });
      app.get('/api/test/app-error', async () => { throw new AppError('accounts.username_taken', 409, { username: '张三' }); });
    },
  });
});
afterAll(async () => { await t.close(); });

describe('platform', () => {
  it('reports health with the database state and version', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', db: 'ok', version: 'test' });
  });

  it('answers malformed JSON with 400 http.invalid_json', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"login": "a", ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ code: 'http.invalid_json', message: '请求体不是有效的 JSON' });
  });

  it('refuses a body over 1 MB with 413', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ login: 'x'.repeat(1_100_000), password: 'y' }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ code: 'http.payload_too_large', message: '请求体过大（上限 1 MB）' });
  });

  it('hides internals of a 500 and gives the request id instead', async () => {
    const res = await t.app.inject({ url: '/api/test/boom' });
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(body.code).toBe('http.internal');
    expect(body.message).toContain(res.headers['x-request-id']);
    expect(res.body).not.toContain('secret internals');
    expect(res.body).not.toContain('.ts');
  });

  it('translates AppError messages by Accept-Language', async () => {
    const zh = await t.app.inject({ url: '/api/test/app-error' });
    expect(zh.json()).toEqual({ code: 'accounts.username_taken', message: '用户名“张三”已被使用' });
    const en = await t.app.inject({ url: '/api/test/app-error', headers: { 'accept-language': 'en' } });
    expect(en.json().message).toBe('The username "张三" is already taken');
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await t.app.inject({ url: '/api/no-such-thing?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'http.not_found', message: '接口不存在：GET /api/no-such-thing' });
  });

  it('sends helmet security headers and a request id', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves Prometheus metrics and the OpenAPI document', async () => {
    await t.app.inject({ url: '/api/health' });
    const metrics = await t.app.inject({ url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('chuanyu_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('chuanyu_db_up 1');
    const spec = await t.app.inject({ url: '/api/docs/json' });
    expect(spec.statusCode).toBe(200);
    const paths = Object.keys(spec.json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/health', '/api/auth/login', '/api/auth/me', '/api/regions', '/api/admin/users']));
    const ui = await t.app.inject({ url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });

  it('rate-limits login attempts per address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < LOGIN_RATE_PER_MINUTE + 2; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: `nobody-${i}`, password: 'x' }, remoteAddress: '10.9.8.7' });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, LOGIN_RATE_PER_MINUTE).every((c) => c === 401)).toBe(true);
    expect(codes.slice(LOGIN_RATE_PER_MINUTE)).toEqual([429, 429]);
  });
});
