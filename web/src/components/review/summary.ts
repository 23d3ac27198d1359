// The county's counts by state and category (GET /api/county/summary) as a table: one row per
// category, one column per state that occurs, totals at the right and at the bottom.
import type { SummaryCount } from '@/api/county';
import { APPLICATION_STATES } from '@/api/applications';

export interface SummaryTable {
  states: string[];
  rows: { category: number | null; counts: Record<string, number>; total: number }[];
  totals: Record<string, number>;
  total: number;
}

export function summaryTable(counts: readonly SummaryCount[]): SummaryTable {
  const order = (s: string) => {
    const i = (APPLICATION_STATES as readonly string[]).indexOf(s);
    return i < 0 ? APPLICATION_STATES.length : i;
  };
  const states = [...new Set(counts.map((c) => c.state))].sort((a, b) => order(a) - order(b));
  const byCategory = new Map<number, Record<string, number>>();
  const totals: Record<string, number> = {};
  let total = 0;
  for (const c of counts) {
    const row = byCategory.get(c.category) ?? {};
    row[c.state] = (row[c.state] ?? 0) + c.count;
    byCategory.set(c.category, row);
    totals[c.state] = (totals[c.state] ?? 0) + c.count;
    total += c.count;
  }
  const rows = [...byCategory.entries()]
    .sort(([a], [b]) => a - b)
    .map(([category, row]) => ({
      category,
      counts: row,
      total: Object.values(row).reduce((sum, n) => sum + n, 0),
    }));
  return { states, rows, totals, total };
}
