import { getReport } from '../reports/report.ts';
import type { MethodName, Output, ParsedInput } from '../../shared/contract.ts';
import type { Ctx } from './context.ts';
import { myCallbacks } from '../communication/callbacks.ts';
import { backupList, runBackup, scheduleBackups } from '../backups/methods.ts';
import {
  appendImport,
  beginImport,
  cancelImport,
  checkImport,
  previewImport,
  runImport,
} from '../imports/methods.ts';
import { discardExport, readExport, startExport } from '../exports/methods.ts';
import { supportBundle } from '../logging/support-bundle.ts';
import { readUpdatePolicy, setUpdatePolicy } from '../updates/updates.ts';
import { conflictList, takeLostValue } from '../tickets/conflicts.ts';
import {
  createJoinCode,
  joinCodes,
  joinHub,
  revokeJoinCode,
  revokeWorkstation,
  setScope,
  dismissRefused,
  workstations,
  syncStatus,
} from '../sync/desk-sync.ts';
import { acceptEscalation, escalateTicket, returnEscalation } from '../escalation/actions.ts';
import { escalationPanel, tierReport } from '../escalation/panel.ts';
import { setTier } from '../escalation/tiers.ts';
import { wallboardView } from '../wallboard/wallboard.ts';
import { logContact } from '../communication/contacts.ts';
import { contactsOf } from '../communication/contacts-read.ts';
import { getCustomer, lookup, numberOwners } from '../callers/customers.ts';
import { submitIntake } from '../intake/intake.ts';
import { searchEverywhere } from '../search/search.ts';
import { getPolicy, updateCalendar, updatePolicy } from '../sla/policy.ts';
import {
  adminDirectory,
  createCategory,
  createQueue,
  deskInfo,
  setCategoryActive,
  setDeskLanguage,
  setQueueActive,
  updateCategory,
  updateQueue,
} from '../admin/reference.ts';
import { resetPassword, setUserActive, updateUser } from '../admin/people.ts';
import { board, searchTickets, ticketCounts, ticketPage } from '../board/board.ts';
import { linkTickets, mergeTicket, splitTicket, unlinkTickets } from '../tickets/links.ts';
import { reopenTicket, resolveTicket, similarTickets } from '../resolution/resolution.ts';
import { getScript, recordAnswers, updateScript } from '../resolution/scripts.ts';
import { getTicket } from '../tickets/detail.ts';
import { updateTicket } from '../tickets/fields.ts';
import { addNote, assignTicket, moveTicket, setPriority } from '../tickets/moves.ts';
import {
  changePassword,
  createUser,
  sessionInfo,
  setOwnDisplay,
  setOwnLanguage,
  setupDesk,
  signIn,
  signOut,
} from '../access/users.ts';

type Handler<M extends MethodName> = (
  ctx: Ctx,
  input: ParsedInput<M>,
) => Output<M> | Promise<Output<M>>;

/** One handler per contract method; the type fails to compile if a method has none. */
export type Handlers = { [M in MethodName]: Handler<M> };

export const handlers: Handlers = {
  'session.get': (ctx) => sessionInfo(ctx),
  'auth.signIn': signIn,
  'auth.signOut': (ctx) => signOut(ctx),
  'auth.changePassword': changePassword,
  'desk.setup': setupDesk,
  'desk.info': (ctx) => deskInfo(ctx),
  'auth.setLanguage': setOwnLanguage,
  'auth.setDisplay': setOwnDisplay,
  'desk.setLanguage': setDeskLanguage,
  'sync.status': (ctx) => syncStatus(ctx),
  'backups.list': (ctx) => backupList(ctx),
  'backups.run': (ctx) => runBackup(ctx),
  'backups.schedule': scheduleBackups,
  'imports.begin': beginImport,
  'imports.append': appendImport,
  'imports.preview': previewImport,
  'imports.check': checkImport,
  'imports.run': runImport,
  'imports.cancel': cancelImport,
  'support.bundle': (ctx) => supportBundle(ctx),
  'updates.get': (ctx) => readUpdatePolicy(ctx),
  'updates.set': setUpdatePolicy,
  'exports.start': startExport,
  'exports.read': readExport,
  'exports.discard': discardExport,
  'reports.get': getReport,
  'sync.join': joinHub,
  'sync.joinCodes': joinCodes,
  'sync.createJoinCode': createJoinCode,
  'sync.revokeJoinCode': revokeJoinCode,
  'sync.workstations': workstations,
  'conflicts.list': conflictList,
  'conflicts.take': takeLostValue,
  'sync.revokeWorkstation': revokeWorkstation,
  'sync.setScope': setScope,
  'sync.dismissRefused': dismissRefused,
  'customers.lookup': lookup,
  'search.everywhere': searchEverywhere,
  'customers.get': getCustomer,
  'customers.owners': numberOwners,
  'intake.submit': submitIntake,
  'tickets.board': board,
  'tickets.page': ticketPage,
  'tickets.search': searchTickets,
  'tickets.counts': (ctx) => ticketCounts(ctx),
  'tickets.get': getTicket,
  'tickets.move': moveTicket,
  'tickets.setPriority': setPriority,
  'tickets.addNote': addNote,
  'tickets.assign': assignTicket,
  'tickets.update': updateTicket,
  'tickets.answer': recordAnswers,
  'tickets.resolve': resolveTicket,
  'tickets.reopen': reopenTicket,
  'tickets.similar': similarTickets,
  'tickets.link': linkTickets,
  'tickets.unlink': unlinkTickets,
  'tickets.split': splitTicket,
  'tickets.merge': mergeTicket,
  'tickets.escalate': escalateTicket,
  'tickets.acceptEscalation': acceptEscalation,
  'tickets.returnEscalation': returnEscalation,
  'escalations.panel': escalationPanel,
  'escalations.report': tierReport,
  'tiers.set': setTier,
  'wallboard.get': wallboardView,
  'contacts.log': logContact,
  'contacts.list': (ctx, input) =>
    contactsOf(
      ctx.db,
      input.ticketId ? { ticketId: input.ticketId } : { customerId: input.customerId! },
      input.limit,
    ),
  'callbacks.mine': (ctx) => myCallbacks(ctx),
  'scripts.get': getScript,
  'scripts.update': updateScript,
  'policy.get': (ctx) => getPolicy(ctx),
  'policy.update': updatePolicy,
  'calendar.update': updateCalendar,
  'queues.create': createQueue,
  'categories.create': createCategory,
  'users.create': createUser,
  'admin.directory': (ctx) => adminDirectory(ctx),
  'queues.update': updateQueue,
  'queues.setActive': setQueueActive,
  'categories.update': updateCategory,
  'categories.setActive': setCategoryActive,
  'users.update': updateUser,
  'users.setActive': setUserActive,
  'users.resetPassword': resetPassword,
};
