/**
 * What an import of callers is made of, shared by the contract, the core and the admin's screen:
 * the fields a column can fill, the encodings a text file can be read in, and the views of a
 * staged file, its check and its outcome.
 */

/** The caller record's fields a column of the file can fill (the intake's own fields). */
export const IMPORT_FIELDS = [
  'name',
  'firstName',
  'lastName',
  'organisation',
  'phone',
  'email',
  'accountNumber',
  'modelNumber',
  'serial',
  'location',
  'licence',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Column index per field; a field left out has none. */
export type ImportMapping = Partial<Record<ImportField, number>>;

/** The encodings a CSV is read in: what help desks and spreadsheets write in these languages. */
export const IMPORT_ENCODINGS = [
  'utf-8',
  'utf-16le',
  'utf-16be',
  'windows-1252',
  'windows-1253',
  'windows-1256',
] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

/** A duplicate of a caller on the desk: their record completed from the row, or the row left out. */
export const DUPLICATE_CHOICES = ['merge', 'skip'] as const;
export type DuplicateChoice = (typeof DUPLICATE_CHOICES)[number];

/** The largest file an import takes (a 50 MB export fits with room). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
/** A file travels to the desk in pieces of at most this many bytes (base64: a third more). */
export const IMPORT_PIECE_BYTES = 512 * 1024;

export type ImportPhase = 'reading' | 'checking' | 'writing';

/** A staged file as the desk reads it: its table, and the mapping its headers suggest. */
export interface ImportPreview {
  importId: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  /** The encoding it was read in (null: an XLSX, which says its own). */
  encoding: ImportEncoding | null;
  /** What the desk found the encoding to be (null: an XLSX). */
  detectedEncoding: ImportEncoding | null;
  /** An XLSX's worksheets, and the one read. */
  sheets: string[];
  sheet: string | null;
  /** A CSV's separator. */
  delimiter: string | null;
  /** The header row's names, one per column. */
  columns: string[];
  /** The first rows under the header, as read. */
  sample: string[][];
  /** Rows under the header. */
  rows: number;
  mapping: ImportMapping;
}

/** A row the import leaves out, and why: a rule the screen words, as it words a form's. */
export interface ImportRejection {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: number;
  field: ImportField | null;
  rule: string;
  limit?: number;
  /** What the cell held (cut to 200 characters). */
  value: string;
}

/** A row that is a caller the desk already has. */
export interface ImportDuplicate {
  row: number;
  name: string;
  /** How it was known: the same account number, phone number and name, or email and name. */
  by: 'account' | 'phone' | 'email';
  existing: { id: string; name: string; phone: string; email: string };
}

/** What an import would do (a dry run) or did. */
export interface ImportReport {
  importId: string;
  /** Rows under the header with something in a mapped column. */
  rows: number;
  /** Rows with nothing in any mapped column, passed over. */
  blank: number;
  /** New callers. */
  created: number;
  /** Rows that completed a caller already on the desk, or one earlier in the file. */
  merged: number;
  /** Duplicates left out by choice. */
  skipped: number;
  /** Rows the import refuses (each in `rejections`, up to REPORTED_ROWS). */
  rejected: number;
  newAccounts: number;
  newAssets: number;
  rejections: ImportRejection[];
  duplicates: ImportDuplicate[];
  /** Duplicates of a caller on the desk (each in `duplicates`, up to REPORTED_ROWS). */
  duplicateCount: number;
  /** True once written; false for a dry run. */
  written: boolean;
}

/** Rows of each kind a report lists one by one; the counts are always whole. */
export const REPORTED_ROWS = 1000;
