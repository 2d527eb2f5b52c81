/** The shapes methods return. Inputs are zod schemas in contract.ts; these are their outputs. */
import type { PolicyBody } from './policy.ts';
import type {
  Level,
  LinkRole,
  Priority,
  QuestionKind,
  Role,
  RootCause,
  Status,
  TicketEventType,
  Tier,
} from './domain.ts';

/** Epoch milliseconds, UTC. */
export type Millis = number;

export interface UserInfo {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  tier: Tier;
}

export interface QueueInfo {
  id: string;
  code: string;
  name: string;
}

export interface CategoryInfo {
  id: string;
  code: string;
  name: string;
  domain: string;
  defaultQueueId: string;
}

export interface DeskInfo {
  name: string;
  prefix: string;
  countryCode: string;
  /** The priority policy in force: intake rates new calls with it as the analyst types. */
  policy: { version: number; body: PolicyBody };
  queues: QueueInfo[];
  categories: CategoryInfo[];
  users: UserInfo[];
}

export interface SessionInfo {
  user: UserInfo | null;
  /** True on a desk with no users yet: the first start of a real desk asks for its admin. */
  needsSetup: boolean;
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

export interface CustomerDetail extends CustomerHit {
  assets: AssetInfo[];
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

export interface TicketEvent {
  id: string;
  type: TicketEventType;
  at: Millis;
  actor: { id: string; displayName: string };
  data: Record<string, unknown>;
}

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
}

export interface SopQuestion {
  /** Stable across versions of the script: answers are keyed by it. */
  id: string;
  text: string;
  kind: QuestionKind;
  required: boolean;
  help: string;
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
