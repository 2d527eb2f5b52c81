/**
 * What a desk's data is taken out as: tickets (their fields, times, SLA outcome and tiers), the
 * communication log, or the callers with their accounts and equipment, as CSV or XLSX, for a
 * period and filters. The file is written on the desk, then fetched in pieces.
 */
export const EXPORT_KINDS = ['tickets', 'contacts', 'callers'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Which tickets by state: open (not resolved), resolved, or all. */
export const EXPORT_STATES = ['all', 'open', 'resolved'] as const;
export type ExportState = (typeof EXPORT_STATES)[number];

/** An export written and waiting to be fetched. */
export interface ExportReady {
  exportId: string;
  fileName: string;
  rows: number;
  bytes: number;
}

/** One piece of the file: base64, and where the next starts (null: that was the last). */
export interface ExportPiece {
  data: string;
  next: number | null;
}

/** A piece of an export is at most this many bytes (the contract's messages stay small). */
export const EXPORT_PIECE_BYTES = 512 * 1024;
