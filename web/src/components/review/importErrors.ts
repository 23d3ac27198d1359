// The expert CSV import's row-by-row report: the server answers one entry per bad cell
// ({row, field, rule, message}); the table shows one line per row of the file, its problems side
// by side, in file order, with the column named as the file's header names it.
import type { ImportRowError } from '@/api/experts';

export interface ImportErrorLine {
  row: number;
  problems: { field: string; column: string; message: string }[];
}

/** The CSV columns (docs/review-api.md): the English header and the locale key of its name. */
export const IMPORT_COLUMNS = [
  'name',
  'title',
  'employer_name',
  'employer_credit_code',
  'county_code',
  'fields',
  'declared',
  'max_load',
  'phone',
] as const;

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** The column's name in the reader's language; unknown fields (e.g. "row") as they are. */
export function columnName(field: string, t: Translate): string {
  return (IMPORT_COLUMNS as readonly string[]).includes(field)
    ? t(`experts.columns.${field}`)
    : field;
}

/** One line per file row in row order; within a row, problems in column order. */
export function importErrorLines(
  errors: readonly ImportRowError[],
  t: Translate,
): ImportErrorLine[] {
  const byRow = new Map<number, ImportRowError[]>();
  for (const error of errors) {
    const list = byRow.get(error.row) ?? [];
    list.push(error);
    byRow.set(error.row, list);
  }
  const order = (field: string) => {
    const i = (IMPORT_COLUMNS as readonly string[]).indexOf(field);
    return i < 0 ? IMPORT_COLUMNS.length : i;
  };
  return [...byRow.entries()]
    .sort(([a], [b]) => a - b)
    .map(([row, list]) => ({
      row,
      problems: [...list]
        .sort((a, b) => order(a.field) - order(b.field))
        .map((e) => ({
          field: e.field,
          column: columnName(e.field, t),
          message: e.message || t(`experts.importRules.${e.rule}`),
        })),
    }));
}

/** A template the import accepts, with the Chinese header row (Excel opens it with the BOM). */
export function importTemplate(t: Translate): string[] {
  return IMPORT_COLUMNS.map((c) => t(`experts.columns.${c}`));
}
