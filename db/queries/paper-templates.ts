import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database, PaperTemplateRow, PaperTemplatesTable } from '../types';

/** Saved versions of the paper templates (never changed, never deleted): the highest version is in use. */
type Db = Kysely<Database> | Transaction<Database>;

/** The version in use of each type that has one saved. */
export function currentTemplates(db: Db): Promise<PaperTemplateRow[]> {
  return db.selectFrom('paper_templates as t').selectAll()
    .where((eb) => eb('t.version', '=', eb.selectFrom('paper_templates as u').select((u) => u.fn.max<number>('u.version').as('v')).whereRef('u.type', '=', 't.type')))
    .execute();
}

export function currentTemplate(db: Db, type: string): Promise<PaperTemplateRow | undefined> {
  return db.selectFrom('paper_templates').selectAll().where('type', '=', type).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export function templateVersion(db: Db, type: string, version: number): Promise<PaperTemplateRow | undefined> {
  return db.selectFrom('paper_templates').selectAll().where('type', '=', type).where('version', '=', version).executeTakeFirst();
}

/** Every saved version of a type, newest first. */
export function templateVersions(db: Db, type: string): Promise<PaperTemplateRow[]> {
  return db.selectFrom('paper_templates').selectAll().where('type', '=', type).orderBy('version', 'desc').execute();
}

export async function insertTemplateVersion(db: Db, values: Insertable<PaperTemplatesTable>): Promise<void> {
  await db.insertInto('paper_templates').values(values).execute();
}
