// Pure validators shared by server and web; no I/O.

/** Mainland China mobile numbers: 11 digits, 1 then 3–9 (MIIT numbering plan). */
export function isMainlandMobile(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value);
}

/** Strip spaces, dashes and a +86/0086 prefix so that one person's phone always looks alike. */
export function normalizePhone(value: string): string {
  const digits = value.replace(/[\s-]/g, '');
  return digits.replace(/^(\+86|0086)/, '');
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character of an 18-digit 身份证号 from its first 17 digits (GB 11643-1999 ISO 7064 MOD 11-2). */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] ?? '';
}

/** A valid 18-character 身份证号: digits, a real birth date, and the GB 11643 check character. */
export function isValidIdCard(raw: string): boolean {
  const value = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (
    year < 1900 ||
    birth.getUTCFullYear() !== year ||
    birth.getUTCMonth() !== month - 1 ||
    birth.getUTCDate() !== day ||
    birth.getTime() > Date.now()
  ) {
    return false;
  }
  return idCardCheckChar(value.slice(0, 17)) === value[17];
}

/** 138****1234: keep the first 3 and last 4 digits of a phone. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** 5101**********123X: keep the 4-digit region prefix and the last 4 characters of an ID number. */
export function maskIdCard(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** 张*丰 / 李*: keep the surname (and the last character of names of three or more). */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export const USERNAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{2,31}$/;

/** At least 8 characters with a letter and a digit. */
export function isAcceptablePassword(value: string): boolean {
  return value.length >= 8 && /[A-Za-z]/.test(value) && /\d/.test(value);
}
