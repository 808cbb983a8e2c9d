import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';

// SQL of agreements, their attachments and their yearly areas (items slice of issue 7).

export type AgreementRow = NonNullable<Awaited<ReturnType<typeof findAgreement>>>;

export async function listAgreements(db: Executor, input: { offset: number; limit: number }) {
  const [items, total] = await Promise.all([
    db.selectFrom('agreements').selectAll().orderBy('signed_on', 'desc').orderBy('id', 'desc').offset(input.offset).limit(input.limit).execute(),
    db.selectFrom('agreements').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function findAgreement(db: Executor, id: number, forUpdate = false) {
  let q = db.selectFrom('agreements').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function insertAgreement(db: Executor, values: {
  title: string; parties: string[]; signed_on: string; ends_on: string | null; summary: string; body: string; status: 'draft' | 'active' | 'closed'; created_by: string;
}) {
  return db.insertInto('agreements').values({ ...values, parties: JSON.stringify(values.parties) }).returning('id').executeTakeFirstOrThrow();
}

export async function updateAgreement(db: Executor, id: number, set: Partial<{
  title: string; parties: string[]; signed_on: string; ends_on: string | null; summary: string; body: string; status: 'draft' | 'active' | 'closed';
}>) {
  const { parties, ...rest } = set;
  await db.updateTable('agreements').set({
    ...rest, ...(parties ? { parties: JSON.stringify(parties) } : {}),
    version: sql`version + 1`, updated_at: new Date(),
  }).where('id', '=', id).execute();
}

/** The earliest due date among the agreement's items (a signing date may not move past it). */
export async function earliestDue(db: Executor, agreementId: number): Promise<string | null> {
  const row = await db.selectFrom('work_items').select((eb) => eb.fn.min('due_on').as('d')).where('agreement_id', '=', agreementId).executeTakeFirst();
  return (row?.d as string | null) ?? null;
}

export async function listAgreementFiles(db: Executor, agreementId: number) {
  return db.selectFrom('agreement_files as af').innerJoin('stored_files as f', 'f.id', 'af.file_id')
    .select(['f.id', 'f.name', 'f.mime', 'f.size', 'af.title', 'af.added_at']).where('af.agreement_id', '=', agreementId).orderBy('af.added_at').execute();
}

export async function addAgreementFile(db: Executor, values: { agreement_id: number; file_id: string; title: string; added_by: string }) {
  await db.insertInto('agreement_files').values(values).execute();
}

export async function findAgreementFile(db: Executor, agreementId: number, fileId: string) {
  return db.selectFrom('agreement_files').select(['file_id', 'title']).where('agreement_id', '=', agreementId).where('file_id', '=', fileId).executeTakeFirst();
}

export async function removeAgreementFile(db: Executor, agreementId: number, fileId: string) {
  await db.deleteFrom('agreement_files').where('agreement_id', '=', agreementId).where('file_id', '=', fileId).execute();
  await db.deleteFrom('stored_files').where('id', '=', fileId).execute();
}

// ---- areas ----

export type AreaRow = NonNullable<Awaited<ReturnType<typeof findArea>>>;

export async function agreementYears(db: Executor, agreementId: number): Promise<number[]> {
  const rows = await db.selectFrom('agreement_areas').select('year').distinct().where('agreement_id', '=', agreementId).orderBy('year', 'desc').execute();
  return rows.map((r) => r.year);
}

export async function listAreas(db: Executor, agreementId: number, year?: number) {
  let q = db.selectFrom('agreement_areas').selectAll().where('agreement_id', '=', agreementId);
  if (year) q = q.where('year', '=', year);
  return q.orderBy('year', 'desc').orderBy('seq').orderBy('id').execute();
}

export async function findArea(db: Executor, id: number) {
  return db.selectFrom('agreement_areas').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function areaNameTaken(db: Executor, agreementId: number, year: number, name: string, exceptId?: number): Promise<boolean> {
  let q = db.selectFrom('agreement_areas').select('id').where('agreement_id', '=', agreementId).where('year', '=', year).where('name', '=', name);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return !!(await q.executeTakeFirst());
}

export async function insertArea(db: Executor, values: { agreement_id: number; year: number; seq: number; name: string; description: string }) {
  return db.insertInto('agreement_areas').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateArea(db: Executor, id: number, set: Partial<{ year: number; seq: number; name: string; description: string }>) {
  if (Object.keys(set).length) await db.updateTable('agreement_areas').set(set).where('id', '=', id).execute();
}

export async function deleteArea(db: Executor, id: number) {
  await db.deleteFrom('agreement_areas').where('id', '=', id).execute();
}

/** Item ids per area (to aggregate their progress). */
export async function itemIdsByArea(db: Executor, areaIds: number[]) {
  if (!areaIds.length) return [];
  return db.selectFrom('work_items').select(['id', 'area_id']).where('area_id', 'in', areaIds).execute();
}
