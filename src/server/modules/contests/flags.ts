// The pure rules of score entry (issue 6 §3): what a judge may enter for an aspect, when an
// aspect's entries are complete or flagged, and what still stands between a sub-item and its lock.
// Values are handled as whole cents (marks have 2 decimals), so no float ever decides a rule.

export type AspectType = 'measurement' | 'judgement' | 'deduction';

export interface AspectRule {
  id: number;
  code: string;
  type: AspectType;
  /** The aspect's maximum, in cents. */
  maxCents: number;
  /** judgement: how many judges score it (J); others always take two entries (double entry). */
  judges: number;
  /** deduction: the listed deductions (points in cents). */
  deductions: { code: string; pointsCents: number }[];
}

export interface Entry { judgeId: string; cents: number; at: Date }

export type Refusal =
  | { code: 'contest.scores.value_range'; params: { aspect: string; min: string; max: string } }
  | { code: 'contest.scores.value_decimals'; params: { aspect: string } }
  | { code: 'contest.scores.judgement_whole'; params: { aspect: string } }
  | { code: 'contest.scores.deduction_unknown'; params: { aspect: string; code: string } }
  | { code: 'contest.scores.deduction_required'; params: { aspect: string } };

/** Cents of a JS number with at most 2 decimals; null when it has more (marks keep 2 decimals — migration 0009 numeric(7,2)). */
export function toCents(x: number): number | null {
  if (!Number.isFinite(x)) return null;
  const c = Math.round(x * 100);
  return Math.abs(x * 100 - c) < 1e-6 ? c : null;
}

/** Cents from a numeric column's text ("-2.50" → -250), exactly. */
export function centsOf(text: string): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) throw new RangeError(`not a 2-decimal number: ${text}`);
  const c = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -c : c;
}

/** "2.5" style text of cents, as the API shows marks. */
export const formatCents = (c: number): string => {
  const sign = c < 0 ? '-' : '';
  const a = Math.abs(c);
  const frac = a % 100;
  return `${sign}${Math.floor(a / 100)}${frac ? `.${String(frac).padStart(2, '0').replace(/0$/, '')}` : ''}`;
};

/** numeric(7,2) text of cents for the database. */
export const dbCents = (c: number): string => (c / 100).toFixed(2);

export type MarkInput = { value?: number | undefined; deductions?: { code: string; count?: number | undefined }[] | undefined };

/**
 * Checks one entry against its aspect and gives the value to store (cents) and the deductions
 * applied, or the refusal naming the aspect and its allowed range.
 */
export function checkEntry(aspect: AspectRule, input: MarkInput): { ok: true; cents: number; deductions: { code: string; count: number }[] | null } | { ok: false; refusal: Refusal } {
  const max = formatCents(aspect.maxCents);
  if (aspect.type === 'deduction') {
    // 扣分: the judge ticks listed deductions; the mark is minus their sum, never below −max (full marks floored at 0 — issue 6 §2).
    const picked = input.deductions;
    if (!picked) return { ok: false, refusal: { code: 'contest.scores.deduction_required', params: { aspect: aspect.code } } };
    const merged = new Map<string, number>();
    let sum = 0;
    for (const d of picked) {
      const listed = aspect.deductions.find((l) => l.code === d.code);
      if (!listed) return { ok: false, refusal: { code: 'contest.scores.deduction_unknown', params: { aspect: aspect.code, code: d.code } } };
      const count = d.count ?? 1;
      merged.set(d.code, (merged.get(d.code) ?? 0) + count);
      sum += listed.pointsCents * count;
    }
    return { ok: true, cents: sum === 0 ? 0 : -Math.min(sum, aspect.maxCents), deductions: [...merged].map(([code, count]) => ({ code, count })) };
  }
  const value = input.value;
  const cents = value === undefined ? null : toCents(value);
  if (aspect.type === 'judgement') {
    // Each judge gives a whole 0–3 against the written descriptors; a 4 is refused (issue 6 §2, bad input).
    if (value === undefined || !Number.isInteger(value)) return { ok: false, refusal: { code: 'contest.scores.judgement_whole', params: { aspect: aspect.code } } };
    if (value < 0 || value > 3) return { ok: false, refusal: { code: 'contest.scores.value_range', params: { aspect: aspect.code, min: '0', max: '3' } } };
    return { ok: true, cents: value * 100, deductions: null };
  }
  // measurement: a judge gives 0..max with at most 2 decimals (issue 6 §2; marks outside 0..max are bad input).
  if (value === undefined || cents === null) return { ok: false, refusal: { code: 'contest.scores.value_decimals', params: { aspect: aspect.code } } };
  if (cents < 0 || cents > aspect.maxCents) return { ok: false, refusal: { code: 'contest.scores.value_range', params: { aspect: aspect.code, min: '0', max } } };
  return { ok: true, cents, deductions: null };
}

/** How many entries an aspect takes per contestant: J for judgement, two (double entry) otherwise — issue 6 §3. */
export const entriesNeeded = (aspect: Pick<AspectRule, 'type' | 'judges'>): number => (aspect.type === 'judgement' ? aspect.judges : 2);

/** Whether one more entry by `judgeId` is allowed: one per judge, and no more than the aspect takes (a third double entry is refused). */
export function entrySlot(aspect: Pick<AspectRule, 'type' | 'judges'>, entries: readonly Pick<Entry, 'judgeId'>[], judgeId: string): 'ok' | 'duplicate' | 'full' {
  if (entries.some((e) => e.judgeId === judgeId)) return 'duplicate';
  if (entries.length >= entriesNeeded(aspect)) return 'full';
  return 'ok';
}

export type FlagKind = 'mismatch' | 'spread';

/**
 * The flag an aspect's entries raise, computed (never stored): double entries that differ
 * (mismatch — issue 6 §3 "a second entry must match or the pair is flagged"); judgement scores of
 * which any two differ by more than 1 (spread — "flagged for discussion").
 */
export function flagOf(aspect: Pick<AspectRule, 'type'>, entries: readonly Pick<Entry, 'cents'>[]): FlagKind | null {
  if (entries.length < 2) return null;
  const values = entries.map((e) => e.cents);
  if (aspect.type === 'judgement') return Math.max(...values) - Math.min(...values) > 100 ? 'spread' : null;
  return values.some((v) => v !== values[0]) ? 'mismatch' : null;
}

/**
 * A flag stays open until the chief judge resolves it with a note; a change to an entry after the
 * resolution opens it again (the discussion was about other values). A mismatch is only cleared by
 * a change that makes the two entries agree: its resolution does not make the aspect complete.
 */
export function isFlagOpen(flag: FlagKind | null, entries: readonly Pick<Entry, 'at'>[], resolvedAt: Date | null): boolean {
  if (!flag) return false;
  if (flag === 'mismatch' || !resolvedAt) return true;
  return entries.some((e) => e.at.getTime() > resolvedAt.getTime());
}

/** Complete: double entry has two agreeing entries; judgement has its J scores (issue 6 §3, lock condition). */
export function isComplete(aspect: Pick<AspectRule, 'type' | 'judges'>, entries: readonly Pick<Entry, 'cents'>[]): boolean {
  if (entries.length < entriesNeeded(aspect)) return false;
  return aspect.type === 'judgement' || entries.every((e) => e.cents === entries[0]!.cents);
}

export interface LockGap { workNumber: string; aspects: string[] }

/**
 * What stands between a sub-item and its lock: for every finalist, the aspects not complete or with
 * an open flag, and a missing time when the sub-item is timed ('time' stands in for the aspect code).
 */
export function lockGaps(input: {
  aspects: readonly AspectRule[];
  contestants: readonly { id: number; workNumber: string }[];
  entries: ReadonlyMap<string, readonly Entry[]>; // `${aspectId}:${contestantId}`
  resolvedAt: ReadonlyMap<string, Date>;
  timed: boolean;
  timedIds: ReadonlySet<number>;
}): LockGap[] {
  const gaps: LockGap[] = [];
  for (const c of input.contestants) {
    const missing: string[] = [];
    for (const a of input.aspects) {
      const key = `${a.id}:${c.id}`;
      const entries = input.entries.get(key) ?? [];
      if (!isComplete(a, entries) || isFlagOpen(flagOf(a, entries), entries, input.resolvedAt.get(key) ?? null)) missing.push(a.code);
    }
    if (input.timed && !input.timedIds.has(c.id)) missing.push('time');
    if (missing.length) gaps.push({ workNumber: c.workNumber, aspects: missing });
  }
  return gaps;
}

/**
 * The 409's account of what is missing: the first 20 contestants with aspects to finish as
 * "001: A1.1, A1.2", how many contestants in all, and how many of them lack only or also a time.
 */
export function describeGaps(gaps: readonly LockGap[]): { list: string; count: number; times: number } {
  const withAspects = gaps.map((g) => ({ workNumber: g.workNumber, aspects: g.aspects.filter((a) => a !== 'time') })).filter((g) => g.aspects.length);
  return {
    list: withAspects.slice(0, 20).map((g) => `${g.workNumber}: ${g.aspects.join(', ')}`).join('; '),
    count: gaps.length,
    times: gaps.filter((g) => g.aspects.includes('time')).length,
  };
}
