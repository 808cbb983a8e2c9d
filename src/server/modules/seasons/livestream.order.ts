// The live order of a livestream room's featured postings (issue 5 §6): the host picks postings of
// both provinces, puts them in the order they will be presented and pins the one on air. Pure: the
// service feeds it the room as it is under the row lock.

/** How many postings one session may feature (a 90-minute session presents a few dozen at most). */
export const MAX_FEATURED = 50;

export type AddCheck = 'ok' | 'already' | 'full';

/** Whether a posting may join the room: once each, up to MAX_FEATURED. */
export function checkAdd(current: readonly number[], postingId: number): AddCheck {
  if (current.includes(postingId)) return 'already';
  if (current.length >= MAX_FEATURED) return 'full';
  return 'ok';
}

export type ReorderCheck = 'ok' | 'duplicate' | 'stale';

/**
 * A new order must name exactly the postings the room holds now, each once: anything else was made
 * from a stale list (another console added or removed one meanwhile) and would lose or revive one.
 */
export function checkReorder(current: readonly number[], requested: readonly number[]): ReorderCheck {
  if (new Set(requested).size !== requested.length) return 'duplicate';
  if (requested.length !== current.length) return 'stale';
  const held = new Set(current);
  return requested.every((id) => held.has(id)) ? 'ok' : 'stale';
}

/** The position after the last one (positions may have gaps after removals). */
export const nextPosition = (positions: readonly number[]): number => positions.reduce((max, p) => Math.max(max, p + 1), 0);

/** The featured postings in live order (position, then id for equal positions), the pinned one marked. */
export function arrangeRoom<T extends { id: number; position: number }>(featured: readonly T[], pinnedId: number | null): (T & { pinned: boolean })[] {
  return [...featured]
    .sort((a, b) => a.position - b.position || a.id - b.id)
    .map((p) => ({ ...p, pinned: p.id === pinnedId }));
}
