// Salary as union spreadsheets write it: "4000-6000", "4k-6k", "4千-6千", "0.4万-0.6万",
// "4000元/月", "4000以上", "面议". Money is integer yuan per month (API.md).

export type Salary = { negotiable: true; min: null; max: null } | { negotiable: false; min: number; max: number | null };

export type SalaryParse = { ok: true; salary: Salary } | { ok: false; reason: 'format' | 'min_gt_max' | 'negative' };

const NEGOTIABLE = /^(面议|薪资面议|工资面议|待遇面议|薪酬面议|面谈|negotiable)$/i;

function amount(raw: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(k|K|千|w|W|万)?$/.exec(raw.trim());
  if (!m) return null;
  const unit = m[2]?.toLowerCase();
  const factor = unit === 'k' || unit === '千' ? 1000 : unit === 'w' || unit === '万' ? 10000 : 1;
  return Math.round(Number(m[1]) * factor);
}

/** Parse one salary cell; a bare unit after the max ("4-6k") applies to both ends. */
export function parseSalary(raw: string | number | null | undefined): SalaryParse {
  if (typeof raw === 'number') {
    return raw < 0 ? { ok: false, reason: 'negative' } : { ok: true, salary: { negotiable: false, min: Math.round(raw), max: null } };
  }
  const text = String(raw ?? '')
    .replace(/[\s,，]/g, '')
    .replace(/[－—–~～至到]/g, '-')
    .replace(/(元|块)?(\/|每)?(月|个月)$/, '')
    .replace(/元$/, '')
    .replace(/[Kk]$/, 'k');
  if (!text) return { ok: false, reason: 'format' };
  if (NEGOTIABLE.test(text)) return { ok: true, salary: { negotiable: true, min: null, max: null } };
  if (text.startsWith('-') || /^-?\d/.test(text) === false) return { ok: false, reason: text.startsWith('-') ? 'negative' : 'format' };

  const open = /^(.+?)(以上|起|\+)$/.exec(text);
  if (open) {
    const min = amount(open[1]!);
    return min === null ? { ok: false, reason: 'format' } : { ok: true, salary: { negotiable: false, min, max: null } };
  }
  const parts = text.split('-');
  if (parts.length === 1) {
    const value = amount(text);
    return value === null ? { ok: false, reason: 'format' } : { ok: true, salary: { negotiable: false, min: value, max: value } };
  }
  if (parts.length !== 2) return { ok: false, reason: 'format' };
  let [lo = '', hi = ''] = parts;
  const unit = /(k|千|w|万)$/i.exec(hi)?.[1];
  if (unit && /^\d+(\.\d+)?$/.test(lo)) lo = `${lo}${unit}`;
  const min = amount(lo);
  const max = amount(hi);
  if (min === null || max === null) return { ok: false, reason: 'format' };
  if (min > max) return { ok: false, reason: 'min_gt_max' };
  return { ok: true, salary: { negotiable: false, min, max } };
}
