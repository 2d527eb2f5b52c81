/**
 * A cell that a spreadsheet would run as a formula (it starts with = + - @, or a tab or carriage
 * return that some of them skip first) is written with an apostrophe before it, as OWASP advises
 * against CSV injection: the text is shown, never run. An import takes the apostrophe off again,
 * so a file the desk exported comes back in as it went out.
 */
const RUNS = /^[=+\-@\t\r]/;
const GUARDED = /^'[=+\-@\t\r]/;

export const guardCell = (text: string): string => (RUNS.test(text) ? `'${text}` : text);

export const unguardCell = (text: string): string => (GUARDED.test(text) ? text.slice(1) : text);
