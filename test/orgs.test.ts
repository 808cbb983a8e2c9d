import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

describe('GET /api/regions', () => {
  it('lists the two provinces at the top', async () => {
    const res = await t.app.inject({ url: '/api/regions' });
    expect(res.json()).toEqual([
      { code: '500000', name: '重庆市', level: 'province' },
      { code: '510000', name: '四川省', level: 'province' },
    ]);
  });

  it('lists the 38 districts and counties of 重庆市 and the 21 prefectures of 四川省', async () => {
    const cq = (await t.app.inject({ url: '/api/regions?parent=500000' })).json();
    expect(cq).toHaveLength(38);
    expect(cq).toContainEqual({ code: '500106', name: '沙坪坝区', level: 'county' });
    const sc = (await t.app.inject({ url: '/api/regions?parent=510000' })).json();
    expect(sc).toHaveLength(21);
    expect(sc).toContainEqual({ code: '511600', name: '广安市', level: 'prefecture' });
    const guangan = (await t.app.inject({ url: '/api/regions?parent=511600' })).json();
    expect(guangan).toContainEqual({ code: '511681', name: '华蓥市', level: 'county' });
  });

  it('gives one region with its ancestors, province first, so a stored county can be shown by name', async () => {
    const huaying = (await t.app.inject({ url: '/api/regions/511681' })).json();
    expect(huaying).toEqual({
      code: '511681', name: '华蓥市', level: 'county', fullName: '四川省 广安市 华蓥市',
      path: [{ code: '510000', name: '四川省', level: 'province' }, { code: '511600', name: '广安市', level: 'prefecture' }, { code: '511681', name: '华蓥市', level: 'county' }],
    });
    expect((await t.app.inject({ url: '/api/regions/500106' })).json().path.map((r: { name: string }) => r.name)).toEqual(['重庆市', '沙坪坝区']);
    const unknown = await t.app.inject({ url: '/api/regions/519999', headers: { 'accept-language': 'zh-CN' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('orgs.region_not_found');
    expect((await t.app.inject({ url: '/api/regions/5100' })).statusCode).toBe(400);
  });

  it('rejects a malformed or unknown code', async () => {
    const bad = await t.app.inject({ url: '/api/regions?parent=51' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues).toEqual([{ path: 'parent', message: '行政区划代码须为 6 位数字' }]);
    const unknown = await t.app.inject({ url: '/api/regions?parent=990000' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toBe('行政区划 990000 不存在');
  });
});

describe('GET /api/unions', () => {
  it('holds both federations, every Sichuan city union and every Chongqing district union', async () => {
    const { items, total } = (await t.app.inject({ url: '/api/unions' })).json() as {
      total: number; items: { id: string; name: string; regionCode: string; level: string; parentId: string | null; federation: string }[];
    };
    expect(total).toBe(items.length);
    const byRegion = new Map(items.map((u) => [u.regionCode, u]));
    const cq = byRegion.get('500000')!;
    const sc = byRegion.get('510000')!;
    expect(cq).toMatchObject({ name: '重庆市总工会', level: 'federation', parentId: null });
    expect(sc).toMatchObject({ name: '四川省总工会', level: 'federation', parentId: null });
    expect(items.filter((u) => u.parentId === cq.id)).toHaveLength(38);
    expect(items.filter((u) => u.parentId === sc.id)).toHaveLength(21);
    const guangan = byRegion.get('511600')!;
    expect(byRegion.get('511681')).toMatchObject({ name: '华蓥市总工会', parentId: guangan.id, federation: '51' });
    expect(byRegion.get('500109')?.name).toBe('重庆市北碚区总工会');
  });
});
