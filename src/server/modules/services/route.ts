// Routing of worker-service records to the union responsible for them (issue 8 §1, §2). Pure: the
// unions and the enterprise are passed in.

export interface UnionRef {
  id: string;
  regionCode: string;
  /** '51' federation, '5116' city, '500105' county. */
  scopePrefix: string;
}

export interface RouteInput {
  /** Where the worker works / the employer is (a county code). */
  regionCode: string;
  /** The employer when it is registered on the platform: the union it belongs to (enterprises.owner_union_id). */
  enterprise: { ownerUnionId: string } | null;
}

export interface Route {
  unionId: string;
  by: 'employer' | 'region';
}

/**
 * The most local union whose region contains the code: a county union when there is one, else the
 * city union, else the federation. Null when no union covers the region (not in either province).
 */
export function unionForRegion(unions: readonly UnionRef[], regionCode: string): UnionRef | null {
  let best: UnionRef | null = null;
  for (const union of unions) {
    if (regionCode.startsWith(union.scopePrefix) && (!best || union.scopePrefix.length > best.scopePrefix.length)) best = union;
  }
  return best;
}

/**
 * A registered employer's own union takes its workers' requests and applications (it knows the
 * employer); otherwise the union of the region — issue 8: "routed to the union of the employer's
 * region (or to the employer's own union if registered)".
 */
export function routeRecord(unions: readonly UnionRef[], input: RouteInput): Route | null {
  if (input.enterprise) return { unionId: input.enterprise.ownerUnionId, by: 'employer' };
  const union = unionForRegion(unions, input.regionCode);
  return union ? { unionId: union.id, by: 'region' } : null;
}
