import type { Role } from '../../shared/roles.js';

/** The logged-in user as every service sees it. */
export interface Actor {
  id: string;
  username: string | null;
  name: string;
  roles: Role[];
  unionId: string | null;
  /**
   * Region-code prefix of what this user may see as staff: '' for a platform admin (everything),
   * '51' for 四川省总工会 staff, '5116' for 广安市, '500105' for 江北区; null for non-staff.
   */
  scopePrefix: string | null;
}

export const hasRole = (actor: Actor | null | undefined, role: Role): boolean => !!actor?.roles.includes(role);

/** The audit label of an actor: name and login. */
export const actorLabel = (actor: Actor): string => `${actor.name}${actor.username ? ` (${actor.username})` : ''}`;

/** Request facts that go into audit entries. */
export interface RequestMeta {
  ip: string | null;
  requestId: string;
  userAgent: string | null;
}
