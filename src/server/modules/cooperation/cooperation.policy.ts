import type { Actor } from '../../platform/actor.js';
import { isAdmin, isStaff } from '../accounts/accounts.policy.js';

// Who may do what with the framework agreement, its work items, reports and joint meetings
// (issue 7). The agreement is the two federations' shared work: every union's staff may read it;
// the federations run it; the unions responsible for an item report on it.

/** The federation ('50' 重庆, '51' 四川) an actor's staff scope belongs to; null for admins and non-staff. */
export const federationOf = (actor: Actor | null): '50' | '51' | null => {
  const prefix = actor?.scopePrefix ?? '';
  const fed = prefix.slice(0, 2);
  return fed === '50' || fed === '51' ? fed : null;
};

/** Federation-level staff (省级): scope exactly a province. */
export const isFederationStaff = (actor: Actor | null): boolean =>
  !!actor && actor.roles.includes('federation_staff') && (actor.scopePrefix?.length ?? 0) === 2;

/** Reading agreements, items, reports and meetings: any union's staff. */
export const canViewCooperation = (actor: Actor | null): boolean => !!actor && isStaff(actor) && actor.scopePrefix !== null;

/** Creating and editing agreements, areas, items and meetings: federation staff of either side (and admins). */
export const canManageCooperation = (actor: Actor | null): boolean => !!actor && (isAdmin(actor) || isFederationStaff(actor));

/** Reporting on an item (progress, reports): staff of one of the item's responsible unions. */
export const canReportOn = (actor: Actor | null, responsibleUnionIds: readonly string[]): boolean =>
  !!actor && isStaff(actor) && !!actor.unionId && responsibleUnionIds.includes(actor.unionId);

/** Accepting or returning a union's report: federation staff of that union's federation. */
export const canReviewReport = (actor: Actor | null, reportFederation: '50' | '51'): boolean =>
  isFederationStaff(actor) && federationOf(actor) === reportFederation;

/** Signing an item off: federation staff, once per federation (the second federation makes it done). */
export const canSignOff = (actor: Actor | null): boolean => isFederationStaff(actor) && federationOf(actor) !== null;

/** Entering an item's progress with evidence: staff of a responsible union, or federation staff (and admins). */
export const canEnterProgress = (actor: Actor | null, responsibleUnionIds: readonly string[]): boolean =>
  canReportOn(actor, responsibleUnionIds) || canManageCooperation(actor);
