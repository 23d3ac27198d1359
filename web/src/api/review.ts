// The organizer's and the experts' part of the review (docs/review-api.md): formal check
// (形式审查) and its re-check sample, assignment runs (专家分配), pledges (承诺书), score sheets,
// aggregation, the project library (入库) and the schedule. Money in fen, times UTC.
import { api } from './client';

// ---- formal check ------------------------------------------------------------------------------

export interface ChecklistItem {
  id: string;
  label_zh: string;
  label_en: string;
  automatic: boolean;
  ok: boolean;
  facts?: Record<string, unknown>;
}

export type FormalOutcome = 'pass' | 'supplement' | 'fail';

export interface FormalCheckRecord {
  round?: number;
  outcome: FormalOutcome;
  checklist: Record<string, boolean>;
  reason: string | null;
  fields?: string[];
  checked_by?: string | number | null;
  checked_by_name?: string | null;
  checked_at?: string;
}

export interface FormalCheckView {
  items: ChecklistItem[];
  checks: FormalCheckRecord[];
}

export async function getFormalCheck(applicationId: number): Promise<FormalCheckView> {
  const answer = await api.get<Partial<FormalCheckView>>(
    `/api/applications/${applicationId}/formal-check`,
  );
  return { items: answer?.items ?? [], checks: answer?.checks ?? [] };
}

export interface FormalCheckInput {
  version: number;
  outcome: FormalOutcome;
  checklist: Record<string, boolean>;
  reason: string;
  fields: string[];
}

export function postFormalCheck(applicationId: number, input: FormalCheckInput): Promise<unknown> {
  return api.post(`/api/applications/${applicationId}/formal-check`, input);
}

export async function drawRecheckSample(
  batchId: number,
  sharePercent: number,
  seed?: number,
): Promise<number[]> {
  const body: Record<string, number> = { share_percent: sharePercent };
  if (seed !== undefined) body.seed = seed;
  const answer = await api.post<{ sampled: number[] }>(
    `/api/batches/${batchId}/formal-recheck/sample`,
    body,
  );
  return answer?.sampled ?? [];
}

export function postRecheck(
  applicationId: number,
  input: { outcome: FormalOutcome; checklist: Record<string, boolean>; reason: string },
): Promise<unknown> {
  return api.post(`/api/applications/${applicationId}/formal-recheck`, input);
}

export interface RecheckRow {
  application_id: number;
  number: string;
  first: FormalCheckRecord | null;
  recheck: FormalCheckRecord | null;
  agree: boolean | null;
}

export interface RecheckSample {
  sampled: RecheckRow[];
  disagreements: number;
}

export async function getRecheckSample(batchId: number): Promise<RecheckSample> {
  const answer = await api.get<Partial<RecheckSample>>(`/api/batches/${batchId}/formal-recheck`);
  return { sampled: answer?.sampled ?? [], disagreements: answer?.disagreements ?? 0 };
}

// ---- assignment --------------------------------------------------------------------------------

export type MatchQuality = 'industry' | 'category' | 'none';

export interface SlotExpert {
  expert_id: number;
  name: string;
  match: MatchQuality | string;
}

export interface RunApplication {
  application_id: number;
  number: string;
  project_name: string;
  enterprise_name: string;
  category: number;
  experts: SlotExpert[];
}

export interface ExpertLoad {
  expert_id: number;
  name: string;
  load: number;
  max_load: number;
}

export interface Shortage {
  application_id?: number;
  application?: string | number;
  number?: string;
  reason?: string;
  needed?: number;
  assigned?: number;
  eligible?: number;
}

export interface RunStatistics {
  applications: number;
  experts_used: number;
  loads: ExpertLoad[];
  industry_matches: number;
  category_matches: number;
  unmatched: number;
  conflicts_avoided: { same_employer: number; declared: number; same_county: number };
  shortages: Shortage[];
}

export interface AssignmentRun {
  id: number;
  state: 'preview' | 'confirmed' | string;
  category: number | null;
  applications: RunApplication[];
  statistics: RunStatistics;
}

export function runAssignment(
  batchId: number,
  options: { category?: number; seed?: number } = {},
): Promise<AssignmentRun> {
  return api.post<AssignmentRun>(`/api/batches/${batchId}/assignment-runs`, options);
}

export function getAssignmentRun(runId: number): Promise<AssignmentRun> {
  return api.get<AssignmentRun>(`/api/assignment-runs/${runId}`);
}

export function adjustSlot(
  runId: number,
  slot: { application_id: number; remove_expert_id: number; add_expert_id: number },
): Promise<AssignmentRun> {
  return api.put<AssignmentRun>(`/api/assignment-runs/${runId}/slots`, slot);
}

export function confirmAssignmentRun(runId: number): Promise<AssignmentRun> {
  return api.post<AssignmentRun>(`/api/assignment-runs/${runId}/confirm`);
}

export function addReviewer(applicationId: number, expertId: number): Promise<unknown> {
  return api.post(`/api/applications/${applicationId}/reviewers`, { expert_id: expertId });
}

// ---- pledge and reviews ------------------------------------------------------------------------

export interface Pledge {
  batch_id: number;
  text_zh: string;
  text_en: string;
  pledge_hash: string;
  accepted_at: string | null;
}

export function getPledge(batchId: number): Promise<Pledge> {
  return api.get<Pledge>(`/api/pledges/${batchId}`);
}

export function acceptPledge(batchId: number, pledgeHash: string): Promise<unknown> {
  return api.post(`/api/pledges/${batchId}`, { pledge_hash: pledgeHash });
}

export type SheetState = 'pending' | 'draft' | 'submitted' | string;

export interface ReviewRow {
  id: number;
  application_id: number;
  number: string;
  project_name: string;
  category: number;
  due_at: string | null;
  state: SheetState;
  total: number | null;
  batch_id?: number;
  expert_id?: number;
  expert_name?: string;
  enterprise_name?: string;
}

export interface ReviewList {
  reviews: ReviewRow[];
  /** The expert has not yet accepted the pledge of these batches: nothing is listed. */
  pledge_required: boolean;
  batches: number[];
}

export async function listReviews(query: { batch_id?: number; state?: string } = {}) {
  const params = new URLSearchParams();
  if (query.batch_id !== undefined) params.set('batch_id', String(query.batch_id));
  if (query.state) params.set('state', query.state);
  const qs = params.toString();
  const answer = await api.get<{
    reviews?: (ReviewRow & { expert?: { id: number; name: string } })[];
    pledge_required?: boolean;
    batches?: (number | { id?: number; batch_id?: number })[];
  }>(`/api/reviews${qs ? `?${qs}` : ''}`);
  const batches = (answer?.batches ?? [])
    .map((b) => (typeof b === 'number' ? b : (b.batch_id ?? b.id)))
    .filter((b): b is number => typeof b === 'number');
  return {
    // The organizer's rows name the expert as {id, name}.
    reviews: (answer?.reviews ?? []).map(({ expert, ...row }) =>
      expert ? { ...row, expert_id: expert.id, expert_name: expert.name } : row,
    ),
    pledge_required: answer?.pledge_required === true,
    batches,
  } satisfies ReviewList;
}

export interface Criterion {
  id: string;
  name_zh: string;
  name_en: string;
  weight: number;
  max_score: number;
}

export interface ReviewSheet {
  id: number;
  application: {
    id: number;
    number: string;
    project_name: string;
    category: number;
    enterprise_name: string;
    batch_id?: number;
  };
  criteria: Criterion[];
  /** The fraction of a criterion's maximum under which a comment is required (0.6). */
  comment_below: number;
  scores: Record<string, number | null>;
  comments: Record<string, string>;
  overall_comment: string;
  state: SheetState;
  version: number;
  submitted_at: string | null;
  entered_by_role: string | null;
  due_at?: string | null;
  batch_id?: number;
  expert?: { id: number; name: string };
  offline_note?: string;
  reopened_reason?: string;
}

export function getReview(id: number): Promise<ReviewSheet> {
  return api.get<ReviewSheet>(`/api/reviews/${id}`);
}

export interface ScoreInput {
  version: number;
  scores: Record<string, number | null>;
  comments: Record<string, string>;
  overall_comment: string;
  offline_note?: string;
}

export function saveScores(id: number, input: ScoreInput): Promise<ReviewSheet> {
  return api.put<ReviewSheet>(`/api/reviews/${id}/scores`, input);
}

/** `offlineNote`: the organizer submits an offline meeting's sheet on the expert's behalf. */
export function submitReview(
  id: number,
  version: number,
  offlineNote?: string,
): Promise<ReviewSheet> {
  const body = offlineNote === undefined ? { version } : { version, offline_note: offlineNote };
  return api.post<ReviewSheet>(`/api/reviews/${id}/submit`, body);
}

export function reopenReview(id: number, reason: string): Promise<unknown> {
  return api.post(`/api/reviews/${id}/reopen`, { reason });
}

export function declareReviewConflict(id: number, reason: string): Promise<unknown> {
  return api.post(`/api/reviews/${id}/conflict`, { reason });
}

export function myScoreSheetUrl(batchId: number): string {
  return `/api/experts/me/score-sheet.pdf?batch_id=${batchId}`;
}

export function expertScoreSheetUrl(expertId: number, batchId: number): string {
  return `/api/experts/${expertId}/score-sheet.pdf?batch_id=${batchId}`;
}

export function materialsZipUrl(applicationId: number): string {
  return `/api/applications/${applicationId}/materials.zip`;
}

// ---- aggregation and library -------------------------------------------------------------------

export interface ResultRow {
  application_id: number;
  number: string;
  project_name: string;
  enterprise_name: string;
  category: number;
  state: string;
  sheets_submitted: number;
  sheets_expected: number;
  trimmed_mean: number | null;
  normalized: number | null;
  ranking_score: number | null;
  spread_sd: number | null;
  divergent: boolean;
}

export interface ReviewResults {
  ranking_score: string;
  threshold: number;
  categories: { category: number; applications: number; fully_scored: boolean }[];
  applications: ResultRow[];
}

export async function getReviewResults(batchId: number, category?: number): Promise<ReviewResults> {
  const qs = category === undefined ? '' : `?category=${category}`;
  const answer = await api.get<Partial<ReviewResults>>(
    `/api/batches/${batchId}/review-results${qs}`,
  );
  return {
    ranking_score: answer?.ranking_score ?? 'trimmed_mean',
    threshold: answer?.threshold ?? 0,
    categories: answer?.categories ?? [],
    applications: answer?.applications ?? [],
  };
}

export function moveToLibrary(batchId: number, category: number): Promise<unknown> {
  return api.post(`/api/batches/${batchId}/library`, { category });
}

export interface LibraryRow {
  application_id: number;
  number: string;
  project_name: string;
  enterprise_name: string;
  county_code: string;
  category: number;
  computed_fen: number | null;
  requested_fen: number | null;
  trimmed_mean: number | null;
  normalized: number | null;
  ranking_score: number | null;
  rank: number;
}

export async function getLibrary(batchId: number, category?: number): Promise<LibraryRow[]> {
  const qs = category === undefined ? '' : `?category=${category}`;
  const answer = await api.get<{ applications: LibraryRow[] }>(
    `/api/batches/${batchId}/library${qs}`,
  );
  return answer?.applications ?? [];
}

// ---- schedule ----------------------------------------------------------------------------------

export const STAGES = ['county', 'formal_check', 'review'] as const;
export type Stage = (typeof STAGES)[number];

export interface Extension {
  previous_due_at: string | null;
  new_due_at: string;
  reason: string;
  by: string | number | null;
  at: string;
}

export interface StageDeadline {
  stage: Stage;
  due_at: string | null;
  extensions: Extension[];
}

export async function getSchedule(batchId: number): Promise<StageDeadline[]> {
  const answer = await api.get<{ stages: StageDeadline[] }>(`/api/batches/${batchId}/schedule`);
  return answer?.stages ?? [];
}

export function setStageDeadline(
  batchId: number,
  stage: Stage,
  dueAt: string,
  reason: string,
): Promise<unknown> {
  return api.put(`/api/batches/${batchId}/schedule/${stage}`, { due_at: dueAt, reason });
}
