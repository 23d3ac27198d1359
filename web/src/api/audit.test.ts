import { describe, expect, it } from 'vitest';
import { auditQueryString, summaryText } from './audit';

describe('audit', () => {
  it('sends only the filters that are set', () => {
    expect(
      auditQueryString({
        actor: 'demo-admin',
        action: '',
        from: '2026-11-26T16:00:00Z',
        page: 2,
        page_size: 50,
      }),
    ).toBe('actor=demo-admin&from=2026-11-26T16%3A00%3A00Z&page=2&page_size=50');
  });

  it('shows recorded details as one line', () => {
    expect(summaryText('logged in')).toBe('logged in');
    expect(summaryText({ reason: 'password_wrong' })).toBe('reason: password_wrong');
    expect(summaryText({ before: { verified: false }, note: '已查验' })).toBe(
      'before: {"verified":false}; note: 已查验',
    );
    expect(summaryText({})).toBe('');
    expect(summaryText(null)).toBe('');
    expect(summaryText([1, 2])).toBe('[1,2]');
  });
});
