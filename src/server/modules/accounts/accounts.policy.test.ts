import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.js';
import { canManageUsers, grantableRoles, isWithinScope, roleFitsUnion } from './accounts.policy.js';

const actor = (roles: Actor['roles'], scopePrefix: string | null): Actor => ({
  id: 'a', username: 'x', name: 'X', roles, unionId: scopePrefix === null ? null : 'u', scopePrefix,
});

describe('accounts policy', () => {
  it.each([
    ['admin sees everything', actor(['admin'], ''), '500105', true],
    ['federation staff see their province', actor(['federation_staff'], '51'), '511681', true],
    ['federation staff do not see the other province', actor(['federation_staff'], '51'), '500105', false],
    ['a city union sees its counties', actor(['union_staff'], '5116'), '511681', true],
    ['a district union does not see another district', actor(['union_staff'], '500105'), '500106', false],
    ['nobody but the admin sees unowned rows', actor(['federation_staff'], '50'), null, false],
    ['a seeker sees no staff data', actor(['seeker'], null), '500105', false],
  ])('%s', (_label, who, subject, expected) => {
    expect(isWithinScope(who, subject)).toBe(expected);
  });

  it('only admins grant admin; union staff cannot make federation staff', () => {
    expect(grantableRoles(actor(['admin'], ''))).toContain('admin');
    expect(grantableRoles(actor(['federation_staff'], '50'))).not.toContain('admin');
    expect(grantableRoles(actor(['union_staff'], '5116'))).not.toContain('federation_staff');
    expect(grantableRoles(actor(['seeker'], null))).toEqual([]);
  });

  it('staff roles fit their union level', () => {
    expect(roleFitsUnion('federation_staff', 'federation')).toBe(true);
    expect(roleFitsUnion('federation_staff', 'city')).toBe(false);
    expect(roleFitsUnion('union_staff', 'county')).toBe(true);
    expect(roleFitsUnion('union_staff', 'federation')).toBe(false);
    expect(roleFitsUnion('seeker', null)).toBe(true);
  });

  it('only staff with a scope manage users', () => {
    expect(canManageUsers(actor(['union_staff'], '500105'))).toBe(true);
    expect(canManageUsers(actor(['judge'], null))).toBe(false);
  });
});
