import type { Actor } from '../../platform/actor.js';
import { isStaff, isWithinScope } from '../accounts/accounts.policy.js';

// Who may do what with seasons and events (issue 5). Scopes are region prefixes of unions.

/** A season is run by its owning union's staff and the unions above it. */
export const canManageSeason = (actor: Actor | null, ownerScope: string): boolean => !!actor && isStaff(actor) && isWithinScope(actor, ownerScope);

/** Any union's staff may start a season for a union in their scope (usually a federation's). */
export const canCreateSeason = (actor: Actor | null): boolean => !!actor && isStaff(actor) && actor.scopePrefix !== null;

/** An event is run by its host union (and those above it) and by the season's managers. */
export const canManageEvent = (actor: Actor | null, hostScope: string, seasonOwnerScope: string): boolean =>
  !!actor && isStaff(actor) && (isWithinScope(actor, hostScope) || isWithinScope(actor, seasonOwnerScope));

/** Events of a season may be added by its managers, and by any union's staff for a union in their scope. */
export const canAddEvent = (actor: Actor | null, seasonOwnerScope: string, hostScope: string): boolean =>
  !!actor && isStaff(actor) && (isWithinScope(actor, seasonOwnerScope) || isWithinScope(actor, hostScope));
