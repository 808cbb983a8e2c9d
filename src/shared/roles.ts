/** Every role a user may hold (issue 2 §4). Staff roles need a union, hence a region scope. */
export const ROLES = [
  'admin',
  'federation_staff',
  'union_staff',
  'employer',
  'seeker',
  'judge',
  'chief_judge',
] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES: readonly Role[] = ['federation_staff', 'union_staff'];

export function isStaffRole(role: Role): boolean {
  return STAFF_ROLES.includes(role);
}
