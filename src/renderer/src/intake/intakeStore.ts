import { create } from 'zustand';
import type { Input } from '../../../shared/contract.ts';
import type { ApiError } from '../../../shared/errors.ts';
import { newCallerFieldFor } from '../../../shared/phone.ts';
import type { CustomerDetail, IntakeReceipt } from '../../../shared/views.ts';
import { api } from '../api/index.ts';

export interface ProblemDraft {
  /** Stable React key: problems can be removed from the middle. */
  key: number;
  categoryId: string;
  queueId: string;
  /** Once the analyst picks a queue by hand, a category change no longer overrides it. */
  queueChosen: boolean;
  impact: string;
  urgency: string;
  title: string;
  description: string;
  /** '' follows the policy; a number overrides it (and needs a reason). */
  priority: string;
  priorityReason: string;
  /** datetime-local values, in the workstation's time. */
  plannedStart: string;
  plannedEnd: string;
}

export interface IntakeDraft {
  caller: CustomerDetail | null;
  query: string;
  name: string;
  organisation: string;
  phone: string;
  email: string;
  accountNumber: string;
  assetId: string;
  modelNumber: string;
  serial: string;
  location: string;
  licence: string;
  problems: ProblemDraft[];
  /** What the caller search last put into a new-caller field, while it still holds just that. */
  carried: { field: CarriedField; value: string } | null;
}

type CarriedField = 'name' | 'phone' | 'accountNumber';

let problemKey = 1;
const emptyProblem = (): ProblemDraft => ({
  key: problemKey++,
  categoryId: '',
  queueId: '',
  queueChosen: false,
  impact: '',
  urgency: '',
  title: '',
  description: '',
  priority: '',
  priorityReason: '',
  plannedStart: '',
  plannedEnd: '',
});

const emptyDraft = (): IntakeDraft => ({
  caller: null,
  query: '',
  name: '',
  organisation: '',
  phone: '',
  email: '',
  accountNumber: '',
  assetId: '',
  modelNumber: '',
  serial: '',
  location: '',
  licence: '',
  problems: [emptyProblem()],
  carried: null,
});

type TextField = Exclude<keyof IntakeDraft, 'caller' | 'problems' | 'carried' | 'query'>;

interface IntakeState {
  draft: IntakeDraft;
  error: ApiError | null;
  saving: boolean;
  set(field: TextField, value: string): void;
  /**
   * The caller search's text, carried into "New caller" as it is typed: a phone number into the
   * phone field, an account number into the account field, a name into the name, each only
   * while that field is empty or still holds what the search put there.
   */
  setQuery(query: string, carry?: boolean): void;
  selectCaller(c: CustomerDetail): void;
  /** The same caller read again (a contact was logged): nothing the analyst typed changes. */
  refreshCaller(c: CustomerDetail): void;
  clearCaller(): void;
  addProblem(): void;
  removeProblem(index: number): void;
  updateProblem(index: number, patch: Partial<ProblemDraft>): void;
  reset(): void;
  submit(): Promise<IntakeReceipt | null>;
}

/** What the form holds, as the contract's input; the core validates it, not the form. */
export function toInput(d: IntakeDraft): Input<'intake.submit'> {
  const level = (s: string) => (s === '' ? undefined : Number(s)) as 1 | 2 | 3;
  return {
    caller: d.caller
      ? { kind: 'existing', customerId: d.caller.id }
      : { kind: 'new', name: d.name, organisation: d.organisation },
    contact: { phone: d.phone, email: d.email },
    accountNumber: d.accountNumber,
    asset: d.assetId
      ? { assetId: d.assetId }
      : { modelNumber: d.modelNumber, serial: d.serial, location: d.location, licence: d.licence },
    problems: d.problems.map((p) => ({
      categoryId: p.categoryId,
      queueId: p.queueId,
      impact: level(p.impact),
      urgency: level(p.urgency),
      title: p.title,
      description: p.description,
      ...(p.priority ? { priority: Number(p.priority), priorityReason: p.priorityReason } : {}),
      ...(p.plannedStart ? { plannedStart: new Date(p.plannedStart).getTime() } : {}),
      ...(p.plannedEnd ? { plannedEnd: new Date(p.plannedEnd).getTime() } : {}),
    })),
  };
}

/** The draft with what the search carried taken back out, unless the analyst has changed it. */
function withoutCarried(d: IntakeDraft): IntakeDraft {
  const c = d.carried;
  if (!c) return d;
  return { ...d, carried: null, ...(d[c.field] === c.value ? { [c.field]: '' } : {}) };
}

/** The call being taken survives a trip to the board and back. */
export const useIntake = create<IntakeState>((set, get) => ({
  draft: emptyDraft(),
  error: null,
  saving: false,
  set(field, value) {
    const d = get().draft;
    // Typed over by the analyst: the field is theirs now, the search no longer moves it.
    const carried = d.carried?.field === field ? null : d.carried;
    set({ draft: { ...d, [field]: value, carried } });
  },
  setQuery(query, carry = true) {
    // Not carried (the form put a number there itself): what was carried stays, as the analyst's.
    if (!carry) return set({ draft: { ...get().draft, query, carried: null } });
    const d = withoutCarried(get().draft);
    const field = newCallerFieldFor(query);
    const value = query.trim();
    const fill = field !== null && d[field] === '';
    set({
      draft: {
        ...d,
        query,
        ...(fill ? { [field]: value, carried: { field, value } } : {}),
      },
    });
  },
  selectCaller(c) {
    // A number typed into the search to find the caller is theirs already: their record's wins.
    const d = withoutCarried(get().draft);
    set({
      draft: {
        ...d,
        caller: c,
        query: '',
        phone: d.phone || c.phone,
        email: d.email || c.email,
        accountNumber: d.accountNumber || (c.accounts.length === 1 ? c.accounts[0]!.number : ''),
        assetId: c.assets.length === 1 ? c.assets[0]!.id : '',
      },
    });
  },
  refreshCaller(c) {
    const d = get().draft;
    if (d.caller?.id === c.id) set({ draft: { ...d, caller: c } });
  },
  clearCaller: () =>
    set({
      draft: { ...get().draft, caller: null, phone: '', email: '', accountNumber: '', assetId: '' },
    }),
  addProblem: () =>
    set({ draft: { ...get().draft, problems: [...get().draft.problems, emptyProblem()] } }),
  removeProblem(index) {
    const problems = get().draft.problems.filter((_, i) => i !== index);
    set({
      draft: { ...get().draft, problems: problems.length ? problems : [emptyProblem()] },
      error: null,
    });
  },
  updateProblem(index, patch) {
    set({
      draft: {
        ...get().draft,
        problems: get().draft.problems.map((p, i) => (i === index ? { ...p, ...patch } : p)),
      },
    });
  },
  reset: () => set({ draft: emptyDraft(), error: null }),
  async submit() {
    if (get().saving) return null;
    set({ saving: true });
    const r = await api.invoke('intake.submit', toInput(get().draft));
    if (r.ok) {
      set({ saving: false, error: null, draft: emptyDraft() });
      return r.value;
    }
    set({ saving: false, error: r.error });
    return null;
  },
}));
