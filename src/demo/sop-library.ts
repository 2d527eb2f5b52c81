/**
 * The SOP scripts a new demo or seeded desk ships with, by category code. Supervisors edit them
 * afterwards (each edit a new version); these are only the first version.
 */
import type { SopQuestion } from '../shared/views.ts';
import { SOP_TRANSLATIONS } from './sop-translations.ts';

const OTHER_LANGUAGES = ['fr', 'el', 'hi', 'ar'] as const;

/** A question in English, the demo desk's language, with its version in each other one. */
const q = (
  id: string,
  text: string,
  opts: { kind?: SopQuestion['kind']; required?: boolean; help?: string } = {},
): SopQuestion => {
  const help = opts.help ?? '';
  const words = (english: string) => {
    const known = SOP_TRANSLATIONS[english];
    if (!known) throw new Error(`The demo SOP has no translations of “${english}”`);
    return known;
  };
  return {
    id,
    text,
    kind: opts.kind ?? 'text',
    required: opts.required ?? false,
    help,
    translations: Object.fromEntries(
      OTHER_LANGUAGES.map((l) => [l, { text: words(text)[l], help: help ? words(help)[l] : '' }]),
    ),
  };
};

/** Asked on every problem: the SOP's "what the customer wants and what they did". */
const WANT = q('want', 'What does the customer need to be able to do?', {
  required: true,
  help: 'In their words: the outcome, not the fault.',
});
const BEFORE = q('before', 'What did they do just before it went wrong?', {
  kind: 'long_text',
  help: 'Updates, moves, new equipment, password changes, travel.',
});
const ERROR = q('error', 'Exact error message or code', {
  help: 'Read it back to the caller; copy it letter for letter.',
});
const REPRODUCE = q('reproduce', 'Can it be reproduced?', { kind: 'yes_no', required: true });
const STEPS = q('steps', 'Steps to reproduce', { kind: 'long_text' });

export const SOP_LIBRARY: Record<string, SopQuestion[]> = {
  ACCOUNT: [
    WANT,
    q('identity', 'Identity checked against the account record?', {
      kind: 'yes_no',
      required: true,
      help: 'Two facts from the record before any reset.',
    }),
    q('system', 'Which system or application?', { required: true }),
    BEFORE,
    ERROR,
  ],
  LAPTOP: [
    WANT,
    q('power', 'Does it power on (lights, fans)?', { kind: 'yes_no', required: true }),
    BEFORE,
    ERROR,
    REPRODUCE,
    STEPS,
    q('spare', 'Does the user need a loan device meanwhile?', { kind: 'yes_no' }),
  ],
  PRINTER: [
    WANT,
    q('others', 'Can other people print to it?', { kind: 'yes_no', required: true }),
    q('panel', 'What does the printer panel show?'),
    ERROR,
    REPRODUCE,
  ],
  NETWORK: [
    WANT,
    q('scope', 'Who is affected: one person, a floor, the site?', { required: true }),
    q('since', 'Since when?', { required: true }),
    q('wired', 'Wired, wireless, or both?'),
    BEFORE,
    REPRODUCE,
  ],
  VPN: [
    WANT,
    q('where', 'Where is the user connecting from (home, hotel, mobile)?', { required: true }),
    q('client', 'VPN client and version'),
    ERROR,
    REPRODUCE,
    STEPS,
  ],
  EMAIL: [
    WANT,
    q('client', 'Which client: desktop, web or phone?', { required: true }),
    q('scope', 'One mailbox, or shared mailboxes too?'),
    ERROR,
    REPRODUCE,
    STEPS,
  ],
  LICENCE: [
    WANT,
    q('product', 'Which product and edition?', { required: true }),
    q('licence', 'Licence or agreement number on the record'),
    q('approved', 'Has the cost centre approved it?', { kind: 'yes_no' }),
  ],
  ONSITE: [
    WANT,
    q('from_to', 'From where to where (building, floor, desk)?', { required: true }),
    q('when', 'When must it be done by?', { required: true }),
    q('access', 'Who gives access on site?'),
  ],
  SECURITY: [
    WANT,
    q('what', 'What did the user see or click?', { kind: 'long_text', required: true }),
    q('isolated', 'Has the device been disconnected from the network?', {
      kind: 'yes_no',
      required: true,
    }),
    q('credentials', 'Were credentials typed anywhere?', { kind: 'yes_no', required: true }),
  ],
  PHONE: [
    WANT,
    q('extension', 'Extension or number affected', { required: true }),
    q('direction', 'Inbound, outbound, or both?'),
    REPRODUCE,
  ],
  DATABASE: [
    WANT,
    q('database', 'Database or report name', { required: true }),
    ERROR,
    REPRODUCE,
    STEPS,
  ],
};
