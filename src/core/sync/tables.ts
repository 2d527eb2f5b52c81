/**
 * The replicated tables as sync sees them: each row's key, how its changes merge, and the ticket a
 * row belongs to (whose derived data is recomputed when it changes). The capture triggers
 * (migration 18) send every column but the derived ones listed here; a test holds the two together.
 *
 * - `facts` rows are written once and never changed (history events, contacts, calls, policy
 *   versions, scripts): they merge as a union by key, and a second copy is a no-op.
 * - `fields` rows change: each field keeps the value with the latest hybrid-clock reading (last
 *   writer wins, field by field), and a removal wins over any change to the row it removed.
 */
import { OUTCOME_COLUMNS } from '../sla/outcomes.ts';

export type Merge = 'facts' | 'fields';

export interface ReplicatedTable {
  readonly key: readonly string[];
  readonly merge: Merge;
  /** Columns each workstation derives itself: never sent, never taken from a change. */
  readonly derived: readonly string[];
  /** The column naming the ticket a row belongs to (`id` for tickets themselves). */
  readonly ticket?: string;
}

const fields = (key: string[], o: Partial<ReplicatedTable> = {}): ReplicatedTable => ({
  key,
  merge: 'fields',
  derived: [],
  ...o,
});
const facts = (key: string[], o: Partial<ReplicatedTable> = {}): ReplicatedTable => ({
  key,
  merge: 'facts',
  derived: [],
  ...o,
});

export const REPLICATED: Readonly<Record<string, ReplicatedTable>> = {
  tickets: fields(['id'], {
    ticket: 'id',
    derived: [
      'version',
      'last_update_at',
      'update_agreed_at',
      'response_due',
      'update_due',
      'resolution_due',
      'sla_state',
      'sla_check_at',
      'sla_next_due',
      ...OUTCOME_COLUMNS,
    ],
  }),
  ticket_events: facts(['id'], { ticket: 'ticket_id' }),
  ticket_pauses: fields(['ticket_id', 'started_at'], { ticket: 'ticket_id' }),
  tier_spans: fields(['ticket_id', 'seq'], { ticket: 'ticket_id' }),
  escalations: fields(['id'], { ticket: 'ticket_id' }),
  rule_firings: fields(['ticket_id', 'rule', 'condition'], { ticket: 'ticket_id' }),
  customers: fields(['id']),
  accounts: fields(['id']),
  assets: fields(['id']),
  calls: facts(['id']),
  contacts: facts(['id'], { ticket: 'ticket_id' }),
  ticket_answers: fields(['ticket_id', 'question_id'], { ticket: 'ticket_id' }),
  sop_scripts: facts(['category_id', 'version']),
  ticket_links: fields(['id']),
  policies: facts(['version']),
  calendars: fields(['id']),
  desk_events: facts(['id']),
  users: fields(['id'], { derived: ['version'] }),
  user_domains: fields(['user_id', 'domain_id']),
  queues: fields(['id'], { derived: ['version'] }),
  categories: fields(['id'], { derived: ['version'] }),
  domains: fields(['id']),
  tiers: fields(['domain_id', 'level']),
  settings: fields(['key']),
};

/**
 * The order rows are created in when a desk is received whole, so that what a row refers to is
 * there before it (reference data, people, callers, then tickets and what hangs off them).
 */
export const CREATION_ORDER: readonly string[] = [
  'settings',
  'calendars',
  'policies',
  'domains',
  'queues',
  'categories',
  'tiers',
  'sop_scripts',
  'users',
  'user_domains',
  'desk_events',
  'customers',
  'accounts',
  'assets',
  'calls',
  'tickets',
  'ticket_events',
  'ticket_pauses',
  'tier_spans',
  'escalations',
  'rule_firings',
  'contacts',
  'ticket_answers',
  'ticket_links',
];
