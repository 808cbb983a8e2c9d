import { sql } from 'kysely';
import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db.js';
import { AppError, forbidden, type RowIssue } from '../../platform/errors.js';
import { maskPhone } from '../../../shared/validators.js';
import { isStaff } from '../accounts/accounts.policy.js';
import { addDays, todayIso } from '../jobs/postings.service.js';
import { textToHtml } from '../jobs/sanitize.js';
import type { ImportKind } from './headers.js';
import { buildLookups } from './lookups.js';
import { readSpreadsheet, SpreadsheetError, type Sheet } from './read.js';
import { parseEnterpriseSheets, parsePostingSheets, type EnterpriseRecord, type PostingRecord } from './validate.js';

const CHUNK = 1_000;
const BULK_CHUNK = 5_000;
const DEFAULT_VALID_DAYS = 60;

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  enterprises: { created: number; updated: number };
  postings: { created: number; updated: number };
  rows: number;
}

export interface ImportOptions {
  /** Progress for the CLI's bar: phase and done/total. */
  onProgress?: (phase: 'read' | 'validate' | 'write', done: number, total: number) => void;
  meta?: RequestMeta | null;
}

/** Who imports: a staff user in their scope, or the operator at the command line (no scope limit). */
export type Importer = { actor: Actor } | { operator: string };

const scopeOf = (who: Importer): string => ('actor' in who ? who.actor.scopePrefix ?? '\u0001' : '');

function spreadsheetError(error: SpreadsheetError): AppError {
  const status = error.code === 'imports.too_large' ? 413 : error.code === 'imports.unsupported_type' ? 415 : 422;
  return new AppError(error.code, status);
}

/** Read, validate and (all or nothing) write a spreadsheet of enterprises or postings. */
export async function importSpreadsheet(ctx: AppContext, who: Importer, kind: ImportKind, buffer: Buffer, filename: string, options: ImportOptions = {}): Promise<ImportResult> {
  if ('actor' in who && !isStaff(who.actor)) throw forbidden();
  options.onProgress?.('read', 0, 1);
  let sheets: Sheet[];
  try {
    sheets = await readSpreadsheet(buffer, filename);
  } catch (error) {
    if (error instanceof SpreadsheetError) throw spreadsheetError(error);
    throw error;
  }
  options.onProgress?.('read', 1, 1);
  return importSheets(ctx, who, kind, sheets, options);
}

export async function importSheets(ctx: AppContext, who: Importer, kind: ImportKind, sheets: Sheet[], options: ImportOptions = {}): Promise<ImportResult> {
  const lookups = await buildLookups(ctx.db);
  const codesInFile = new Set<string>();
  for (const s of sheets) for (const r of s.rows) for (const c of r.cells) if (typeof c === 'string' && /^[0-9A-Za-z]{18}$/.test(c.trim())) codesInFile.add(c.trim().toUpperCase());
  const existing = await loadEnterprises(ctx.db, [...codesInFile]);
  const parsed = kind === 'enterprises'
    ? parseEnterpriseSheets(sheets, lookups)
    : parsePostingSheets(sheets, lookups, { knownEnterprise: (code) => existing.has(code), today: todayIso() });
  const issues: RowIssue[] = [...parsed.issues];
  const enterprises = kind === 'enterprises'
    ? (parsed.records as EnterpriseRecord[])
    : dedupeEnterprises((parsed.records as PostingRecord[]).map((p) => p.enterprise));
  options.onProgress?.('validate', 1, 1);

  // Scope: every enterprise must belong to a union inside the importer's subtree.
  const scope = scopeOf(who);
  const unions = await unionsByRegion(ctx.db);
  for (const e of enterprises) {
    const known = existing.get(e.creditCode);
    const ownerScope = known?.owner_scope ?? (e.regionCode ? unions.get(e.regionCode)?.scope_prefix : undefined);
    if (ownerScope && scope !== '' && !ownerScope.startsWith(scope)) {
      issues.push({ sheet: e.sheet, row: e.row, column: '统一社会信用代码', code: 'imports.out_of_scope' });
    }
  }
  if (issues.length) {
    issues.sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row);
    throw new AppError('imports.invalid', 422, { count: issues.length }, [], {}, issues);
  }

  const actorId = 'actor' in who ? who.actor.id : null;
  const result = await ctx.db.transaction().execute(async (trx) => {
    const e = await writeEnterprises(ctx, trx, enterprises, existing, unions, actorId);
    const p = kind === 'postings' ? await writePostings(ctx, trx, parsed.records as PostingRecord[], e.ids, actorId, options) : { created: 0, updated: 0, unchanged: 0 };
    await recordAudit(trx, {
      actorId, actorLabel: 'actor' in who ? actorLabel(who.actor) : who.operator, action: `import.${kind}`, subjectType: 'import',
      subjectLabel: `${kind}: +${e.created + p.created} ~${e.updated + p.updated}`, scopePrefix: scope || null,
      ip: options.meta?.ip ?? null, requestId: options.meta?.requestId ?? null,
    });
    return { e, p };
  });
  return {
    created: result.e.created + result.p.created,
    updated: result.e.updated + result.p.updated,
    unchanged: result.e.unchanged + result.p.unchanged,
    enterprises: { created: result.e.created, updated: result.e.updated },
    postings: { created: result.p.created, updated: result.p.updated },
    rows: parsed.records.length,
  };
}

/** The first row of each enterprise wins for its details; later rows only add postings. */
function dedupeEnterprises(records: EnterpriseRecord[]): EnterpriseRecord[] {
  const byCode = new Map<string, EnterpriseRecord>();
  for (const r of records) if (!byCode.has(r.creditCode)) byCode.set(r.creditCode, r);
  return [...byCode.values()];
}

async function loadEnterprises(db: Executor, codes: string[]) {
  if (!codes.length) return new Map<string, Awaited<ReturnType<typeof enterpriseRows>>[number]>();
  const rows = await enterpriseRows(db, codes);
  return new Map(rows.map((r) => [r.credit_code, r]));
}

function enterpriseRows(db: Executor, codes: string[]) {
  return db.selectFrom('enterprises as e').innerJoin('unions as n', 'n.id', 'e.owner_union_id')
    .select(['e.id', 'e.credit_code', 'e.name', 'e.region_code', 'e.address', 'e.industry_section', 'e.industry_division', 'e.size',
      'e.ownership', 'e.contact_name', 'e.contact_phone_masked', 'n.scope_prefix as owner_scope'])
    .where('e.credit_code', 'in', codes).execute();
}

async function unionsByRegion(db: Executor) {
  const rows = await db.selectFrom('unions').select(['id', 'region_code', 'scope_prefix']).execute();
  return new Map(rows.map((r) => [r.region_code, r]));
}

async function writeEnterprises(
  ctx: AppContext, trx: Executor, records: EnterpriseRecord[], existing: Awaited<ReturnType<typeof loadEnterprises>>,
  unions: Awaited<ReturnType<typeof unionsByRegion>>, actorId: string | null,
) {
  const ids = new Map<string, string>();
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  const inserts = [];
  for (const r of records) {
    const known = existing.get(r.creditCode);
    if (known) {
      ids.set(r.creditCode, known.id);
      const set: Record<string, unknown> = {};
      const put = (present: boolean, column: string, value: unknown, current: unknown) => { if (present && value !== null && value !== current) set[column] = value; };
      put(r.present.has('name'), 'name', r.name, known.name);
      put(r.present.has('address'), 'address', r.address, known.address);
      put(r.present.has('industry'), 'industry_section', r.industrySection, known.industry_section);
      put(r.present.has('industry') && r.industryDivision !== null, 'industry_division', r.industryDivision, known.industry_division);
      put(r.present.has('size'), 'size', r.size, known.size);
      put(r.present.has('ownership'), 'ownership', r.ownership, known.ownership);
      put(r.present.has('contactName'), 'contact_name', r.contactName, known.contact_name);
      if (r.contactPhone && maskPhone(r.contactPhone) !== known.contact_phone_masked) Object.assign(set, contactColumns(ctx, r.contactPhone));
      if (Object.keys(set).length) {
        await trx.updateTable('enterprises').set({ ...set, updated_at: sql`now()` }).where('id', '=', known.id).execute();
        updated++;
      } else unchanged++;
      continue;
    }
    const owner = unions.get(r.regionCode!)!;
    inserts.push({
      credit_code: r.creditCode, name: r.name!, region_code: r.regionCode!, address: r.address, industry_section: r.industrySection!,
      industry_division: r.industryDivision, size: r.size, ownership: r.ownership, contact_name: r.contactName,
      ...(r.contactPhone ? contactColumns(ctx, r.contactPhone) : { contact_phone_enc: null, contact_phone_hash: null, contact_phone_masked: null }),
      owner_union_id: owner.id, created_by: actorId,
      // Collected by the union itself: the importing staff vouch for these enterprises.
      status: 'verified' as const, reviewed_at: new Date(), reviewed_by: actorId,
    });
  }
  for (let i = 0; i < inserts.length; i += CHUNK) {
    const rows = await trx.insertInto('enterprises').values(inserts.slice(i, i + CHUNK)).returning(['id', 'credit_code']).execute();
    for (const row of rows) ids.set(row.credit_code, row.id);
    created += rows.length;
  }
  return { ids, created, updated, unchanged };
}

function contactColumns(ctx: AppContext, phone: string) {
  return { contact_phone_enc: ctx.crypto.encrypt(phone), contact_phone_hash: ctx.crypto.blindIndex('enterprise.contact_phone', phone), contact_phone_masked: maskPhone(phone) };
}

async function writePostings(ctx: AppContext, trx: Executor, records: PostingRecord[], enterpriseIds: Map<string, string>, actorId: string | null, options: ImportOptions) {
  const ids = [...new Set(enterpriseIds.values())];
  const enterprises = new Map((ids.length ? await trx.selectFrom('enterprises').select(['id', 'owner_union_id', 'region_code', 'industry_section', 'industry_division']).where('id', 'in', ids).execute() : []).map((e) => [e.id, e]));
  const open = ids.length
    ? await trx.selectFrom('postings').selectAll().where('enterprise_id', 'in', ids).where('status', 'in', ['draft', 'pending', 'published', 'rejected']).execute()
    : [];
  const openByKey = new Map(open.map((p) => [`${p.enterprise_id}\u0000${p.title}`, p]));
  const today = todayIso();
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  const inserts = [];
  const total = records.length;
  let done = 0;
  for (const r of records) {
    const enterpriseId = enterpriseIds.get(r.enterprise.creditCode)!;
    const e = enterprises.get(enterpriseId)!;
    const values = {
      job_type_code: r.jobTypeCode, headcount: r.headcount, salary_negotiable: r.salaryNegotiable, salary_min: r.salaryMin, salary_max: r.salaryMax,
      education: r.education, experience: r.experience, region_code: r.workRegionCode ?? e.region_code, benefits: r.benefits,
      description_html: textToHtml(r.description), contact_name: r.contactName,
    };
    const current = openByKey.get(`${enterpriseId}\u0000${r.title}`);
    if (current) {
      const changes: Record<string, [unknown, unknown]> = {};
      const set: Record<string, unknown> = {};
      const consider = (present: boolean, column: keyof typeof values | 'valid_until', value: unknown) => {
        const old = (current as Record<string, unknown>)[column];
        if (present && JSON.stringify(old) !== JSON.stringify(value)) { set[column] = value; changes[column] = [old, value]; }
      };
      consider(true, 'headcount', values.headcount);
      consider(r.present.has('jobType'), 'job_type_code', values.job_type_code);
      const salaryPresent = r.present.has('salary') || r.present.has('salaryMin') || r.present.has('salaryMax');
      consider(salaryPresent, 'salary_negotiable', values.salary_negotiable);
      consider(salaryPresent, 'salary_min', values.salary_min);
      consider(salaryPresent, 'salary_max', values.salary_max);
      consider(r.present.has('education'), 'education', values.education);
      consider(r.present.has('experience'), 'experience', values.experience);
      consider(r.present.has('workRegion'), 'region_code', values.region_code);
      consider(r.present.has('benefits'), 'benefits', values.benefits);
      consider(r.present.has('description'), 'description_html', values.description_html);
      consider(r.present.has('validUntil') && r.validUntil !== null, 'valid_until', r.validUntil);
      if (Object.keys(set).length) {
        await trx.updateTable('postings').set({ ...set, updated_at: sql`now()`, version: sql`version + 1` }).where('id', '=', current.id).execute();
        await trx.insertInto('posting_history').values({ posting_id: current.id, actor_id: actorId, action: 'import', changes: JSON.stringify(changes), reason: null }).execute();
        updated++;
      } else unchanged++;
    } else {
      inserts.push({
        ...values, enterprise_id: enterpriseId, owner_union_id: e.owner_union_id, title: r.title,
        industry_section: e.industry_section, industry_division: e.industry_division,
        contact_phone_enc: r.contactPhone ? ctx.crypto.encrypt(r.contactPhone) : null,
        contact_phone_masked: r.contactPhone ? maskPhone(r.contactPhone) : null,
        valid_from: today, valid_until: r.validUntil ?? addDays(today, DEFAULT_VALID_DAYS),
        status: 'published' as const, published_at: new Date(), reviewed_by: actorId, created_by: actorId,
      });
    }
    if (++done % CHUNK === 0) options.onProgress?.('write', done, total);
  }
  // One parameter per chunk (a JSON array) instead of ~25 bind parameters per row: 4–5× faster.
  for (let i = 0; i < inserts.length; i += BULK_CHUNK) {
    const chunk = inserts.slice(i, i + BULK_CHUNK).map((row) => ({
      ...row, contact_phone_enc: row.contact_phone_enc ? row.contact_phone_enc.toString('base64') : null,
      published_at: row.published_at.toISOString(),
    }));
    const { rows } = await sql<{ id: number }>`
      INSERT INTO postings (enterprise_id, owner_union_id, title, job_type_code, industry_section, industry_division, region_code,
        salary_negotiable, salary_min, salary_max, headcount, education, experience, description_html, benefits, contact_name,
        contact_phone_enc, contact_phone_masked, valid_from, valid_until, status, published_at, reviewed_by, created_by)
      SELECT enterprise_id, owner_union_id, title, job_type_code, industry_section, industry_division, region_code,
        salary_negotiable, salary_min, salary_max, headcount, education, experience, description_html,
        benefits, contact_name, decode(contact_phone_enc, 'base64'), contact_phone_masked,
        valid_from, valid_until, status, published_at, reviewed_by, created_by
      FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) AS x(
        enterprise_id uuid, owner_union_id uuid, title text, job_type_code text, industry_section text, industry_division text,
        region_code text, salary_negotiable boolean, salary_min integer, salary_max integer, headcount integer, education text,
        experience text, description_html text, benefits text[], contact_name text, contact_phone_enc text, contact_phone_masked text,
        valid_from date, valid_until date, status text, published_at timestamptz, reviewed_by uuid, created_by uuid)
      RETURNING id`.execute(trx);
    await sql`
      INSERT INTO posting_history (posting_id, actor_id, action, changes)
      SELECT unnest(${rows.map((r) => r.id)}::bigint[]), ${actorId}::uuid, 'import', ${JSON.stringify({ status: [null, 'published'] })}::jsonb`.execute(trx);
    created += rows.length;
    options.onProgress?.('write', Math.min(total, i + BULK_CHUNK), total);
  }
  options.onProgress?.('write', total, total);
  return { created, updated, unchanged };
}

