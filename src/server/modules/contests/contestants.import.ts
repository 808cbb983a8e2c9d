import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { Actor, RequestMeta } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, conflict, type RowIssue } from '../../platform/errors.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { normalizeHeader } from '../imports/headers.js';
import { readSpreadsheet, SpreadsheetError, type Cell, type Sheet } from '../imports/read.js';
import { loadContestAccess } from './contests.access.js';
import { idNumberHash, sealIdNumber, sealPhone } from './contests.pii.js';
import { canRegisterForTeam } from './contests.policy.js';
import * as repo from './contests.repo.js';
import { auditContest, loadForManage } from './contests.service.js';
import { entryStage } from './contestants.service.js';
import * as people from './contestants.repo.js';
import { ContestantPhoneSchema, IdNumberSchema, WrittenSchema } from './contestants.schemas.js';

// Bulk registration of contestants and written exam scores from .xlsx (or .csv), following the
// imports module: Chinese headers matched flexibly, a template to download, all or nothing — every
// bad cell is named and nothing is written unless the whole sheet is good.

type Field = 'contestantId' | 'team' | 'name' | 'gender' | 'idNumber' | 'employer' | 'phone' | 'member' | 'memberNo' | 'workNumber' | 'written';

const SYNONYMS: Record<Field, string[]> = {
  contestantId: ['选手编号', '系统编号'],
  team: ['代表队', '参赛队', '代表队名称', '队名', '队伍', '参赛队伍'],
  name: ['姓名', '选手姓名', '参赛选手', '选手'],
  gender: ['性别'],
  idNumber: ['身份证号', '身份证号码', '公民身份号码', '证件号码', '身份证'],
  employer: ['工作单位', '所在单位', '单位', '单位名称'],
  phone: ['手机号', '手机号码', '联系电话', '手机', '电话'],
  member: ['是否工会会员', '工会会员', '是否会员', '会员'],
  memberNo: ['会员证号', '工会会员证号', '会员号', '会员卡号'],
  workNumber: ['参赛号', '工位号', '抽签号', '编号'],
  written: ['理论成绩', '理论考试成绩', '笔试成绩', '理论'],
};

/** The template's headers, in order; a * marks a required column. */
const CONTESTANT_HEADERS: [Field, string][] = [
  ['team', '代表队*'], ['name', '姓名*'], ['gender', '性别'], ['idNumber', '身份证号*'], ['employer', '工作单位'], ['phone', '手机号'],
  ['member', '是否工会会员'], ['memberNo', '会员证号'],
];
const WRITTEN_HEADERS: [Field, string][] = [['contestantId', '选手编号'], ['workNumber', '参赛号'], ['idNumber', '身份证号'], ['team', '代表队'], ['name', '姓名'], ['written', '理论成绩*']];

const LOOKUP = Object.entries(SYNONYMS).flatMap(([f, names]) => names.map((n) => [normalizeHeader(n), f as Field] as const));

interface Row { sheet: string; number: number; get: (f: Field) => string; has: (f: Field) => boolean; header: (f: Field) => string }

/** The rows of the first sheet with a header naming at least `needed` (title rows above it skipped). */
function rowsOf(sheets: Sheet[], needed: Field[], labels: [Field, string][], issues: RowIssue[]): Row[] {
  for (const sheet of sheets) {
    for (let i = 0; i < Math.min(sheet.rows.length, 15); i += 1) {
      const columns = new Map<Field, { index: number; header: string }>();
      sheet.rows[i]!.cells.forEach((cell, index) => {
        const field = LOOKUP.find(([name]) => name === normalizeHeader(cell))?.[1];
        if (field && !columns.has(field)) columns.set(field, { index, header: String(cell).trim() });
      });
      if (columns.size < 2) continue;
      const label = (f: Field) => columns.get(f)?.header ?? labels.find(([g]) => g === f)?.[1].replace('*', '') ?? f;
      for (const f of needed) {
        if (!columns.has(f)) issues.push({ sheet: sheet.name, row: sheet.rows[i]!.number, column: label(f), code: 'imports.missing_column', params: { column: label(f) } });
      }
      return sheet.rows.slice(i + 1).map((r): Row => ({
        sheet: sheet.name, number: r.number, header: label, has: (f) => columns.has(f),
        get: (f) => {
          const col = columns.get(f);
          return col ? cellText(r.cells[col.index] ?? null) : '';
        },
      })).filter((r) => [...columns.keys()].some((f) => r.get(f) !== ''));
    }
  }
  const columns = labels.filter(([f]) => needed.includes(f)).map(([, h]) => h.replace('*', '')).join('、');
  issues.push({ sheet: sheets[0]?.name ?? '', row: 1, column: '', code: 'imports.no_header', params: { columns } });
  return [];
}

const FORMULA = '\u0000formula';
function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'object' && 'formula' in cell) return FORMULA;
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : String(Math.round(cell * 1e6) / 1e6);
  return String(cell).trim();
}

async function read(buffer: Buffer, filename: string): Promise<Sheet[]> {
  try {
    return await readSpreadsheet(buffer, filename);
  } catch (error) {
    if (error instanceof SpreadsheetError) throw new AppError(error.code, error.code === 'imports.too_large' ? 413 : error.code === 'imports.unsupported_type' ? 415 : 422);
    throw error;
  }
}

const failWith = (issues: RowIssue[]) => new AppError('imports.invalid', 422, { count: issues.length }, [], {}, issues);

/** Checks one cell against a zod schema; the issue names the row and the column. */
function parseCell<T>(row: Row, field: Field, schema: z.ZodType<T>, issues: RowIssue[], required: boolean): T | null {
  const text = row.get(field);
  const add = (code: MessageKey, params?: Record<string, string>) => issues.push({ sheet: row.sheet, row: row.number, column: row.header(field), code, ...(params ? { params } : {}) });
  if (text === FORMULA) { add('imports.formula'); return null; }
  if (text === '') { if (required) add('imports.required', { column: row.header(field) }); return null; }
  const parsed = schema.safeParse(text);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues[0]?.message ?? '';
  add(message.includes('.') ? (message as MessageKey) : 'validation.invalid_format');
  return null;
}

/** The registration template: Chinese headers, an example row and notes. */
export async function contestantTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('选手', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = CONTESTANT_HEADERS.map(([, header]) => ({ header, width: header.startsWith('身份证') ? 24 : 16, style: { numFmt: '@' } }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(['广安1队', '张三', '男', '511602199001011234', '国网广安供电公司', '13800000000', '是', 'GH2023001']);
  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ header: '列', width: 16 }, { header: '说明', width: 90 }];
  for (const note of [
    ['代表队', '须与赛事中已添加的代表队名称一致；只能为本工会派出的代表队报名'],
    ['身份证号', '18 位，按 GB 11643 校验；请把单元格设为“文本”，以免 Excel 把号码变成科学计数；同一人在一项竞赛中只能参加一个代表队'],
    ['性别', '男 / 女，可不填'],
    ['手机号', '11 位手机号，可不填'],
    ['是否工会会员', '是 / 否；会员证号可不填'],
    ['其他', '一人一行；重复导入同一代表队的同一人会更新其信息；有任何错误时整张表不导入，并列出每一处错误'],
  ]) help.addRow(note);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const yesNo = (text: string): boolean | null => (/^(是|会员|y|yes|true|1)$/i.test(text) ? true : /^(否|非会员|n|no|false|0)$/i.test(text) ? false : null);
const genderOf = (text: string): 'm' | 'f' | null | undefined => (text === '' ? null : /^(男|m|male)$/i.test(text) ? 'm' : /^(女|f|female)$/i.test(text) ? 'f' : undefined);

/**
 * Register (or update) contestants from a sheet, all or nothing. A person already in another team
 * of the contest, a team the importer may not register for, or a person twice in the sheet are errors.
 */
export async function importContestants(ctx: AppContext, actor: Actor, contestId: number, buffer: Buffer, filename: string, meta: RequestMeta) {
  const access = await loadContestAccess(ctx.db, contestId, actor);
  if (access.lotsDrawn) throw conflict('contest.setup.lots_drawn_closed');
  const sheets = await read(buffer, filename);
  const issues: RowIssue[] = [];
  const rows = rowsOf(sheets, ['team', 'name', 'idNumber'], CONTESTANT_HEADERS, issues);
  const teams = new Map((await repo.listTeams(ctx.db, contestId)).map((t) => [t.name, t]));
  const registered = new Map((await people.listIdHashes(ctx.db, contestId)).map((p) => [p.id_number_hash.toString('hex'), p]));
  const seen = new Map<string, number>();
  const records: { row: Row; teamId: number; existingId: number | null; values: people.ContestantValues }[] = [];
  for (const row of rows) {
    const before = issues.length;
    const add = (field: Field, code: MessageKey, params?: Record<string, string | number>) => issues.push({ sheet: row.sheet, row: row.number, column: row.header(field), code, ...(params ? { params } : {}) });
    const teamName = row.get('team');
    const team = teams.get(teamName);
    if (!teamName) add('team', 'imports.required', { column: row.header('team') });
    else if (!team) add('team', 'contest.setup.import_team_unknown', { team: teamName });
    else if (!canRegisterForTeam(actor, access, team.union_scope)) add('team', 'contest.setup.import_team_forbidden', { team: teamName });
    const name = row.get('name');
    if (!name) add('name', 'imports.required', { column: row.header('name') });
    else if (name.length > 50) add('name', 'validation.too_big_string', { maximum: 50 });
    const idNumber = parseCell(row, 'idNumber', IdNumberSchema, issues, true);
    const phone = row.has('phone') ? parseCell(row, 'phone', ContestantPhoneSchema, issues, false) : null;
    const gender = genderOf(row.get('gender'));
    if (gender === undefined) add('gender', 'contest.setup.import_gender');
    const member = row.get('member') === '' ? false : yesNo(row.get('member'));
    if (member === null) add('member', 'contest.setup.import_yes_no');
    const employer = row.get('employer');
    if (employer.length > 100) add('employer', 'validation.too_big_string', { maximum: 100 });
    const memberNo = row.get('memberNo');
    if (memberNo.length > 30) add('memberNo', 'validation.too_big_string', { maximum: 30 });
    let existingId: number | null = null;
    if (idNumber) {
      const hash = idNumberHash(ctx.crypto, idNumber).toString('hex');
      const earlier = seen.get(hash);
      if (earlier) add('idNumber', 'contest.setup.import_duplicate_row', { row: earlier });
      seen.set(hash, row.number);
      const there = registered.get(hash);
      if (there && team && there.team_id !== team.id) add('idNumber', 'contest.setup.person_in_team', { team: there.team_name });
      existingId = there?.id ?? null;
    }
    if (issues.length > before || !team || !idNumber) continue;
    records.push({ row, teamId: team.id, existingId, values: {
      team_id: team.id, name, gender: gender ?? null, employer, ...sealIdNumber(ctx.crypto, idNumber), ...sealPhone(ctx.crypto, phone),
      is_union_member: member ?? false, member_no: memberNo || null,
    } });
  }
  if (issues.length) throw failWith(issues);
  const fresh = records.filter((r) => r.existingId === null);
  const again = records.filter((r) => r.existingId !== null);
  await ctx.db.transaction().execute(async (trx) => {
    if (fresh.length) await people.insertContestants(trx, contestId, await entryStage(trx, contestId), actor.id, fresh.map((r) => r.values));
    for (const r of again) await people.updateContestant(trx, r.existingId!, null, r.values);
    await auditContest(trx, actor, meta, 'contest.contestant.import', { type: 'contest', id: contestId, label: access.name, scope: access.ownerScope },
      { fields: ['idNumber', 'phone'], reason: `${filename}: ${fresh.length} + ${again.length}` });
  });
  return { created: fresh.length, updated: again.length, rows: records.length };
}

/** The written-score sheet for a contest: its contestants listed, the score column to fill in. */
export async function writtenTemplate(ctx: AppContext, actor: Actor, contestId: number): Promise<Buffer> {
  await loadForManage(ctx.db, contestId, actor);
  const { rows } = await people.listContestants(ctx.db, { contestId, anonymous: false, offset: 0, limit: 10_000 });
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('理论成绩', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = WRITTEN_HEADERS.map(([, header]) => ({ header, width: header.startsWith('身份证') ? 24 : 14 }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows.filter((p) => p.stage !== 'withdrawn')) sheet.addRow([r.id, r.work_number ?? '', r.id_number_masked, r.team_name, r.name, r.written === null ? null : Number(r.written)]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Written exam scores from a sheet keyed by 选手编号 (the template's), work number or full 身份证号, all or nothing. */
export async function importWritten(ctx: AppContext, actor: Actor, contestId: number, buffer: Buffer, filename: string, meta: RequestMeta) {
  const access = await loadForManage(ctx.db, contestId, actor);
  const sheets = await read(buffer, filename);
  const issues: RowIssue[] = [];
  const rows = rowsOf(sheets, ['written'], WRITTEN_HEADERS, issues);
  const known = await people.listIdHashes(ctx.db, contestId);
  const byNumber = new Map(known.filter((p) => p.work_number).map((p) => [p.work_number!, p.id]));
  const byHash = new Map(known.map((p) => [p.id_number_hash.toString('hex'), p.id]));
  const ids = new Set(known.map((p) => p.id));
  const scores = new Map<number, string>();
  for (const row of rows) {
    const add = (field: Field, code: MessageKey) => issues.push({ sheet: row.sheet, row: row.number, column: row.header(field), code });
    const own = row.get('contestantId');
    const number = row.get('workNumber');
    const id = row.get('idNumber');
    let contestant: number | undefined;
    if (own) {
      contestant = ids.has(Number(own)) ? Number(own) : undefined;
      if (contestant === undefined) add('contestantId', 'contest.setup.import_no_contestant');
    } else if (number) contestant = byNumber.get(number) ?? byNumber.get(number.padStart(3, '0'));
    else if (id && !id.includes('*')) {
      const parsed = IdNumberSchema.safeParse(id);
      contestant = parsed.success ? byHash.get(idNumberHash(ctx.crypto, parsed.data).toString('hex')) : undefined;
    } else if (!id) add('workNumber', 'contest.setup.import_no_key');
    if (!own && (number || id) && contestant === undefined) add(number ? 'workNumber' : 'idNumber', 'contest.setup.import_no_contestant');
    const text = row.get('written');
    const value = text === '' ? null : Number(text);
    if (text === FORMULA) add('written', 'imports.formula');
    else if (value === null) issues.push({ sheet: row.sheet, row: row.number, column: row.header('written'), code: 'imports.required', params: { column: row.header('written') } });
    else if (!WrittenSchema.safeParse(value).success) add('written', 'contest.setup.import_written');
    if (contestant !== undefined && value !== null && WrittenSchema.safeParse(value).success) scores.set(contestant, value.toFixed(2));
  }
  if (issues.length) throw failWith(issues);
  await ctx.db.transaction().execute(async (trx) => {
    await people.setWrittenMany(trx, contestId, [...scores].map(([id, written]) => ({ id, written })), actor.id);
    await auditContest(trx, actor, meta, 'contest.written.import', { type: 'contest', id: contestId, label: access.name, scope: access.ownerScope }, { reason: `${filename}: ${scores.size}` });
    await repo.announceContest(trx, contestId);
  });
  return { created: 0, updated: scores.size, rows: rows.length };
}
