import { isValidCreditCode, normalizeCreditCode } from '../../../shared/credit-code.js';
import { findIndustryByName, findIndustryDivision, findIndustrySection } from '../../../shared/industries.js';
import type { MessageKey, MessageParams } from '../../../shared/i18n/index.js';
import { isMainlandMobile, normalizePhone } from '../../../shared/validators.js';
import type { RowIssue } from '../../platform/errors.js';
import { parseSalary } from '../jobs/salary.js';
import { findHeaderRow, REQUIRED, type ImportKind, type PostingField } from './headers.js';
import type { Cell, Sheet, SheetRow } from './read.js';

// Turning sheet rows into enterprise and posting records, naming every bad cell (issue 3 §4).

export type { RowIssue };

export type RegionLookup = (text: string) => { code: string } | { error: 'unknown' | 'ambiguous' | 'not_county' };

export interface Lookups {
  region: RegionLookup;
  jobType: (text: string) => string | undefined;
}

export interface EnterpriseRecord {
  creditCode: string;
  name: string | null;
  regionCode: string | null;
  address: string | null;
  industrySection: string | null;
  industryDivision: string | null;
  size: 'large' | 'medium' | 'small' | 'micro' | null;
  ownership: 'state' | 'collective' | 'private' | 'foreign' | 'hmt' | 'mixed' | 'other' | null;
  contactName: string | null;
  contactPhone: string | null;
  /** Which fields the file actually had (absent columns never overwrite stored values). */
  present: Set<PostingField>;
  sheet: string;
  row: number;
  /** Issues to report if this enterprise is not registered yet (its row must then carry the details). */
  missingDetails?: RowIssue[];
}

export interface PostingRecord {
  enterprise: EnterpriseRecord;
  title: string;
  jobTypeCode: string;
  headcount: number;
  salaryNegotiable: boolean;
  salaryMin: number | null;
  salaryMax: number | null;
  education: string;
  experience: string;
  workRegionCode: string | null;
  benefits: string[];
  description: string;
  contactName: string | null;
  contactPhone: string | null;
  validUntil: string | null;
  present: Set<PostingField>;
  sheet: string;
  row: number;
}

const SIZE: Record<string, EnterpriseRecord['size']> = { 大型: 'large', 大型企业: 'large', 中型: 'medium', 中型企业: 'medium', 小型: 'small', 小型企业: 'small', 微型: 'micro', 微型企业: 'micro', 小微: 'small', 小微企业: 'small' };
const OWNERSHIP: Record<string, EnterpriseRecord['ownership']> = {
  国有: 'state', 国有企业: 'state', 国企: 'state', 央企: 'state', 集体: 'collective', 集体企业: 'collective',
  民营: 'private', 民营企业: 'private', 私营: 'private', 私营企业: 'private', 个体: 'private',
  外资: 'foreign', 外资企业: 'foreign', 外商投资企业: 'foreign', 中外合资: 'foreign',
  港澳台: 'hmt', 港澳台投资企业: 'hmt', 港澳台企业: 'hmt', 混合所有制: 'mixed', 股份制: 'mixed', 股份制企业: 'mixed', 其他: 'other',
};
const EDUCATION: Record<string, string> = {
  不限: 'none', 无: 'none', 学历不限: 'none', 初中: 'junior_high', 初中及以上: 'junior_high', 高中: 'senior_high', 高中及以上: 'senior_high',
  中专: 'vocational', 技校: 'vocational', 中专技校: 'vocational', '中专/技校': 'vocational', 职高: 'vocational', 中专及以上: 'vocational',
  大专: 'associate', 专科: 'associate', 大专及以上: 'associate', 本科: 'bachelor', 本科及以上: 'bachelor', 硕士: 'master', 研究生: 'master', 博士: 'doctor',
};
const EXPERIENCE: Record<string, string> = {
  不限: 'none', 无: 'none', 经验不限: 'none', 无经验: 'none', 应届: 'none', '1年以下': 'lt1', 一年以下: 'lt1',
  '1-3年': '1to3', '1~3年': '1to3', '1年以上': '1to3', '3-5年': '3to5', '3年以上': '3to5', '5-10年': '5to10', '5年以上': '5to10', '10年以上': 'gt10',
};

const text = (cell: Cell | undefined): string => {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'object') return '';
  return String(cell).trim();
};

/** Excel dates, 2023-05-31, 2023/5/31, 2023.5.31, 2023年5月31日 → yyyy-mm-dd. */
export function parseDate(cell: Cell | undefined): string | null | 'invalid' {
  if (cell === null || cell === undefined || cell === '') return null;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? 'invalid' : cell.toISOString().slice(0, 10);
  if (typeof cell === 'number') {
    // Excel serial date (days since 1899-12-30).
    const d = new Date(Date.UTC(1899, 11, 30) + Math.round(cell) * 86_400_000);
    return cell > 20_000 && cell < 80_000 ? d.toISOString().slice(0, 10) : 'invalid';
  }
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(String(cell).trim());
  if (!m) return 'invalid';
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const check = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== iso ? 'invalid' : iso;
}

/** 制造业, C, C36, 36, 汽车制造业 → section and division. */
export function parseIndustry(value: string): { section: string; division: string | null } | undefined {
  const v = value.replace(/\s/g, '').toUpperCase();
  const byCode = /^([A-T])?(\d{2})?$/.exec(v);
  if (byCode && (byCode[1] || byCode[2])) {
    if (byCode[2]) {
      const d = findIndustryDivision(byCode[2]);
      if (!d || (byCode[1] && d.section !== byCode[1])) return undefined;
      return { section: d.section, division: d.code };
    }
    return findIndustrySection(byCode[1]!) ? { section: byCode[1]!, division: null } : undefined;
  }
  return findIndustryByName(value) ?? undefined;
}

interface Collector {
  issues: RowIssue[];
  add(row: number, column: string, code: MessageKey, params?: MessageParams): void;
}

function collector(sheet: string): Collector {
  const issues: RowIssue[] = [];
  return { issues, add: (row, column, code, params) => issues.push({ sheet, row, column, code, ...(params ? { params } : {}) }) };
}

interface RowView {
  number: number;
  get(field: PostingField): Cell | undefined;
  has(field: PostingField): boolean;
  header(field: PostingField): string;
}

export const FIELD_LABEL: Record<PostingField, string> = {
  creditCode: '统一社会信用代码', name: '企业名称', region: '所在区县', address: '企业地址', industry: '所属行业', size: '企业规模',
  ownership: '企业性质', contactName: '联系人', contactPhone: '联系电话', title: '岗位名称', jobType: '工种', headcount: '招聘人数',
  salary: '薪资', salaryMin: '最低薪资', salaryMax: '最高薪资', education: '学历要求', experience: '工作经验', workRegion: '工作地点',
  benefits: '福利待遇', description: '岗位描述', postingContactName: '岗位联系人', postingContactPhone: '岗位联系电话', validUntil: '有效期至',
};

/** Formula cells are refused: their value is whatever Excel last computed, which may be stale. */
function rejectFormulas(r: RowView, fields: PostingField[], c: Collector): boolean {
  let found = false;
  for (const f of fields) {
    const cell = r.get(f);
    if (cell && typeof cell === 'object' && !(cell instanceof Date)) {
      c.add(r.number, r.header(f), 'imports.formula');
      found = true;
    }
  }
  return found;
}

function readEnterprise(r: RowView, sheet: string, lookups: Lookups, c: Collector, requireDetails: boolean): EnterpriseRecord | undefined {
  const before = c.issues.length;
  const present = new Set<PostingField>((['creditCode', 'name', 'region', 'address', 'industry', 'size', 'ownership', 'contactName', 'contactPhone'] as const).filter((f) => r.has(f)));
  const rawCode = text(r.get('creditCode'));
  const creditCode = normalizeCreditCode(rawCode);
  if (!rawCode) c.add(r.number, r.header('creditCode'), 'imports.required', { column: r.header('creditCode') });
  else if (!isValidCreditCode(creditCode)) c.add(r.number, r.header('creditCode'), 'validation.credit_code');
  const name = text(r.get('name')) || null;
  if (requireDetails && !name) c.add(r.number, r.header('name'), 'imports.required', { column: r.header('name') });
  if (name && (name.length < 2 || name.length > 100)) c.add(r.number, r.header('name'), 'imports.length', { min: 2, max: 100 });

  let regionCode: string | null = null;
  const regionText = text(r.get('region'));
  if (regionText) {
    const found = lookups.region(regionText);
    if ('code' in found) regionCode = found.code;
    else c.add(r.number, r.header('region'), `imports.region_${found.error}`, { value: regionText });
  } else if (requireDetails) c.add(r.number, r.header('region'), 'imports.required', { column: r.header('region') });

  let industry: { section: string; division: string | null } | undefined;
  const industryText = text(r.get('industry'));
  if (industryText) {
    industry = parseIndustry(industryText);
    if (!industry) c.add(r.number, r.header('industry'), 'imports.industry_unknown', { value: industryText });
  } else if (requireDetails) c.add(r.number, r.header('industry'), 'imports.required', { column: r.header('industry') });

  const sizeText = text(r.get('size'));
  const size = sizeText ? SIZE[sizeText] : null;
  if (sizeText && !size) c.add(r.number, r.header('size'), 'imports.choice', { value: sizeText, options: '大型、中型、小型、微型' });
  const ownershipText = text(r.get('ownership'));
  const ownership = ownershipText ? OWNERSHIP[ownershipText] : null;
  if (ownershipText && !ownership) c.add(r.number, r.header('ownership'), 'imports.choice', { value: ownershipText, options: '国有、集体、民营、外资、港澳台、混合所有制、其他' });
  const phone = readPhone(r, 'contactPhone', c);
  if (c.issues.length > before) return undefined;
  return {
    creditCode, name, regionCode, address: text(r.get('address')) || null, industrySection: industry?.section ?? null,
    industryDivision: industry?.division ?? null, size: size ?? null, ownership: ownership ?? null,
    contactName: text(r.get('contactName')) || null, contactPhone: phone, present, sheet, row: r.number,
  };
}

function readPhone(r: RowView, field: PostingField, c: Collector): string | null {
  const raw = r.get(field);
  const value = typeof raw === 'number' ? String(raw) : text(raw);
  if (!value) return null;
  const phone = normalizePhone(value);
  if (!isMainlandMobile(phone)) {
    c.add(r.number, r.header(field), 'validation.phone');
    return null;
  }
  return phone;
}

export interface RowParser<T> {
  /** Feed one row of a sheet; returns the records it completes (rows wait until the header is known). */
  push(sheet: string, row: SheetRow): T[];
  /** Every issue of the file so far; after `finish`, including a missing header. */
  issues: RowIssue[];
  finish(): T[];
}

const HEADER_SEARCH_ROWS = 15;

/**
 * A streaming parser: rows arrive one by one (the file is never held whole); the header row is
 * the best match among the first rows of each sheet, title rows above it are skipped.
 */
function createParser<T>(kind: ImportKind, noHeaderColumns: string, readRow: (r: RowView, sheet: string, c: Collector) => T | undefined): RowParser<T> {
  const issues: RowIssue[] = [];
  let current: { name: string; buffer: SheetRow[]; view?: (row: SheetRow) => RowView; skip?: boolean } | undefined;
  let anyHeader = false;
  let firstSheet: string | undefined;
  const collect = (sheet: string): Collector => ({ issues, add: (row, column, code, params) => issues.push({ sheet, row, column, code, ...(params ? { params } : {}) }) });
  const decide = (): T[] => {
    if (!current || current.view || current.skip) return [];
    const match = findHeaderRow(current.buffer, kind);
    if (!match) { current.skip = true; current.buffer = []; return []; }
    anyHeader = true;
    const c = collect(current.name);
    const byField = new Map([...match.columns].map(([index, { field, header }]) => [field, { index, header }]));
    const headerRow = current.buffer[match.rowIndex]!.number;
    for (const field of REQUIRED[kind]) {
      if (!byField.has(field)) c.add(headerRow, FIELD_LABEL[field], 'imports.missing_column', { column: FIELD_LABEL[field] });
    }
    current.view = (row) => ({
      number: row.number,
      get: (field) => { const col = byField.get(field); return col ? row.cells[col.index] : undefined; },
      has: (field) => byField.has(field),
      header: (field) => byField.get(field)?.header ?? FIELD_LABEL[field],
    });
    const rest = current.buffer.slice(match.rowIndex + 1);
    current.buffer = [];
    return rest.flatMap((row) => { const out = readRow(current!.view!(row), current!.name, c); return out === undefined ? [] : [out]; });
  };
  return {
    issues,
    push(sheet, row) {
      const out: T[] = [];
      if (current?.name !== sheet) {
        out.push(...decide());
        current = { name: sheet, buffer: [] };
        firstSheet ??= sheet;
      }
      if (current.skip) return out;
      if (current.view) {
        const record = readRow(current.view(row), sheet, collect(sheet));
        if (record !== undefined) out.push(record);
        return out;
      }
      current.buffer.push(row);
      if (current.buffer.length >= HEADER_SEARCH_ROWS) out.push(...decide());
      return out;
    },
    finish() {
      const out = decide();
      if (!anyHeader) issues.push({ sheet: firstSheet ?? '', row: 1, column: '', code: 'imports.no_header', params: { columns: noHeaderColumns } });
      return out;
    },
  };
}

/** Enterprises, one per row; a credit code twice in the file is an error on the second row. */
export function createEnterpriseParser(lookups: Lookups): RowParser<EnterpriseRecord> {
  const seen = new Map<string, number>();
  return createParser('enterprises', '企业名称、统一社会信用代码、所在区县、所属行业', (r, sheet, c) => {
    if (rejectFormulas(r, ['creditCode', 'name', 'region', 'address', 'industry', 'size', 'ownership', 'contactName', 'contactPhone'], c)) return undefined;
    const e = readEnterprise(r, sheet, lookups, c, true);
    if (!e) return undefined;
    const first = seen.get(e.creditCode);
    if (first !== undefined) { c.add(r.number, r.header('creditCode'), 'imports.duplicate_row', { row: first }); return undefined; }
    seen.set(e.creditCode, r.number);
    return e;
  });
}

/** What a row lacks to register its enterprise, should the enterprise turn out to be new. */
function missingDetails(r: RowView, sheet: string): RowIssue[] {
  return (['name', 'region', 'industry'] as const)
    .filter((f) => !text(r.get(f)))
    .map((f) => ({ sheet, row: r.number, column: r.header(f), code: 'imports.required' as MessageKey, params: { column: r.header(f) } }));
}

/**
 * Postings, one per row, each naming its enterprise by credit code (and, for one not yet
 * registered, its name, region and industry); enterprise + title twice in the file is an error.
 */
export function createPostingParser(lookups: Lookups, options: { today: string }): RowParser<PostingRecord> {
  const seen = new Map<string, number>();
  return createParser('postings', '统一社会信用代码、岗位名称、招聘人数', (r, sheet, c) => {
    if (rejectFormulas(r, ['creditCode', 'name', 'title', 'jobType', 'headcount', 'salary', 'salaryMin', 'salaryMax', 'education', 'experience', 'workRegion', 'validUntil', 'region', 'industry'], c)) return undefined;
    const before = c.issues.length;
    const enterprise = readEnterprise(r, sheet, lookups, c, false);
    const title = text(r.get('title'));
    if (!title) c.add(r.number, r.header('title'), 'imports.required', { column: r.header('title') });
    else if (title.length < 2 || title.length > 60) c.add(r.number, r.header('title'), 'imports.length', { min: 2, max: 60 });
    const jobTypeText = text(r.get('jobType'));
    const jobTypeCode = lookups.jobType(jobTypeText || title);
    if (!jobTypeCode) {
      c.add(r.number, jobTypeText ? r.header('jobType') : r.header('title'), 'postings.job_type_unknown', { value: jobTypeText || title });
    }
    const headcountCell = r.get('headcount');
    const headcount = typeof headcountCell === 'number' ? headcountCell : Number(text(headcountCell).replace(/人$/, ''));
    if (!Number.isInteger(headcount) || headcount < 1 || headcount > 100_000) {
      c.add(r.number, r.header('headcount'), 'imports.headcount', { value: text(headcountCell) || String(headcountCell ?? '') });
    }
    let salary = { negotiable: true, min: null as number | null, max: null as number | null };
    if (r.has('salaryMin') || r.has('salaryMax')) {
      const min = r.get('salaryMin');
      const max = r.get('salaryMax');
      const parsedMin = min === null || min === undefined || min === '' ? null : parseSalary(min as string | number);
      const parsedMax = max === null || max === undefined || max === '' ? null : parseSalary(max as string | number);
      if (parsedMin && !parsedMin.ok) c.add(r.number, r.header('salaryMin'), 'imports.salary', { value: text(min) });
      if (parsedMax && !parsedMax.ok) c.add(r.number, r.header('salaryMax'), 'imports.salary', { value: text(max) });
      const lo = parsedMin?.ok && !parsedMin.salary.negotiable ? parsedMin.salary.min : null;
      const hi = parsedMax?.ok && !parsedMax.salary.negotiable ? parsedMax.salary.min : null;
      if (lo !== null && hi !== null && hi < lo) c.add(r.number, r.header('salaryMax'), 'postings.salary_range');
      salary = lo === null ? { negotiable: true, min: null, max: null } : { negotiable: false, min: lo, max: hi };
    } else {
      const cell = r.get('salary');
      const raw = typeof cell === 'number' ? cell : text(cell);
      if (raw === '' ) {
        salary = { negotiable: true, min: null, max: null };
      } else {
        const parsed = parseSalary(raw);
        if (!parsed.ok) c.add(r.number, r.header('salary'), parsed.reason === 'min_gt_max' ? 'postings.salary_range' : 'imports.salary', { value: String(raw) });
        else salary = parsed.salary.negotiable ? { negotiable: true, min: null, max: null } : { negotiable: false, min: parsed.salary.min, max: parsed.salary.max };
      }
    }
    const educationText = text(r.get('education'));
    const education = educationText ? EDUCATION[educationText.replace(/\s/g, '')] : 'none';
    if (!education) c.add(r.number, r.header('education'), 'imports.choice', { value: educationText, options: '不限、初中、高中、中专/技校、大专、本科、硕士、博士' });
    const experienceText = text(r.get('experience'));
    const experience = experienceText ? EXPERIENCE[experienceText.replace(/\s/g, '')] : 'none';
    if (!experience) c.add(r.number, r.header('experience'), 'imports.choice', { value: experienceText, options: '不限、1年以下、1-3年、3-5年、5-10年、10年以上' });
    let workRegionCode: string | null = null;
    const workText = text(r.get('workRegion'));
    if (workText) {
      const found = lookups.region(workText);
      if ('code' in found) workRegionCode = found.code;
      else c.add(r.number, r.header('workRegion'), `imports.region_${found.error}`, { value: workText });
    }
    const until = parseDate(r.get('validUntil'));
    if (until === 'invalid') c.add(r.number, r.header('validUntil'), 'imports.date', { value: text(r.get('validUntil')) });
    else if (until && until < options.today) c.add(r.number, r.header('validUntil'), 'imports.date_past', { value: until });
    const contactPhone = readPhone(r, 'postingContactPhone', c);
    if (c.issues.length > before || !enterprise) return undefined;
    const key = `${enterprise.creditCode}\u0000${title}`;
    const first = seen.get(key);
    if (first !== undefined) { c.add(r.number, r.header('title'), 'imports.duplicate_row', { row: first }); return undefined; }
    seen.set(key, r.number);
    return {
      enterprise: { ...enterprise, missingDetails: missingDetails(r, sheet) }, title, jobTypeCode: jobTypeCode!, headcount, salaryNegotiable: salary.negotiable, salaryMin: salary.min, salaryMax: salary.max,
      education: education!, experience: experience!, workRegionCode,
      // Control characters dropped: a tag can never hold the separator the writer joins tags with.
      benefits: text(r.get('benefits')).replace(/[\u0000-\u001f]/g, '').split(/[、,，;；/\s]+/).map((b) => b.trim()).filter((b) => b && b.length <= 12).slice(0, 12),
      description: text(r.get('description')), contactName: text(r.get('postingContactName')) || null, contactPhone,
      validUntil: until === 'invalid' ? null : until,
      present: new Set((['salary', 'salaryMin', 'salaryMax', 'education', 'experience', 'workRegion', 'benefits', 'description', 'postingContactName', 'postingContactPhone', 'validUntil', 'jobType'] as const).filter((f) => r.has(f))),
      sheet, row: r.number,
    };
  });
}

/** Whole sheets through a streaming parser (the demo and tests build sheets in memory). */
export function parseSheets<T>(parser: RowParser<T>, sheets: Sheet[]): { records: T[]; issues: RowIssue[] } {
  const records: T[] = [];
  for (const sheet of sheets) for (const row of sheet.rows) records.push(...parser.push(sheet.name, row));
  records.push(...parser.finish());
  return { records, issues: parser.issues };
}
