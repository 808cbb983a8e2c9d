// 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from a 31-symbol
// alphabet (digits and capitals without I, O, S, V, Z); the 18th is a check character computed
// with weights 3^(i) mod 31 over the first 17.

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters (GB 32100-2015 §5). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i] ?? '');
    if (value < 0) throw new Error(`invalid character at ${i + 1}`);
    sum += value * WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET[check]!;
}

/** Upper-case and strip spaces, as people type and spreadsheets store it. */
export function normalizeCreditCode(raw: string): string {
  return raw.replace(/[\s\u3000-]/g, '').toUpperCase();
}

/** Whether a code is well-formed: alphabet, a six-digit region code at 3–8, and the check character. */
export function isValidCreditCode(raw: string): boolean {
  const code = normalizeCreditCode(raw);
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  if (!/^\d{6}$/.test(code.slice(2, 8))) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

/** The GB/T 2260 region code embedded in positions 3–8 (the registering authority's region). */
export const creditCodeRegion = (code: string): string => normalizeCreditCode(code).slice(2, 8);
