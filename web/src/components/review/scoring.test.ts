import { describe, expect, it } from 'vitest';
import type { Criterion } from '@/api/review';
import { formatScore, needsComment, sheetProblems, sheetTotal } from './scoring';

const criteria: Criterion[] = [
  { id: 'basis', name_zh: '实施基础', name_en: 'Basis', weight: 20, max_score: 20 },
  { id: 'tech', name_zh: '技术', name_en: 'Tech', weight: 30, max_score: 100 },
  { id: 'results', name_zh: '成效', name_en: 'Results', weight: 50, max_score: 50 },
];

describe('sheetProblems', () => {
  it('lets a draft leave scores out but never out of range', () => {
    expect(sheetProblems(criteria, { scores: {}, comments: {} }, 0.6, false)).toEqual({});
    expect(
      sheetProblems(criteria, { scores: { basis: 21, tech: -1 }, comments: {} }, 0.6, false),
    ).toEqual({ 'scores.basis': 'score_range', 'scores.tech': 'score_range' });
  });

  it('needs every score for a submission', () => {
    expect(
      sheetProblems(criteria, { scores: { basis: 18, tech: null }, comments: {} }, 0.6, true),
    ).toEqual({ 'scores.tech': 'score_required', 'scores.results': 'score_required' });
  });

  it('needs a comment strictly below 60 % of the maximum', () => {
    const scores = { basis: 11.9, tech: 60, results: 29.99 };
    expect(sheetProblems(criteria, { scores, comments: { results: '  ' } }, 0.6, true)).toEqual({
      'comments.basis': 'comment_required',
      'comments.results': 'comment_required',
    });
    expect(
      sheetProblems(
        criteria,
        { scores, comments: { basis: '基础薄弱', results: '成效不足' } },
        0.6,
        true,
      ),
    ).toEqual({});
    // Exactly 60 % needs none.
    expect(needsComment(criteria[0]!, 12, 0.6)).toBe(false);
    expect(needsComment(criteria[0]!, 11.5, 0.6)).toBe(true);
    expect(needsComment(criteria[0]!, null, 0.6)).toBe(false);
  });
});

describe('sheetTotal', () => {
  it('weighs each score by its maximum, on 0–100', () => {
    expect(sheetTotal(criteria, { basis: 20, tech: 100, results: 50 })).toBe(100);
    expect(sheetTotal(criteria, { basis: 10, tech: 50, results: 25 })).toBe(50);
    expect(sheetTotal(criteria, { basis: 16, tech: 90, results: 40 })).toBeCloseTo(83, 10);
  });

  it('has no total until every score is there', () => {
    expect(sheetTotal(criteria, { basis: 16, tech: 90 })).toBeNull();
  });

  it('formats scores with two decimals', () => {
    expect(formatScore(83)).toBe('83.00');
    expect(formatScore(86.666666)).toBe('86.67');
    expect(formatScore(null)).toBe('');
  });
});
