import { describe, expect, it } from 'vitest';
import { summaryTable } from './summary';

describe('summaryTable', () => {
  it('pivots the counts: categories by states, in workflow order, with totals', () => {
    const table = summaryTable([
      { state: 'county_recommended', category: 2, count: 1 },
      { state: 'submitted', category: 1, count: 3 },
      { state: 'submitted', category: 2, count: 2 },
      { state: 'returned', category: 1, count: 1 },
    ]);
    expect(table.states).toEqual(['submitted', 'returned', 'county_recommended']);
    expect(table.rows).toEqual([
      { category: 1, counts: { submitted: 3, returned: 1 }, total: 4 },
      { category: 2, counts: { county_recommended: 1, submitted: 2 }, total: 3 },
    ]);
    expect(table.totals).toEqual({ submitted: 5, returned: 1, county_recommended: 1 });
    expect(table.total).toBe(7);
  });

  it('is empty for no counts', () => {
    expect(summaryTable([])).toEqual({ states: [], rows: [], totals: {}, total: 0 });
  });
});
