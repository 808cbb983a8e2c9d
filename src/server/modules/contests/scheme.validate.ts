// The marking scheme's rules (issue 6 §2): major items → sub-items with a stated maximum →
// aspects of three kinds. Pure: every problem of a submitted scheme is returned at once, each with
// its path (items.2.aspects.1.max) and a catalogue key, so the editor and the import can name them all.

export type AspectType = 'measurement' | 'judgement' | 'deduction';
export const ASPECT_TYPES: readonly AspectType[] = ['measurement', 'judgement', 'deduction'];

export interface DeductionInput { code: string; text: string; points: number }
export interface AspectInput {
  code: string;
  type: AspectType;
  max: number;
  description?: string;
  /** judgement: the written descriptors of 0, 1, 2 and 3. */
  descriptors?: string[] | null;
  /** deduction: the listed deductions. */
  deductions?: DeductionInput[] | null;
  /** judgement: how many judges score it (J). */
  judges?: number | null;
}
export interface ItemInput {
  code: string;
  name: string;
  /** The major item's code for a sub-item; null/absent for a major item. */
  parent?: string | null;
  /** Sub-items: the stated maximum the aspects must add up to. */
  max?: number | null;
  isTimed?: boolean;
  timeLimitSeconds?: number | null;
  aspects?: AspectInput[];
}
export interface SchemeInput { items: ItemInput[] }

export type SchemeIssueCode =
  | 'contest.scheme.item_code' | 'contest.scheme.aspect_code' | 'contest.scheme.deduction_code' | 'contest.scheme.duplicate_code'
  | 'contest.scheme.name' | 'contest.scheme.max' | 'contest.scheme.max_missing' | 'contest.scheme.max_on_major'
  | 'contest.scheme.sum_mismatch' | 'contest.scheme.no_sub_items' | 'contest.scheme.no_aspects' | 'contest.scheme.aspects_on_major'
  | 'contest.scheme.parent_unknown' | 'contest.scheme.parent_not_major' | 'contest.scheme.descriptors' | 'contest.scheme.descriptor_text'
  | 'contest.scheme.judges' | 'contest.scheme.no_deductions' | 'contest.scheme.deduction_points' | 'contest.scheme.deduction_over_max'
  | 'contest.scheme.deduction_text' | 'contest.scheme.description' | 'contest.scheme.time_limit' | 'contest.scheme.time_limit_untimed'
  | 'contest.scheme.empty' | 'contest.scheme.too_many' | 'contest.scheme.not_for_type';

export interface SchemeIssue { path: string; code: SchemeIssueCode; params?: Record<string, string | number> }

// The database's own code patterns (migration 0009): items up to 16 characters, aspects up to 20.
export const ITEM_CODE = /^[A-Za-z0-9][A-Za-z0-9.-]{0,15}$/;
export const ASPECT_CODE = /^[A-Za-z0-9][A-Za-z0-9.-]{0,19}$/;
export const DEDUCTION_CODE = /^[A-Za-z0-9][A-Za-z0-9.-]{0,9}$/;
/** numeric(7,2): at most 99999.99. */
export const MAX_POINTS = 99_999.99;
/** contest_aspects.judges BETWEEN 1 AND 15. */
export const MAX_JUDGES = 15;
export const LIMITS = { items: 200, aspects: 50, deductions: 50, name: 50, description: 500, descriptor: 200, deductionText: 100 } as const;
/** Measurement and deduction aspects are entered twice by two judges (double entry, issue 6 §3). */
export const DOUBLE_ENTRY_JUDGES = 2;

/** Points in hundredths when `x` is a positive number with at most 2 decimals, else null. */
export function toCents(x: unknown): number | null {
  if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0 || x > MAX_POINTS) return null;
  const cents = Math.round(x * 100);
  return Math.abs(cents / 100 - x) < 1e-9 ? cents : null;
}

const fmt = (cents: number): string => (cents / 100).toString();

// Deduction entries are written "D1 未戴安全帽 2；D2 工具掉落 0.5" in the spreadsheet: their text
// may not hold the separators or line breaks, so an export always re-imports the same.
const DEDUCTION_TEXT_FORBIDDEN = /[;；\r\n]/;

/** Every problem of a scheme, in the order of the input; an empty list means it may be stored. */
export function validateScheme(input: SchemeInput): SchemeIssue[] {
  const issues: SchemeIssue[] = [];
  const add = (path: string, code: SchemeIssueCode, params?: SchemeIssue['params']) => issues.push(params ? { path, code, params } : { path, code });
  if (input.items.length > LIMITS.items) add('items', 'contest.scheme.too_many', { max: LIMITS.items });
  if (input.items.length === 0) add('items', 'contest.scheme.empty');

  const majors = new Map<string, number>();
  const itemCodes = new Map<string, number>();
  for (const [i, item] of input.items.entries()) {
    const code = item.code;
    if (itemCodes.has(code)) add(`items.${i}.code`, 'contest.scheme.duplicate_code', { code });
    else itemCodes.set(code, i);
    if (!item.parent) majors.set(code, i);
  }
  const subCount = new Map<string, number>();
  const aspectCodes = new Set<string>();

  for (const [i, item] of input.items.entries()) {
    const at = `items.${i}`;
    const isMajor = !item.parent;
    if (!ITEM_CODE.test(item.code)) add(`${at}.code`, 'contest.scheme.item_code');
    if (item.name.trim().length < 1 || item.name.length > LIMITS.name) add(`${at}.name`, 'contest.scheme.name', { max: LIMITS.name });
    const aspects = item.aspects ?? [];
    if (isMajor) {
      // A major item (配电检修) only groups sub-items; marks and timing belong to its sub-items.
      if (item.max !== undefined && item.max !== null) add(`${at}.max`, 'contest.scheme.max_on_major');
      if (aspects.length) add(`${at}.aspects`, 'contest.scheme.aspects_on_major');
      continue;
    }
    if (!majors.has(item.parent!)) {
      add(`${at}.parent`, itemCodes.has(item.parent!) ? 'contest.scheme.parent_not_major' : 'contest.scheme.parent_unknown', { code: item.parent! });
    } else subCount.set(item.parent!, (subCount.get(item.parent!) ?? 0) + 1);

    const itemCents = item.max === undefined || item.max === null ? undefined : toCents(item.max);
    if (item.max === undefined || item.max === null) add(`${at}.max`, 'contest.scheme.max_missing');
    else if (itemCents === null) add(`${at}.max`, 'contest.scheme.max', { max: MAX_POINTS });
    if (item.timeLimitSeconds !== undefined && item.timeLimitSeconds !== null) {
      if (!Number.isInteger(item.timeLimitSeconds) || item.timeLimitSeconds <= 0 || item.timeLimitSeconds > 86_400) add(`${at}.timeLimitSeconds`, 'contest.scheme.time_limit');
      else if (!item.isTimed) add(`${at}.timeLimitSeconds`, 'contest.scheme.time_limit_untimed');
    }
    if (aspects.length === 0) add(`${at}.aspects`, 'contest.scheme.no_aspects');
    if (aspects.length > LIMITS.aspects) add(`${at}.aspects`, 'contest.scheme.too_many', { max: LIMITS.aspects });

    let sum = 0;
    let sumKnown = true;
    for (const [j, aspect] of aspects.entries()) {
      const ap = `${at}.aspects.${j}`;
      const problems = validateAspect(aspect, ap, aspectCodes, itemCodes);
      issues.push(...problems.issues);
      if (problems.cents === null) sumKnown = false;
      else sum += problems.cents;
    }
    // The aspects' maxima add up to the sub-item's stated maximum (issue 6, bad input).
    if (itemCents !== null && itemCents !== undefined && aspects.length && sumKnown && sum !== itemCents) {
      add(`${at}.max`, 'contest.scheme.sum_mismatch', { sum: fmt(sum), max: fmt(itemCents) });
    }
  }
  for (const [code, i] of majors) if (!subCount.get(code)) add(`items.${i}`, 'contest.scheme.no_sub_items', { code });
  return issues;
}

function validateAspect(aspect: AspectInput, ap: string, seen: Set<string>, itemCodes: Map<string, number>): { issues: SchemeIssue[]; cents: number | null } {
  const issues: SchemeIssue[] = [];
  const add = (path: string, code: SchemeIssueCode, params?: SchemeIssue['params']) => issues.push(params ? { path, code, params } : { path, code });
  if (!ASPECT_CODE.test(aspect.code)) add(`${ap}.code`, 'contest.scheme.aspect_code');
  // Aspect codes are unique in the contest and never an item's code (marks and results name them alone).
  else if (seen.has(aspect.code) || itemCodes.has(aspect.code)) add(`${ap}.code`, 'contest.scheme.duplicate_code', { code: aspect.code });
  seen.add(aspect.code);
  const cents = toCents(aspect.max);
  if (cents === null) add(`${ap}.max`, 'contest.scheme.max', { max: MAX_POINTS });
  if ((aspect.description ?? '').length > LIMITS.description) add(`${ap}.description`, 'contest.scheme.description', { max: LIMITS.description });

  if (aspect.type === 'judgement') {
    // Each of J judges gives 0–3 against four written descriptors (issue 6 §2).
    const d = aspect.descriptors ?? [];
    if (d.length !== 4) add(`${ap}.descriptors`, 'contest.scheme.descriptors');
    else d.forEach((text, k) => { if (text.trim().length < 1 || text.length > LIMITS.descriptor) add(`${ap}.descriptors.${k}`, 'contest.scheme.descriptor_text', { max: LIMITS.descriptor }); });
    const j = aspect.judges;
    if (j === undefined || j === null || !Number.isInteger(j) || j < 1 || j > MAX_JUDGES) add(`${ap}.judges`, 'contest.scheme.judges', { max: MAX_JUDGES });
  } else if (aspect.descriptors?.length) add(`${ap}.descriptors`, 'contest.scheme.not_for_type');

  if (aspect.type === 'deduction') {
    // Full marks minus the listed deductions (扣分), floored at 0: the list is the rule.
    const list = aspect.deductions ?? [];
    if (list.length === 0) add(`${ap}.deductions`, 'contest.scheme.no_deductions');
    if (list.length > LIMITS.deductions) add(`${ap}.deductions`, 'contest.scheme.too_many', { max: LIMITS.deductions });
    const codes = new Set<string>();
    for (const [k, d] of list.entries()) {
      const dp = `${ap}.deductions.${k}`;
      if (!DEDUCTION_CODE.test(d.code)) add(`${dp}.code`, 'contest.scheme.deduction_code');
      else if (codes.has(d.code)) add(`${dp}.code`, 'contest.scheme.duplicate_code', { code: d.code });
      codes.add(d.code);
      if (d.text.trim().length < 1 || d.text.length > LIMITS.deductionText || DEDUCTION_TEXT_FORBIDDEN.test(d.text)) add(`${dp}.text`, 'contest.scheme.deduction_text', { max: LIMITS.deductionText });
      const points = toCents(d.points);
      if (points === null) add(`${dp}.points`, 'contest.scheme.deduction_points');
      else if (cents !== null && points > cents) add(`${dp}.points`, 'contest.scheme.deduction_over_max', { points: fmt(points), max: fmt(cents) });
    }
  } else if (aspect.deductions?.length) add(`${ap}.deductions`, 'contest.scheme.not_for_type');
  return { issues, cents };
}

/** The judges count stored with an aspect: J for judgement, two entries otherwise. */
export const storedJudges = (aspect: AspectInput): number => (aspect.type === 'judgement' ? aspect.judges ?? 1 : DOUBLE_ENTRY_JUDGES);
