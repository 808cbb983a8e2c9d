import { createHash, randomBytes } from 'node:crypto';

// Lot drawing (抽签) of the final's anonymous work numbers (issue 6 §1). The seed is random and
// recorded (contests.lots_seed); the draw is a deterministic shuffle of it, so anyone holding the
// seed and the list of finalists can re-check every number.

/** A fresh seed: 128 random bits as hex. */
export const newLotsSeed = (): string => randomBytes(16).toString('hex');

/** An endless stream of unsigned 32-bit values: SHA-256(seed ":" counter), eight words a block. */
function* words(seed: string): Generator<number> {
  for (let counter = 0; ; counter += 1) {
    const block = createHash('sha256').update(`${seed}:${counter}`).digest();
    for (let i = 0; i < 32; i += 4) yield block.readUInt32BE(i);
  }
}

/** A uniform integer in [0, bound) by rejection (no modulo bias). */
function below(stream: Generator<number>, bound: number): number {
  const limit = Math.floor(0x1_0000_0000 / bound) * bound;
  for (;;) {
    const w = stream.next().value as number;
    if (w < limit) return w % bound;
  }
}

/** Work numbers '001', '002' … (at least three digits, more for a field of 1,000 or more). */
export const formatWorkNumber = (n: number, count: number): string => String(n).padStart(Math.max(3, String(count).length), '0');

/**
 * The draw: finalists in ascending id order, shuffled by Fisher–Yates driven by the seed; the
 * finalist at position i gets work number i + 1. Same seed and same finalists → same numbers.
 */
export function drawWorkNumbers(seed: string, contestantIds: readonly number[]): { contestantId: number; workNumber: string }[] {
  const order = [...new Set(contestantIds)].sort((a, b) => a - b);
  const stream = words(seed);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = below(stream, i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.map((contestantId, i) => ({ contestantId, workNumber: formatWorkNumber(i + 1, order.length) }));
}
