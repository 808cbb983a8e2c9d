const ROLE_KEYS = [
  'role.admin', 'role.federation_staff', 'role.union_staff', 'role.employer', 'role.seeker', 'role.judge', 'role.chief_judge',
] as const;
type RoleKey = (typeof ROLE_KEYS)[number];

/** The role labels of a server catalogue, so the pages say exactly what API messages say. */
export function pickRoleLabels<T extends Record<RoleKey, string>>(catalogue: T): Pick<T, RoleKey> {
  return Object.fromEntries(ROLE_KEYS.map((key) => [key, catalogue[key]])) as Pick<T, RoleKey>;
}
