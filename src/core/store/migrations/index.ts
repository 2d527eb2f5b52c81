/**
 * Numbered migrations, applied in order at start and recorded in PRAGMA user_version: one file
 * per version, each fixed SQL text. Never edit a migration that has shipped: add the next file
 * here.
 */
import type { Migration } from './migration.ts';
import { migration as m001 } from './001-foundation.ts';
import { migration as m002 } from './002-scale.ts';
import { migration as m003 } from './003-lookup.ts';
import { migration as m004 } from './004-facets.ts';
import { migration as m005 } from './005-policy-and-sla-clocks.ts';
import { migration as m006 } from './006-time-to-breach.ts';
import { migration as m007 } from './007-documentation-and-resolution.ts';
import { migration as m008 } from './008-customer-communication.ts';
import { migration as m009 } from './009-callbacks-last-contact.ts';
import { migration as m010 } from './010-escalation.ts';
import { migration as m011 } from './011-escalation-panel-counts.ts';
import { migration as m012 } from './012-escalation-panel-filters.ts';
import { migration as m013 } from './013-callbacks-tier.ts';
import { migration as m014 } from './014-wall-board.ts';
import { migration as m015 } from './015-caller-keys.ts';
import { migration as m016 } from './016-desk-admin.ts';
import { migration as m017 } from './017-escalation-names.ts';
import { migration as m018 } from './018-sync-capture.ts';
import { migration as m019 } from './019-sync-merge.ts';
import { migration as m020 } from './020-sync-dirty.ts';
import { migration as m021 } from './021-conflict-list.ts';
import { migration as m022 } from './022-sync-refusals.ts';
import { migration as m023 } from './023-user-language.ts';
import { migration as m024 } from './024-search-arabic-hindi.ts';
import { migration as m025 } from './025-user-display.ts';
import { migration as m026 } from './026-caller-email.ts';
import { migration as m027 } from './027-report-facts.ts';
import { migration as m028 } from './028-report-sums.ts';

export type { Migration } from './migration.ts';

export const MIGRATIONS: readonly Migration[] = [
  m001,
  m002,
  m003,
  m004,
  m005,
  m006,
  m007,
  m008,
  m009,
  m010,
  m011,
  m012,
  m013,
  m014,
  m015,
  m016,
  m017,
  m018,
  m019,
  m020,
  m021,
  m022,
  m023,
  m024,
  m025,
  m026,
  m027,
  m028,
];
