import type { Actor } from '../../platform/actor.js';
import { isStaffRole, type Role } from '../../../shared/roles.js';

// Every rule about who may do what with accounts, in one place (STYLE.md, after Outline's policies).

export const isAdmin = (actor: Actor): boolean => actor.roles.includes('admin');
export const isStaff = (actor: Actor): boolean => isAdmin(actor) || actor.roles.some(isStaffRole);

/** Whether a region scope prefix lies inside the actor's staff scope ('' = everything). */
export function isWithinScope(actor: Actor, subjectScopePrefix: string | null): boolean {
  if (actor.scopePrefix === null) return false;
  if (actor.scopePrefix === '') return true;
  return subjectScopePrefix !== null && subjectScopePrefix.startsWith(actor.scopePrefix);
}

export const canManageUsers = (actor: Actor): boolean => isStaff(actor) && actor.scopePrefix !== null;
export const canViewAudit = (actor: Actor): boolean => canManageUsers(actor);
export const canViewUnions = (actor: Actor): boolean => isStaff(actor);

/** Roles the actor may grant: only admins make admins; federation staff stay in their province. */
export function grantableRoles(actor: Actor): Role[] {
  if (isAdmin(actor)) return ['admin', 'federation_staff', 'union_staff', 'employer', 'seeker', 'judge', 'chief_judge'];
  if (actor.roles.includes('federation_staff')) {
    return ['federation_staff', 'union_staff', 'employer', 'seeker', 'judge', 'chief_judge'];
  }
  if (actor.roles.includes('union_staff')) return ['union_staff', 'employer', 'seeker', 'judge', 'chief_judge'];
  return [];
}

/** Whether the roles fit the union level: federation staff belong to a federation. */
export function roleFitsUnion(role: Role, unionLevel: 'federation' | 'city' | 'county' | null): boolean {
  if (role === 'federation_staff') return unionLevel === 'federation';
  if (role === 'union_staff') return unionLevel === 'city' || unionLevel === 'county';
  return true;
}

export interface PermissionSet {
  manageUsers: boolean;
  viewAudit: boolean;
  viewUnions: boolean;
  /** Enterprises and postings: staff in their scope, employers their own. */
  enterprises: boolean;
  reviewEnterprises: boolean;
  importSpreadsheets: boolean;
  editJobTypes: boolean;
  /** Employment service seasons and their events: union staff plan and run them. */
  seasons: boolean;
  /** Skills competitions: staff run them, judges and chief judges score in them. */
  contests: boolean;
  /** The framework agreement, work items, reports and joint meetings: every union's staff. */
  cooperation: boolean;
  /** Worker services (consultations, membership review, mutual aid, fair desks, figures): every union's staff. */
  services: boolean;
  /** Enrolling workers in mutual-aid plans: employers' agents (and the staff who confirm). */
  aidEnrolment: boolean;
}

/** What the UI may show to this actor (responses carry the caller's permissions). */
export function permissionsOf(actor: Actor): PermissionSet {
  const staff = canManageUsers(actor);
  return {
    manageUsers: staff, viewAudit: canViewAudit(actor), viewUnions: canViewUnions(actor),
    enterprises: staff || actor.roles.includes('employer'), reviewEnterprises: staff, importSpreadsheets: staff,
    editJobTypes: isAdmin(actor) || actor.roles.includes('federation_staff'),
    seasons: staff,
    contests: staff || actor.roles.includes('judge') || actor.roles.includes('chief_judge'),
    cooperation: staff,
    services: staff,
    aidEnrolment: staff || actor.roles.includes('employer'),
  };
}
