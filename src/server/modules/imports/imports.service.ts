import { sql, type Selectable } from 'kysely';
import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor, PostingTable } from '../../platform/db.js';
import { AppError, forbidden, type RowIssue } from '../../platform/errors.js';
import { maskPhone } from '../../../shared/validators.js';
import { isStaff } from '../accounts/accounts.policy.js';
import { addDays, todayIso } from '../jobs/postings.service.js';
import { textToHtml } from '../jobs/sanitize.js';
import { createPostingTokenizer, retokenizeEnterprise, type PostingTokenizer } from '../jobs/search/search.service.js';
import type { ImportKind } from './headers.js';
import { buildLookups } from './lookups.js';
import { SpreadsheetError, streamSpreadsheet, type Sheet, type StreamedRow } from './read.js';
import { createEnterpriseParser, createPostingParser, type EnterpriseRecord, type PostingRecord } from './validate.js';

/** Rows validated and written per step; memory holds two such chunks (one written while the next is read). Small chunks overlap reading with writing better: 2,000 measured faster than 5,000. */
const CHUNK_ROWS = 2_000;
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
  let rows: AsyncIterable<StreamedRow[]>;
  try {
    rows = streamSpreadsheet(buffer, filename);
  } catch (error) {
    if (error instanceof SpreadsheetError) throw spreadsheetError(error);
    throw error;
  }
  return importRows(ctx, who, kind, rows, options);
}

/** The same for sheets already in memory (the demo generator). */
export function importSheets(ctx: AppContext, who: Importer, kind: ImportKind, sheets: Sheet[], options: ImportOptions = {}): Promise<ImportResult> {
  const rows = (async function* () {
    for (const sheet of sheets) for (let i = 0; i < sheet.rows.length; i += 1_000) yield sheet.rows.slice(i, i + 1_000).map((row) => ({ sheet: sheet.name, row }));
  })();
  return importRows(ctx, who, kind, rows, options);
}

type EnterpriseState = {
  id: string; ownerScope: string; existedBefore: boolean; regionCode: string; name: string;
  /** Registered by this very import: it has no postings yet, so none need looking up. */
  isNew?: boolean;
  row: Awaited<ReturnType<typeof enterpriseRows>>[number] | null };

/**
 * Stream rows through the parser and write them chunk by chunk inside one transaction; memory
 * holds one chunk, not the file. Any bad row anywhere rolls everything back, and every problem
 * in the file is still reported (writing stops at the first problem; checking goes on).
 */
async function importRows(ctx: AppContext, who: Importer, kind: ImportKind, rows: AsyncIterable<StreamedRow[]>, options: ImportOptions): Promise<ImportResult> {
  const lookups = await buildLookups(ctx.db);
  const unions = await unionsByRegion(ctx.db);
  const scope = scopeOf(who);
  const actorId = 'actor' in who ? who.actor.id : null;
  const tokenize = await createPostingTokenizer(ctx.db);
  const parser = kind === 'enterprises' ? createEnterpriseParser(lookups) : createPostingParser(lookups, { today: todayIso() });
  const extra: RowIssue[] = [];
  const enterprises = new Map<string, EnterpriseState | 'invalid'>();
  const totals = { eCreated: 0, eUpdated: 0, eUnchanged: 0, pCreated: 0, pUpdated: 0, pUnchanged: 0, rows: 0 };
  const failed = () => parser.issues.length + extra.length > 0;

  const flush = async (trx: Executor, chunk: (EnterpriseRecord | PostingRecord)[]) => {
    if (!chunk.length) return;
    const enterpriseRecords = kind === 'enterprises' ? (chunk as EnterpriseRecord[]) : (chunk as PostingRecord[]).map((p) => p.enterprise);
    const unknown = [...new Set(enterpriseRecords.map((e) => e.creditCode).filter((code) => !enterprises.has(code)))];
    for (const row of unknown.length ? await enterpriseRows(trx, unknown) : []) {
      enterprises.set(row.credit_code, { id: row.id, ownerScope: row.owner_scope, existedBefore: true, regionCode: row.region_code, name: row.name, row });
    }
    // First row of each enterprise decides its details; later rows only add postings.
    const firstRows = new Map<string, EnterpriseRecord>();
    for (const e of enterpriseRecords) {
      const state = enterprises.get(e.creditCode);
      if (state === 'invalid' || firstRows.has(e.creditCode) || (state && !state.existedBefore)) continue;
      firstRows.set(e.creditCode, e);
    }
    const inserts: EnterpriseRecord[] = [];
    for (const e of firstRows.values()) {
      const state = enterprises.get(e.creditCode) as EnterpriseState | undefined;
      const ownerScope = state?.ownerScope ?? (e.regionCode ? unions.get(e.regionCode)?.scope_prefix : undefined);
      if (ownerScope && scope !== '' && !ownerScope.startsWith(scope)) {
        extra.push({ sheet: e.sheet, row: e.row, column: '统一社会信用代码', code: 'imports.out_of_scope' });
        enterprises.set(e.creditCode, 'invalid');
        continue;
      }
      if (!state) {
        if (e.missingDetails?.length) {
          extra.push(...e.missingDetails);
          enterprises.set(e.creditCode, 'invalid');
          continue;
        }
        inserts.push(e);
      } else if (!failed()) {
        if (await updateEnterprise(ctx, trx, e, state)) totals.eUpdated++;
        else totals.eUnchanged++;
        state.existedBefore = false; // updated once per file
      }
    }
    if (failed()) {
      for (const e of inserts) enterprises.set(e.creditCode, { id: '', ownerScope: '', existedBefore: false, regionCode: '', name: '', row: null });
      return;
    }
    for (const [code, state] of await insertEnterprises(ctx, trx, inserts, unions, actorId)) enterprises.set(code, state);
    totals.eCreated += inserts.length;
    if (kind === 'postings') {
      const postings = (chunk as PostingRecord[]).filter((p) => enterprises.get(p.enterprise.creditCode) !== 'invalid');
      const states = new Map(postings.map((p) => [p.enterprise.creditCode, enterprises.get(p.enterprise.creditCode) as EnterpriseState]));
      const result = await writePostings(ctx, trx, postings, states, actorId, tokenize);
      totals.pCreated += result.created;
      totals.pUpdated += result.updated;
      totals.pUnchanged += result.unchanged;
    }
  };

  try {
    await ctx.db.transaction().execute(async (trx) => {
      // While PostgreSQL writes one chunk, the next is read and validated (two processes, two cores).
      let writing: Promise<void> | null = null;
      const write = async (records: (EnterpriseRecord | PostingRecord)[]) => {
        if (writing) await writing;
        writing = flush(trx, records);
        writing.catch(() => undefined); // awaited below; this only keeps it from counting as unhandled meanwhile
      };
      let chunk: (EnterpriseRecord | PostingRecord)[] = [];
      for await (const batch of rows) {
        for (const { sheet, row } of batch) {
          for (const record of parser.push(sheet, row)) chunk.push(record);
        }
        if (chunk.length >= CHUNK_ROWS) {
          totals.rows += chunk.length;
          await write(chunk);
          chunk = [];
          options.onProgress?.('write', totals.rows, 0);
        }
      }
      for (const record of parser.finish()) chunk.push(record);
      totals.rows += chunk.length;
      await write(chunk);
      await writing;
      options.onProgress?.('write', totals.rows, totals.rows);
      if (failed()) {
        const issues = [...parser.issues, ...extra].sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row);
        throw new AppError('imports.invalid', 422, { count: issues.length }, [], {}, issues);
      }
      await recordAudit(trx, {
        actorId, actorLabel: 'actor' in who ? actorLabel(who.actor) : who.operator, action: `import.${kind}`, subjectType: 'import',
        subjectLabel: `${kind}: +${totals.eCreated + totals.pCreated} ~${totals.eUpdated + totals.pUpdated}`, scopePrefix: scope || null,
        ip: options.meta?.ip ?? null, requestId: options.meta?.requestId ?? null,
      });
    });
  } catch (error) {
    if (error instanceof SpreadsheetError) throw spreadsheetError(error);
    throw error;
  }
  return {
    created: totals.eCreated + totals.pCreated,
    updated: totals.eUpdated + totals.pUpdated,
    unchanged: totals.eUnchanged + totals.pUnchanged,
    enterprises: { created: totals.eCreated, updated: totals.eUpdated },
    postings: { created: totals.pCreated, updated: totals.pUpdated },
    rows: totals.rows,
  };
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

/** Bring a registered enterprise in line with the file (only columns the file has); true when changed. */
async function updateEnterprise(ctx: AppContext, trx: Executor, r: EnterpriseRecord, state: EnterpriseState): Promise<boolean> {
  const known = state.row!;
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
  if (!Object.keys(set).length) return false;
  await trx.updateTable('enterprises').set({ ...set, updated_at: sql`now()` }).where('id', '=', known.id).execute();
  if (set.name !== undefined) await retokenizeEnterprise(trx, known.id);
  return true;
}

/** New enterprises, collected by the union itself: the importing staff vouch for them (verified). */
async function insertEnterprises(
  ctx: AppContext, trx: Executor, records: EnterpriseRecord[], unions: Awaited<ReturnType<typeof unionsByRegion>>, actorId: string | null,
): Promise<Map<string, EnterpriseState>> {
  const out = new Map<string, EnterpriseState>();
  if (!records.length) return out;
  const rows = records.map((r) => ({
    credit_code: r.creditCode, name: r.name!, region_code: r.regionCode!, address: r.address, industry_section: r.industrySection!,
    industry_division: r.industryDivision, size: r.size, ownership: r.ownership, contact_name: r.contactName,
    ...(r.contactPhone ? contactColumns(ctx, r.contactPhone) : { contact_phone_enc: null, contact_phone_hash: null, contact_phone_masked: null }),
    owner_union_id: unions.get(r.regionCode!)!.id, created_by: actorId,
    status: 'verified' as const, reviewed_at: new Date(), reviewed_by: actorId,
  }));
  const inserted = await trx.insertInto('enterprises').values(rows).returning(['id', 'credit_code', 'region_code', 'name']).execute();
  for (const row of inserted) out.set(row.credit_code, { id: row.id, ownerScope: unions.get(row.region_code)!.scope_prefix, existedBefore: false, isNew: true, regionCode: row.region_code, name: row.name, row: null });
  return out;
}

function contactColumns(ctx: AppContext, phone: string) {
  return { contact_phone_enc: ctx.crypto.encrypt(phone), contact_phone_hash: ctx.crypto.blindIndex('enterprise.contact_phone', phone), contact_phone_masked: maskPhone(phone) };
}

async function writePostings(ctx: AppContext, trx: Executor, records: PostingRecord[], states: Map<string, EnterpriseState>, actorId: string | null, tokenize: PostingTokenizer) {
  const enterpriseIds = new Map([...states].map(([code, state]) => [code, state.id]));
  // Only the open postings this chunk names (enterprise + title, the partial unique index), not
  // every posting of its enterprises: a 100,000-row file would otherwise re-read them per chunk.
  // LATERAL keeps it one index probe per key even when the table's statistics are stale (right
  // after a big import the planner still believes postings is small and hashes all of it).
  const keys = records.filter((r) => !states.get(r.enterprise.creditCode)!.isNew).map((r) => ({ e: enterpriseIds.get(r.enterprise.creditCode)!, t: r.title }));
  const open = keys.length
    ? (await sql<Selectable<PostingTable> & { enterprise_region_code: string }>`
        SELECT p.*, e.region_code AS enterprise_region_code FROM unnest(${keys.map((k) => k.e)}::uuid[], ${keys.map((k) => k.t)}::text[]) AS k(enterprise_id, title)
        CROSS JOIN LATERAL (
          SELECT * FROM postings p
          WHERE p.enterprise_id = k.enterprise_id AND p.title = k.title AND p.status IN ('draft', 'pending', 'published', 'rejected')
          LIMIT 1 -- at most one open posting per key (postings_open_title_key); the limit also keeps the probe per key
        ) p
        JOIN enterprises e ON e.id = p.enterprise_id`.execute(trx)).rows
    : [];
  const openByKey = new Map(open.map((p) => [`${p.enterprise_id}\u0000${p.title}`, p]));
  const today = todayIso();
  let updated = 0;
  let unchanged = 0;
  const inserts = newPostingColumns();
  for (const r of records) {
    const enterpriseId = enterpriseIds.get(r.enterprise.creditCode)!;
    const current = openByKey.get(`${enterpriseId}\u0000${r.title}`);
    if (!current) {
      inserts.push(ctx, enterpriseId, r, today, tokenize(tokenSource(r, states.get(r.enterprise.creditCode)!)));
      continue;
    }
    const values = {
      job_type_code: r.jobTypeCode, headcount: r.headcount, salary_negotiable: r.salaryNegotiable, salary_min: r.salaryMin, salary_max: r.salaryMax,
      education: r.education, experience: r.experience, region_code: r.workRegionCode ?? current.enterprise_region_code, benefits: r.benefits,
      description_html: textToHtml(r.description),
    };
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
      set.search_tokens = tokenize({
        title: r.title, enterpriseName: states.get(r.enterprise.creditCode)!.name, regionCode: values.region_code, benefits: r.present.has('benefits') ? r.benefits : current.benefits,
        descriptionHtml: r.present.has('description') ? values.description_html : current.description_html,
      });
      await trx.updateTable('postings').set({ ...set, updated_at: sql`now()`, version: sql`version + 1` }).where('id', '=', current.id).execute();
      await trx.insertInto('posting_history').values({ posting_id: current.id, actor_id: actorId, action: 'import', changes: JSON.stringify(changes), reason: null }).execute();
      updated++;
    } else unchanged++;
  }
  const created = inserts.length ? await insertPostings(trx, inserts, actorId) : 0;
  return { created, updated, unchanged };
}

/** Tags never hold this control character (the parser splits and trims them); it joins a row's tags. */
const TAG_SEPARATOR = '\u001f';

/**
 * New postings as one array per column: building 16 arrays is cheaper than 13,000 objects, and
 * PostgreSQL unnests arrays faster than it expands a JSON document into records (measured).
 */
function newPostingColumns() {
  const c = {
    enterprise: [] as string[], title: [] as string[], jobType: [] as string[], region: [] as (string | null)[],
    negotiable: [] as boolean[], salaryMin: [] as (number | null)[], salaryMax: [] as (number | null)[], headcount: [] as number[],
    education: [] as string[], experience: [] as string[], description: [] as string[], benefits: [] as string[],
    contactName: [] as (string | null)[], phoneEnc: [] as (Buffer | null)[], phoneMasked: [] as (string | null)[], validUntil: [] as string[],
    tokens: [] as string[],
  };
  const defaultUntil = (today: string) => addDays(today, DEFAULT_VALID_DAYS);
  return {
    columns: c,
    get length() { return c.enterprise.length; },
    push(ctx: AppContext, enterpriseId: string, r: PostingRecord, today: string, tokens: string) {
      c.enterprise.push(enterpriseId); c.title.push(r.title); c.jobType.push(r.jobTypeCode); c.region.push(r.workRegionCode);
      c.negotiable.push(r.salaryNegotiable); c.salaryMin.push(r.salaryMin); c.salaryMax.push(r.salaryMax); c.headcount.push(r.headcount);
      c.education.push(r.education); c.experience.push(r.experience); c.description.push(textToHtml(r.description));
      c.benefits.push(r.benefits.join(TAG_SEPARATOR)); c.contactName.push(r.contactName);
      c.phoneEnc.push(r.contactPhone ? ctx.crypto.encrypt(r.contactPhone) : null); c.phoneMasked.push(r.contactPhone ? maskPhone(r.contactPhone) : null);
      c.validUntil.push(r.validUntil ?? defaultUntil(today));
      c.tokens.push(tokens);
    },
  };
}

/** Insert new postings (published: the importing union vouches for them) and their first history entry. */
async function insertPostings(trx: Executor, inserts: ReturnType<typeof newPostingColumns>, actorId: string | null): Promise<number> {
  const c = inserts.columns;
  // Owner union, industry and (unless the row names a work region) region come from the enterprise.
  const { rows } = await sql<{ id: number }>`
    INSERT INTO postings (enterprise_id, owner_union_id, title, job_type_code, industry_section, industry_division, region_code,
      salary_negotiable, salary_min, salary_max, headcount, education, experience, description_html, benefits, contact_name,
      contact_phone_enc, contact_phone_masked, valid_from, valid_until, status, published_at, reviewed_by, created_by, search_tokens)
    SELECT x.enterprise_id, e.owner_union_id, x.title, x.job_type_code, e.industry_section, e.industry_division, coalesce(x.region_code, e.region_code),
      x.salary_negotiable, x.salary_min, x.salary_max, x.headcount, x.education, x.experience, x.description_html,
      CASE WHEN x.benefits = '' THEN '{}'::text[] ELSE string_to_array(x.benefits, ${TAG_SEPARATOR}) END, x.contact_name,
      x.contact_phone_enc, x.contact_phone_masked, current_date, x.valid_until, 'published', now(), ${actorId}::uuid, ${actorId}::uuid, x.search_tokens::tsvector
    FROM unnest(${c.enterprise}::uuid[], ${c.title}::text[], ${c.jobType}::text[], ${c.region}::text[], ${c.negotiable}::boolean[],
      ${c.salaryMin}::integer[], ${c.salaryMax}::integer[], ${c.headcount}::integer[], ${c.education}::text[], ${c.experience}::text[],
      ${c.description}::text[], ${c.benefits}::text[], ${c.contactName}::text[], ${c.phoneEnc}::bytea[], ${c.phoneMasked}::text[], ${c.validUntil}::date[], ${c.tokens}::text[])
      WITH ORDINALITY AS x(enterprise_id, title, job_type_code, region_code, salary_negotiable, salary_min, salary_max, headcount, education, experience,
        description_html, benefits, contact_name, contact_phone_enc, contact_phone_masked, valid_until, search_tokens, n)
    JOIN enterprises e ON e.id = x.enterprise_id
    ORDER BY x.n -- ids in file order
    RETURNING id`.execute(trx);
  await sql`
    INSERT INTO posting_history (posting_id, actor_id, action, changes)
    SELECT unnest(${rows.map((r) => r.id)}::bigint[]), ${actorId}::uuid, 'import', ${JSON.stringify({ status: [null, 'published'] })}::jsonb`.execute(trx);
  return rows.length;
}

function tokenSource(r: PostingRecord, enterprise: EnterpriseState) {
  return { title: r.title, enterpriseName: enterprise.name, regionCode: r.workRegionCode ?? enterprise.regionCode, benefits: r.benefits, descriptionHtml: textToHtml(r.description) };
}
