import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers.js';

// The production web serving against a small stand-in build (the real build is used by e2e/).
let t: TestApp;
let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chuanyu-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>川渝工会协作平台</title>');
  fs.writeFileSync(path.join(dir, 'assets', 'app-abc123.js'), 'console.log(1)');
  t = await createTestApp({ web: { mode: 'static', dir } });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('web app serving', () => {
  it.each(['/', '/m', '/m/me', '/admin/users?page=2', '/login', '/m/tickets/CY1.44.ABCD2345.x-Js'])('serves the app for %s', async (url) => {
    const res = await t.app.inject({ url, headers: { accept: '*/*' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toContain('川渝工会协作平台');
  });

  it('serves hashed assets with a long cache', async () => {
    const res = await t.app.inject({ url: '/assets/app-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('immutable');
  });

  it('answers a missing file, an unknown API path and a non-GET with JSON 404', async () => {
    for (const [method, url] of [['GET', '/assets/missing.js'], ['GET', '/api/nothing'], ['POST', '/m']] as const) {
      const res = await t.app.inject({ method, url });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('http.not_found');
    }
  });
});
