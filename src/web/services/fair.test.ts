import { describe, expect, it } from 'vitest';
import { shortName } from './fair.js';

// Booth-sized names on the floor plan: the place and the legal form dropped, then cut.
describe('shortName', () => {
  it.each([
    ['重庆渝北建工集团有限公司', 6, '渝北建工集团'],
    ['四川华蓥电力设备股份有限公司', 6, '华蓥电力设备'],
    ['沙坪坝宏达机械制造有限公司', 10, '沙坪坝宏达机械制造'],
    ['成都市锦江宾馆（集团）有限责任公司', 10, '锦江宾馆'],
    ['广安宏达2分公司', 10, '广安宏达2'],
    ['有限公司', 6, '有限公司'],
    ['中国石油', 6, '中国石油'],
  ])('%s → %s', (name, max, short) => {
    expect(shortName(name, max)).toBe(short);
  });
});
