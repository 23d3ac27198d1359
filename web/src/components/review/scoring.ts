// The expert's score sheet on the client: the same checks the server makes before a sheet is
// saved or submitted (the server stays authoritative), and the total the sheet adds up to.
import type { Criterion } from '@/api/review';

/** What a field of the sheet lacks: a score, a score in range, a comment for a low score. */
export type SheetRule = 'score_required' | 'score_range' | 'comment_required';

/** Problems keyed by the server's paths: `scores.<criterion>`, `comments.<criterion>`. */
export type SheetProblems = Record<string, SheetRule>;

export interface SheetInput {
  scores: Record<string, number | null | undefined>;
  comments: Record<string, string | undefined>;
}

function isScore(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * The sheet's problems. A draft may leave scores out (`forSubmit` false) but never holds one
 * outside [0, max]; a submission needs every score and a comment for each score strictly below
 * `commentBelow` × max (0.6: below 60 %).
 */
export function sheetProblems(
  criteria: readonly Criterion[],
  sheet: SheetInput,
  commentBelow: number,
  forSubmit: boolean,
): SheetProblems {
  const problems: SheetProblems = {};
  for (const criterion of criteria) {
    const score = sheet.scores[criterion.id];
    if (!isScore(score)) {
      if (forSubmit) problems[`scores.${criterion.id}`] = 'score_required';
      continue;
    }
    if (score < 0 || score > criterion.max_score) {
      problems[`scores.${criterion.id}`] = 'score_range';
      continue;
    }
    const comment = (sheet.comments[criterion.id] ?? '').trim();
    if (forSubmit && score < commentBelow * criterion.max_score && comment === '') {
      problems[`comments.${criterion.id}`] = 'comment_required';
    }
  }
  return problems;
}

/** Whether a comment is required for this score (shown as the field is filled). */
export function needsComment(criterion: Criterion, score: unknown, commentBelow: number): boolean {
  return isScore(score) && score < commentBelow * criterion.max_score;
}

/** Σ weight × score ÷ max on 0–100 (domain::expert_total); null until every score is there. */
export function sheetTotal(
  criteria: readonly Criterion[],
  scores: Record<string, number | null | undefined>,
): number | null {
  let total = 0;
  for (const criterion of criteria) {
    const score = scores[criterion.id];
    if (!isScore(score) || criterion.max_score <= 0) return null;
    total += (criterion.weight * score) / criterion.max_score;
  }
  return total;
}

/** A score for reading: two decimals ("87.25"), '' when there is none. */
export function formatScore(value: number | null | undefined): string {
  return isScore(value) ? value.toFixed(2) : '';
}
