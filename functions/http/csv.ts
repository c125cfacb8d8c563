import type { Context } from 'hono';

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvValue;
}

/** Text a spreadsheet would run as a formula (or turn into one) if a cell started with it. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * CSV as Excel opens it: UTF-8 with a byte-order mark (so Chinese text reads right), CRLF line
 * ends, every text cell quoted. A text cell that starts like a formula (`=`, `+`, `-`, `@`, a tab
 * or a carriage return) is prefixed with an apostrophe, so a comment such as `=HYPERLINK(…)` stays
 * text. Numbers are written as numbers; nothing else becomes a number.
 */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  const lines = [
    columns.map((c) => text(c.header)),
    ...rows.map((row) => columns.map((c) => cell(c.value(row)))),
  ];
  return `\uFEFF${lines.map((line) => line.join(',')).join('\r\n')}\r\n`;
}

function cell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return text(value);
}

function text(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** Answers a CSV download named `filename`. */
export function csvResponse(c: Context, filename: string, csv: string) {
  c.header('content-type', 'text/csv; charset=utf-8');
  c.header('content-disposition', `attachment; filename="${filename}"`);
  c.header('cache-control', 'no-store');
  return c.body(csv, 200);
}
