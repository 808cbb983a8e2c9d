/**
 * Exact rational arithmetic on BigInt for the contest scoring (no float drift): every number from
 * the input is read through its shortest decimal spelling (2.675 is 2675/1000, not 2.67499999…).
 */
export interface Q { n: bigint; d: bigint } // d > 0, not necessarily reduced

const abs = (x: bigint) => (x < 0n ? -x : x);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a); b = abs(b);
  while (b) [a, b] = [b, a % b];
  return a || 1n;
}
function norm(n: bigint, d: bigint): Q {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) { n = -n; d = -d; }
  const g = gcd(n, d);
  return { n: n / g, d: d / g };
}

export const ZERO: Q = { n: 0n, d: 1n };
export const int = (k: number | bigint): Q => ({ n: BigInt(k), d: 1n });

/** A finite JS number as the exact value of its shortest decimal spelling; null if not finite. */
export function fromNumber(x: number): Q | null {
  if (typeof x !== 'number' || !Number.isFinite(x)) return null;
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(x));
  if (!m) return null;
  const frac = m[3] ?? '';
  let n = BigInt(m[2] + frac);
  let d = 10n ** BigInt(frac.length);
  const exp = Number(m[4] ?? 0);
  if (exp >= 0) n *= 10n ** BigInt(exp);
  else d *= 10n ** BigInt(-exp);
  return norm(m[1] ? -n : n, d);
}

export const add = (a: Q, b: Q): Q => norm(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Q, b: Q): Q => norm(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Q, b: Q): Q => norm(a.n * b.n, a.d * b.d);
export const div = (a: Q, b: Q): Q => norm(a.n * b.d, a.d * b.n);
export const cmp = (a: Q, b: Q): number => { const x = a.n * b.d - b.n * a.d; return x < 0n ? -1 : x > 0n ? 1 : 0; };
export const sum = (xs: Q[]): Q => xs.reduce(add, ZERO);
export const mean = (xs: Q[]): Q => div(sum(xs), int(xs.length));
export const max = (a: Q, b: Q): Q => (cmp(a, b) >= 0 ? a : b);

/** Round half-up (half away from zero) to 2 decimals — issue 6 §4. */
export function round2(a: Q): Q {
  const neg = a.n < 0n;
  const n = abs(a.n) * 100n;
  const q = (2n * n + a.d) / (2n * a.d); // floor(n/d + 1/2)
  return norm(neg ? -q : q, 100n);
}

/** floor(sqrt(k)) for k ≥ 0. */
function isqrt(k: bigint): bigint {
  if (k < 2n) return k;
  let x = BigInt(Math.floor(Math.sqrt(Number(k))));
  while (x * x > k) x -= 1n;
  while ((x + 1n) * (x + 1n) <= k) x += 1n;
  return x;
}

/** sqrt(a) rounded half-up to 2 decimals, exactly (a ≥ 0): k = round(sqrt(a·10⁴)) ⇔ k ≤ s < k + ½. */
export function sqrtRound2(a: Q): Q {
  const s = norm(a.n * 10_000n, a.d); // sqrt(s) = 100·sqrt(a)
  let k = isqrt(s.n / s.d); // floor(sqrt(s)) = isqrt(floor(s))
  // round up when sqrt(s) ≥ k + ½ ⇔ 4s ≥ (2k + 1)²
  if (4n * s.n >= (2n * k + 1n) ** 2n * s.d) k += 1n;
  return norm(k, 100n);
}

/** The 2-decimal value as a JS number (the nearest double prints as the same decimal). */
export function toNumber(a: Q): number {
  const r = round2(a);
  const neg = r.n < 0n;
  const cents = abs(r.n) * (100n / r.d);
  const s = `${neg ? '-' : ''}${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
  return Number(s);
}
