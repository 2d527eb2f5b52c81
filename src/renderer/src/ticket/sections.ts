/**
 * The ticket workspace's sections, each behind its own error boundary: one that cannot render
 * what the desk sent is replaced by a message in plain words, and the rest of the ticket (the
 * other sections, its shortcuts, Esc) still works. Each tries again by itself once the ticket
 * it shows reloads; the history and the header fail with the whole workspace (Shell's boundary).
 */
import type { TicketDetail } from '../../../shared/views.ts';
import { ContactSection as Contact } from '../contacts/ContactSection.tsx';
import { EscalationSection as Escalation } from '../escalation/EscalationSection.tsx';
import { guarded } from '../ui/ErrorBoundary.tsx';
import { FieldsForm as Fields } from './FieldsForm.tsx';
import { LinksPanel as Links } from './LinksPanel.tsx';
import { NoteForm as Note } from './NoteForm.tsx';
import { PriorityEditor as Priority } from './PriorityEditor.tsx';
import { ResolutionPanel as Resolution } from './ResolutionPanel.tsx';
import { ScriptForm as Script } from './ScriptForm.tsx';
import { SlaSection as Sla } from './SlaSection.tsx';
import { MergeForm as Merge, SplitForm as Split } from './SplitMerge.tsx';

const byTicket = (p: { ticket: TicketDetail }) => [p.ticket];

export const FieldsForm = guarded(Fields, 'ticket.edit', byTicket);
export const PriorityEditor = guarded(Priority, 'ticket.changePriority', byTicket);
export const ScriptForm = guarded(Script, 'ticket.script', byTicket);
export const EscalationSection = guarded(Escalation, 'escalation.title', byTicket);
export const ContactSection = guarded(Contact, 'contact.title', byTicket);
export const ResolutionPanel = guarded(Resolution, 'ticket.resolve.title', byTicket);
export const LinksPanel = guarded(Links, 'ticket.links', byTicket);
export const SplitForm = guarded(Split, 'ticket.split', byTicket);
export const MergeForm = guarded(Merge, 'ticket.merge', byTicket);
export const NoteForm = guarded(Note, 'ticket.note', (p) => [p.ticketId]);
export const SlaSection = guarded(Sla, 'sla.clock', byTicket);
