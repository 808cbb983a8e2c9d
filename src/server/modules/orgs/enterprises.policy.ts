import type { Actor } from '../../platform/actor.js';
import { isStaff, isWithinScope } from '../accounts/accounts.policy.js';

// Who may do what with an enterprise (issue 3 §1). `ownerScope` is the owning union's scope prefix.

/** Staff of the owning union or of a union above it. */
export const canManageEnterprise = (actor: Actor, ownerScope: string): boolean => isStaff(actor) && isWithinScope(actor, ownerScope);

/** Verification: the same staff as management — the owning union or above (issue 3 §1). */
export const canReviewEnterprise = canManageEnterprise;

export const canViewEnterprise = (actor: Actor, ownerScope: string, isMember: boolean): boolean =>
  isMember || canManageEnterprise(actor, ownerScope);

/** Employers edit their own enterprise's details, but not the keys that verification vouched for. */
export const EMPLOYER_EDITABLE = ['address', 'industrySection', 'industryDivision', 'size', 'ownership', 'contactName', 'contactPhone'] as const;

export const isEmployer = (actor: Actor): boolean => actor.roles.includes('employer');
