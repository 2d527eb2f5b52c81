/** The shapes methods return. Inputs are zod schemas in contract.ts; these are their outputs. */
import type { Locale, Numbering, TextSize } from './i18n/locales.ts';
import type { PolicyBody } from './policy.ts';
import type { WallboardThresholds } from './policy-rules.ts';
import type { JoinCodeInfo, Refusal, SyncErrorCode, WorkstationInfo } from './sync.ts';
import type {
  CallbackKind,
  CallDirection,
  ContactChannel,
  ContactOutcome,
  Level,
  LinkRole,
  Priority,
  QuestionKind,
  Role,
  RootCause,
  Status,
  Tier,
} from './domain.ts';
import type { HistoryEvent, UnreadableEvent } from './history-events.ts';

/** Epoch milliseconds, UTC. */
export type Millis = number;

export interface UserInfo {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  tier: Tier;
  /** The language they chose to work in; null: the desk's. */
  language: Locale | null;
  /** The digits they read numbers in; null: their language's own. */
  numbering: Numbering | null;
  textSize: TextSize;
}

export interface QueueInfo {
  id: string;
  code: string;
  name: string;
  /** False once an admin disabled it: not offered for new work, still named on old tickets. */
  active: boolean;
}

export interface CategoryInfo {
  id: string;
  code: string;
  name: string;
  domain: string;
  defaultQueueId: string;
  /** False once an admin disabled it: not offered for new work, still named on old tickets. */
  active: boolean;
}

/** A person as every screen may name them; a disabled one is never offered as an assignee. */
export interface DeskPerson extends UserInfo {
  active: boolean;
}

/** What an admin edits: the entity, the version an edit starts from, and what still uses it. */
export interface AdminQueue extends QueueInfo {
  version: number;
  /** What sends new work here: active categories routed to it, and tiers it serves. */
  usedBy: { categories: string[]; tiers: { domain: string; level: Tier }[] };
  openTickets: number;
}

export interface AdminCategory extends CategoryInfo {
  version: number;
}

export interface AdminPerson extends DeskPerson {
  version: number;
  /** The domains they serve; none: all of them. */
  domainIds: string[];
  /** An admin set their password: they choose their own before doing anything else. */
  mustChangePassword: boolean;
  /** Work still theirs: open tickets assigned to them, and call-backs they owe. */
  openTickets: number;
  callbacks: number;
}

export interface AdminDirectory {
  queues: AdminQueue[];
  categories: AdminCategory[];
  people: AdminPerson[];
}

export interface DomainInfo {
  id: string;
  name: string;
  /** Two or three; each a queue, its members the users of that tier serving the domain. */
  tiers: { level: Tier; queueId: string; memberIds: string[] }[];
}

export interface DeskInfo {
  name: string;
  prefix: string;
  /** The desk's language: its people's unless they chose their own, and the wall-board's. */
  language: Locale;
  countryCode: string;
  /** The desk calendar's time zone: its days, as reports and exports count them. */
  timeZone: string;
  /** The priority policy in force: intake rates new calls with it as the analyst types. */
  policy: { version: number; body: PolicyBody };
  /** Every queue, category and person, the disabled ones too (marked), so old tickets name them. */
  queues: QueueInfo[];
  categories: CategoryInfo[];
  users: DeskPerson[];
  domains: DomainInfo[];
}

/** This workstation's sync with its desk's hub, as the header's indicator shows it. */
/** The desk's join codes on its hub, newest first. */
/** One side of a conflict as people read it: the value (a name, not an id), who, when. */
export interface ConflictSide {
  value: string | null;
  by: string;
  at: Millis;
}
/** A field two workstations changed while apart (see core/tickets/conflicts.ts). */
export interface ConflictItem {
  /** The conflict's history event. */
  id: string;
  ticket: { id: string; key: string; title: string };
  /** The column; an SOP answer names its question. */
  field: string;
  question?: string;
  kept: ConflictSide;
  lost: ConflictSide;
  at: Millis;
  /** The value that lost can be taken from the list (a field the ticket's edit covers, still as merged). */
  canTake: boolean;
}
export interface ConflictList {
  items: ConflictItem[];
}

/** The desk's workstations, and which of them this one is. */
export interface WorkstationList {
  workstations: WorkstationInfo[];
  self: string;
}

export interface JoinCodeList {
  codes: JoinCodeInfo[];
}

export interface SyncStatus {
  joined: boolean;
  /**
   * off: not joined to a hub · in_sync: the last round reached the hub · waiting: changes saved
   * here not yet sent · unreachable: the hub is away, work goes on and is kept · catching_up: a
   * long pull (a first sync) · refused: the hub refused this workstation (`error` says why).
   */
  state: 'off' | 'in_sync' | 'waiting' | 'unreachable' | 'catching_up' | 'refused';
  /** Changes saved here that the hub has not acknowledged yet. */
  waiting: number;
  /** Changes pulled that this release keeps aside until it can apply them. */
  held: number;
  /** Ticket numbers leased and not used yet. */
  keysLeft: number;
  /** Less than a day of this workstation's usual work left: time to reach the hub. */
  keysLow: boolean;
  lastContactAt: Millis | null;
  hub?: string;
  /** This workstation's number within the desk. */
  workstation?: number;
  /** A first sync's progress: the desk's image downloading (bytes), then changes pulled. */
  progress?: { done: number; total: number | null; of?: 'bytes' | 'changes' };
  /** Why the last round failed, in English for the log; `errorCode` is what the renderer words. */
  error?: string;
  errorCode?: SyncErrorCode | 'UNREACHABLE';
  /**
   * Changes of this workstation the hub would not take (their author's role may not make them):
   * how many, and the hub's reason for the latest. They stay here; no other workstation has them.
   */
  refused?: { count: number; message: string; code: Refusal['code'] };
  /** A field desk's queues (by id): it holds their tickets and callers only. */
  scope?: { queues: string[] };
}

export interface SessionInfo {
  user: UserInfo | null;
  /** The desk's language: the sign-in screen's, and the wall-board's. */
  language: Locale;
  /** The desk's country (from its calling code), for dates, times and numbers: GB, FR, IN… */
  region: string | null;
  /** True on a desk with no users yet: the first start of a real desk asks for its admin. */
  needsSetup: boolean;
  /** Signed in with a password an admin set: only choosing a new one is allowed. */
  mustChangePassword?: true;
}

export interface AccountInfo {
  id: string;
  number: string;
}

export interface AssetInfo {
  id: string;
  modelNumber: string;
  serial: string;
  location: string;
  licence: string;
}

export interface CustomerHit {
  id: string;
  name: string;
  phone: string;
  email: string;
  organisation: string;
  accounts: AccountInfo[];
}

/** Callers who already have a phone number (several may share a switchboard) or an account number. */
export interface NumberOwners {
  phone: CustomerHit[];
  account: CustomerHit | null;
}

export interface CustomerDetail extends CustomerHit {
  assets: AssetInfo[];
  /** The caller's open tickets, newest first, each with its last contact: a returning caller's status call goes on one of them. */
  openTickets: OpenTicketBrief[];
}

export interface OpenTicketBrief {
  id: string;
  key: string;
  title: string;
  status: Status;
  priority: Priority;
  createdAt: Millis;
  lastContact: ContactEntry | null;
  callback: { dueAt: Millis; kind: CallbackKind } | null;
}

/** One entry of the communication log. Entries are never changed: a correction is a new entry. */
export interface ContactEntry {
  id: string;
  ticketId: string;
  ticketKey: string;
  direction: CallDirection;
  channel: ContactChannel;
  outcome: ContactOutcome;
  /** When the contact happened (it may be logged a little later). */
  at: Millis;
  durationSec: number | null;
  summary: string;
  /** The customer was told the problem is solved. */
  closing: boolean;
  /** The call-back the analyst set with this contact; the reason when later than the policy's. */
  next: { at: Millis; reason: string } | null;
  /** The entry this one corrects. */
  correctsId: string | null;
  /** The entry that corrects this one: read that one instead. */
  correctedById: string | null;
  by: { id: string; displayName: string };
  loggedAt: Millis;
}

/** A ticket's next call-back. */
export interface TicketCallback {
  dueAt: Millis;
  /** `update`: the policy's interval; `retry`: the last call reached nobody; `set`: an analyst chose it. */
  kind: CallbackKind;
  owner: { id: string; displayName: string };
}

export interface CallbackItem {
  ticketId: string;
  key: string;
  title: string;
  priority: Priority;
  status: Status;
  dueAt: Millis;
  kind: CallbackKind;
  overdue: boolean;
  customer: { id: string; name: string; phone: string; email: string };
  lastContact: ContactEntry | null;
}

export interface MyCallbacks {
  /** The desk's clock when this was read: "overdue" is against it. */
  asOf: Millis;
  endOfDay: Millis;
  /** Due by the end of today, the earliest (most overdue) first. */
  items: CallbackItem[];
  /** How many are due now or overdue: the badge. */
  dueNow: number;
  /** Due after today until `laterUntil`, by the desk's local day, the earliest first. */
  later: CallbackDay[];
  /** The end of the seventh day after today: how far ahead `later` looks. */
  laterUntil: Millis;
  /** Due after today but not in `later` (beyond the week, or past the list's length). */
  laterNotListed: number;
}

export interface CallbackDay {
  /** The desk's local date, YYYY-MM-DD. */
  date: string;
  /** Days after today: 1 is tomorrow. */
  inDays: number;
  items: CallbackItem[];
}

export interface TicketCard {
  id: string;
  key: string;
  title: string;
  status: Status;
  priority: Priority;
  queueId: string;
  customerName: string;
  assigneeId: string | null;
  createdAt: Millis;
  version: number;
  slaState: 'on_track' | 'at_risk' | 'breached';
  /** The earliest due time among the ticket's running clocks; null when none runs (paused, resolved). */
  nextDueAt: Millis | null;
}

/** One history entry: who and when, and the event (its kind with that kind's payload). */
export type TicketEvent = {
  id: string;
  at: Millis;
  actor: { id: string; displayName: string };
} & (HistoryEvent | UnreadableEvent);

export interface TicketDetail extends TicketCard {
  description: string;
  impact: Level;
  urgency: Level;
  tier: Tier;
  categoryId: string;
  callId: string;
  customer: { id: string; name: string; phone: string; email: string };
  account: AccountInfo | null;
  asset: AssetInfo | null;
  createdBy: { id: string; displayName: string };
  updatedAt: Millis;
  events: TicketEvent[];
  sla: TicketSla;
  /** The SOP script of the ticket's category as it stands, and the answers given so far. */
  script: SopScript;
  answers: TicketAnswer[];
  links: TicketLink[];
  /** The resolution in force; earlier ones (before a reopen) are in the history. */
  resolution: TicketResolution | null;
  reopenCount: number;
  /** The communication log, newest first. */
  contacts: ContactEntry[];
  callback: TicketCallback | null;
  /** A closing contact logged since the ticket was last (re)opened: resolving needs one or a reason. */
  closingContactId: string | null;
  domainId: string | null;
  /** An escalation between tiers waiting for the receiving tier, or just sent back. */
  escalation: Escalation | null;
  /** Every tier the ticket has been in, oldest first. */
  ladder: TierSpan[];
  /**
   * Changes made on this ticket here that the hub refused (a field desk's change to a ticket that
   * moved out of its scope, a change its author's role may not make): they never reached the desk.
   */
  refused: RefusedChange[];
  /** It left this field desk's scope and is kept only until what was refused on it is seen. */
  leftScope: boolean;
}

export interface RefusedChange {
  changeId: string;
  /** What the change set: the ticket's fields, or a note, a contact, an answer. */
  table: string;
  fields: string[];
  code: 'FORBIDDEN' | 'OUT_OF_SCOPE';
  message: string;
  at: Millis;
}

export interface Escalation {
  state: 'pending' | 'returned';
  escalationId: string;
  from: { domainId: string; tier: Tier };
  to: { domainId: string; tier: Tier };
  reason: string;
  note: string;
  /** The automatic rule that escalated it, if no person did. */
  rule: string | null;
  by: { id: string; displayName: string };
  at: Millis;
  /** For a returned one: who sent it back, why, when. */
  decision: { by: { id: string; displayName: string }; reason: string; at: Millis } | null;
}

export interface TierSpan {
  domainId: string;
  tier: Tier;
  assignee: { id: string; displayName: string } | null;
  from: Millis;
  to: Millis | null;
}

/** One ticket on the escalation panel, with why it is there. */
export interface PanelItem extends TicketCard {
  domainId: string | null;
  tier: Tier;
  escalation: Escalation | null;
  callbackOverdue: boolean;
}

export interface EscalationPanel {
  asOf: Millis;
  items: PanelItem[];
  /** How many of each, over the whole desk (the list is capped). */
  counts: {
    atRisk: number;
    breached: number;
    pending: number;
    returned: number;
    callbacksOverdue: number;
  };
}

/** Time spent in one tier of one domain, over the report's window. */
export interface TierReportRow {
  domainId: string;
  tier: Tier;
  /** Stays that began in the window. */
  entered: number;
  /** Of those, still in the tier. */
  open: number;
  medianMs: number | null;
  p90Ms: number | null;
}

export interface SopQuestion {
  /** Stable across versions of the script: answers are keyed by it. */
  id: string;
  text: string;
  kind: QuestionKind;
  required: boolean;
  help: string;
  /** The question in other languages (see sopQuestionSchema). */
  translations: Partial<Record<Locale, { text: string; help: string }>>;
}

export interface SopScript {
  categoryId: string;
  /** 0 when the category has no script yet. */
  version: number;
  questions: SopQuestion[];
  updatedAt: Millis | null;
  updatedBy: string | null;
}

export interface TicketAnswer {
  questionId: string;
  /** The question as it was worded when answered. */
  question: string;
  answer: string;
  at: Millis;
  by: { id: string; displayName: string };
}

export interface TicketRef {
  id: string;
  key: string;
  title: string;
  status: Status;
}

export interface TicketLink {
  id: string;
  /** The relation read from this ticket: "this ticket is <role> <ticket>". */
  role: LinkRole;
  ticket: TicketRef;
  at: Millis;
}

export interface TicketResolution {
  solution: string;
  rootCause: RootCause;
  reproductionSteps: string;
  resolvedAt: Millis;
  resolvedBy: { id: string; displayName: string };
  /** Why no closing contact was possible, when none was logged. */
  noContactReason: string;
}

/** A resolved ticket like an open one, whose solution may be reused. */
export interface SimilarTicket extends TicketRef {
  solution: string;
  rootCause: RootCause;
  reproductionSteps: string;
  resolvedAt: Millis;
  /** Words it shares with the open ticket, most telling first. */
  shared: string[];
}

/** Everything needed to see why a ticket is (or is not) late. */
export interface TicketSla {
  state: 'on_track' | 'at_risk' | 'breached';
  policyVersion: number;
  priorityLabel: string;
  /** "business" clocks count the calendar's opening hours; "24x7" count wall time. */
  clock: 'business' | '24x7';
  calendar: { name: string; timeZone: string };
  respondedAt: Millis | null;
  responseDue: Millis | null;
  updateDue: Millis | null;
  resolutionDue: Millis | null;
  plannedStart: Millis | null;
  plannedEnd: Millis | null;
  timeline: {
    at: Millis;
    kind: 'started' | 'responded' | 'paused' | 'resumed' | 'at_risk' | 'breached' | 'resolved';
    reason?: string;
  }[];
}

export interface BoardColumn {
  status: Status;
  count: number;
  /** True when a text filter matched more than `count`: show "10,000+". */
  countCapped: boolean;
  items: TicketCard[];
  /** Opaque keyset cursor for the next page; null when `items` reached the end. */
  next: string | null;
}

export interface BoardView {
  columns: BoardColumn[];
}

export interface TicketPage {
  items: TicketCard[];
  next: string | null;
}

export interface IntakeReceipt {
  callId: string;
  customerId: string;
  tickets: { id: string; key: string; priority: Priority; queueId: string }[];
}

export interface TicketSearchResult {
  items: TicketCard[];
  more: boolean;
}

export interface TicketCounts {
  byStatus: Partial<Record<Status, number>>;
  byQueue: Record<string, Partial<Record<Status, number>>>;
  /** Open (not resolved) tickets by priority. */
  byPriority: Partial<Record<Priority, number>>;
  unassignedOpen: number;
}

export interface CalendarView {
  name: string;
  timeZone: string;
  /** ISO weekday ("1" = Monday) → opening intervals in minutes from local midnight. */
  week: Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', [number, number][]>>;
  holidays: string[];
}

export interface PolicyView {
  version: number;
  body: PolicyBody;
  calendar: CalendarView;
  /** Every version, newest first: who changed the policy and when. */
  history: { version: number; at: Millis; by: string | null }[];
}

/** One result of search everywhere; marks are [start, end) ranges of matched words in the text. */
export interface SearchHit {
  kind: 'ticket' | 'customer' | 'asset' | 'note';
  /** What opening the hit shows: the ticket (tickets and notes) or the caller (callers and equipment). */
  id: string;
  title: string;
  titleMarks: [number, number][];
  detail: string;
  detailMarks: [number, number][];
  /** For callers and equipment: the caller's name, which opening the hit filters the board by. */
  caller?: string;
}

/** The wall-board: the desk at a glance, every figure from the store as it stands. */
export interface WallboardView {
  asOf: Millis;
  /** Local midnight in the desk's time zone: "today" starts here. */
  dayStart: Millis;
  deskName: string;
  thresholds: WallboardThresholds;
  openByPriority: { priority: Priority; label: string; open: number }[];
  openByQueue: { queueId: string; name: string; open: number }[];
  openByTier: { tier: Tier; open: number }[];
  oldestWaiting: { key: string; title: string; priority: Priority; createdAt: Millis } | null;
  breached: number;
  atRisk: number;
  awaitingAcceptance: number;
  callbacksOverdue: number;
  callsToday: number;
  /** Calls a day over the 28 days before today. */
  callsDailyAverage: number;
  resolvedToday: number;
  resolvedDailyAverage: number;
  /** Today, hour by hour (local): tickets created and resolved. */
  hours: { hour: number; created: number; resolved: number }[];
  /** Open tickets assigned to each analyst, the busiest first. */
  analysts: { id: string; name: string; open: number }[];
}

/** One backup of this workstation's store: checked whole when it was taken. */
export interface BackupInfo {
  file: string;
  at: Millis;
  bytes: number;
}

/** This workstation's backups, newest first, and how they are taken and kept. */
export interface BackupList {
  backups: BackupInfo[];
  /** The folder they are in, for IT (a restore names a file in it). */
  folder: string;
  schedule: { everyMinutes: number; rotation: { recent: number; days: number; weeks: number } };
  /** A backup under way: pages copied of the store's pages. */
  running: { done: number; total: number } | null;
  /** Why the last backup failed; null once one succeeds. */
  lastError: string | null;
  nextAt: Millis | null;
}

/** What an admin sends to IT (core/logging/support-bundle.ts): no customer data, counts only. */
export interface SupportBundle {
  at: Millis;
  release: {
    app: string;
    shell: string;
    node: string;
    electron: string | null;
    sqlite: string;
    schema: number;
    platform: string;
  };
  desk: { name: string; prefix: string };
  store: {
    bytes: number;
    walBytes: number;
    pageSize: number;
    pages: number;
    freePages: number;
    rows: Record<string, number>;
  };
  sync: {
    state: SyncStatus['state'];
    joined: boolean;
    waiting: number;
    held: number;
    keysLeft: number;
    lastContactAt: Millis | null;
    errorCode: SyncStatus['errorCode'] | null;
  } | null;
  backups: {
    count: number;
    newestAt: Millis | null;
    everyMinutes: number;
    lastError: string | null;
  } | null;
  /** The log files and their sizes, and the last of the current one (JSON lines). */
  logs: { name: string; bytes: number }[];
  logTail: string;
}

/** Where the desktop app takes its updates from (null: updates are off, the default). */
export interface UpdatePolicy {
  url: string | null;
}
