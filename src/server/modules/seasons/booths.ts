// Booth assignment for a fair (issue 5 §3): free booths are filled in floor order (zone, row,
// column) with the waiting employers grouped by industry, so a visitor looking for 机械制造 finds
// those employers side by side. Staff then drag to adjust. Pure: the service loads and writes.

export interface BoothSlot { id: number; zone: number; row: number; col: number; taken: boolean }
export interface Waiting { id: number; industry: string; name: string }

export interface BoothPlan {
  assignments: { signupId: number; boothId: number }[];
  /** More employers than free booths: these wait for booths to be added or freed. */
  unplaced: number[];
}

export function assignBooths(booths: BoothSlot[], waiting: Waiting[]): BoothPlan {
  const free = booths.filter((b) => !b.taken).sort((a, b) => a.zone - b.zone || a.row - b.row || a.col - b.col);
  // Larger industries first (they fill whole rows), then by industry code; within one, by name.
  const size = new Map<string, number>();
  for (const w of waiting) size.set(w.industry, (size.get(w.industry) ?? 0) + 1);
  const order = [...waiting].sort((a, b) => size.get(b.industry)! - size.get(a.industry)! || a.industry.localeCompare(b.industry) || a.name.localeCompare(b.name, 'zh-CN') || a.id - b.id);
  const assignments = order.slice(0, free.length).map((w, i) => ({ signupId: w.id, boothId: free[i]!.id }));
  return { assignments, unplaced: order.slice(free.length).map((w) => w.id) };
}
