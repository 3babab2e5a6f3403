import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_register_index';
import * as m0003 from './0003_history_baseline';
import * as m0004 from './0004_sign_in_throttle';
import * as m0005 from './0005_registration_keys';
import * as m0006 from './0006_identity_search';
import * as m0007 from './0007_register_search';
import * as m0008 from './0008_papers';
import * as m0009 from './0009_case_repeats';
import * as m0010 from './0010_statistics_summaries';
import * as m0011 from './0011_respondent_staff';
import * as m0012 from './0012_statistics_totals';
import * as m0013 from './0013_attachments';

/** Static registry: bundlers cannot follow a folder scan, and the order must never depend on the disk. */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_register_index': m0002,
  '0003_history_baseline': m0003,
  '0004_sign_in_throttle': m0004,
  '0005_registration_keys': m0005,
  '0006_identity_search': m0006,
  '0007_register_search': m0007,
  '0008_papers': m0008,
  '0009_case_repeats': m0009,
  '0010_statistics_summaries': m0010,
  '0011_respondent_staff': m0011,
  '0012_statistics_totals': m0012,
  '0013_attachments': m0013,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

export const LATEST_MIGRATION = Object.keys(migrations).sort().at(-1)!;
