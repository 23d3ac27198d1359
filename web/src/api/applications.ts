// The applicant's API of issue 6 (docs/applications-api.md, "Applications"): batches, the
// enterprise's applications, saving the draft, 定稿, submission, withdrawal and the history.
// Money is integer fen, times UTC ISO-8601.
import { api } from './client';

export interface Batch {
  id: number;
  code: string;
  name_zh: string;
  name_en: string;
  is_demo: boolean;
  opens_at: string | null;
  closes_at: string;
}

/** The states of domain/workflow.hpp, in the order an application goes through them. */
export const APPLICATION_STATES = [
  'draft',
  'submitted',
  'returned',
  'county_declined',
  'county_recommended',
  'supplement_requested',
  'formal_check_failed',
  'formal_check_passed',
  'under_review',
  'reviewed',
  'in_library',
  'not_selected',
  'selected',
  'publicized',
  'objection_upheld',
  'approved',
  'withdrawn',
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

/** States in which the enterprise may still change the form (store::application_editable). */
export const EDITABLE_STATES: readonly string[] = ['draft', 'returned', 'supplement_requested'];

/** The four categories of the notice (their names are applications.categories.<n>). */
export const CATEGORIES = [1, 2, 3, 4] as const;
export type CategoryNumber = (typeof CATEGORIES)[number];

/** The binding rules of domain/subsidy.hpp (BoundBy). */
export const BOUND_BY = [
  'requested',
  'rate',
  'project_cap',
  'enterprise_cap',
  'cluster_cap',
  'not_eligible',
] as const;
export type BoundBy = (typeof BOUND_BY)[number];

export type InvoiceKind = 'vat' | 'fully_digital';

export interface Invoice {
  kind: InvoiceKind;
  code: string;
  number: string;
  date: string;
  buyer_tax_id: string;
  amount_without_tax_fen: number | null;
  tax_fen: number | null;
  amount_with_tax_fen: number | null;
}

export interface InvestmentLine {
  type: string;
  description: string;
  supplier: string;
  huawei_cloud: boolean;
  member_credit_code: string | null;
  invoice: Invoice;
}

export interface Target {
  indicator: string;
  baseline: string;
  target: string;
  unit: string;
}

export interface ClusterMember {
  credit_code: string;
  name: string;
  county_code: string;
}

export interface Cluster {
  cluster_id: string;
  lead: { name: string; credit_code: string; kind: 'enterprise' | 'association' };
  members: ClusterMember[];
}

export interface TrainingEvent {
  date: string;
  topic: string;
  venue: string;
  audience: string;
  planned_trainees: number | null;
}

export interface Declaration {
  id: string;
  declared: boolean;
  evidence_upload_id: number | null;
}

/** The form document; every part optional because a draft may be anything but malformed. */
export interface ApplicationForm {
  project_name?: string;
  direction?: string | null;
  summary?: string;
  start_date?: string | null;
  end_date?: string | null;
  contact?: { name: string; phone: string };
  requested_fen?: number | null;
  targets?: Target[];
  investment_lines?: InvestmentLine[];
  cluster?: Cluster | null;
  training_events?: TrainingEvent[];
  declarations?: Declaration[];
}

export interface Computed {
  eligible_investment_fen: number;
  max_subsidy_fen: number;
  /** The rule that bound `amount_fen` (min of requested and maximum). */
  bound_by: BoundBy | string;
  /** The rule that bound the maximum subsidy itself. */
  max_bound_by?: BoundBy | string;
  amount_fen?: number;
  rate_bp?: number | null;
  rate_limit_fen?: number | null;
  cap_fen?: number | null;
  requested_fen?: number | null;
  requested_within_max?: boolean;
  /** Why not eligible (IneligibleReason: not_sme, training_events_below_minimum, …). */
  ineligible?: string | null;
  excluded?: { line: number; reason: string }[];
  members?: {
    credit_code: string;
    eligible_investment_fen: number;
    amount_fen: number;
    bound_by: string;
  }[];
  cluster?: { members_total_fen: number; total_fen: number; cap_fen: number; scaled: boolean };
  training?: {
    events: number;
    trainees: number;
    min_events: number;
    min_trainees: number;
    ok: boolean;
  };
  explanation_zh?: string;
  explanation_en?: string;
}

export interface FormProblem {
  field: string;
  rule: string;
  /** In the request's language; the answer's `problems` may leave it out (see problemWords). */
  message?: string;
  facts?: Record<string, unknown>;
}

export interface MaterialFile {
  upload_id: number;
  file_name: string;
  size_bytes: number;
  content_type: string | null;
  sha256: string;
  completed_at: string | null;
}

export interface Material {
  material_id: string;
  name_zh: string;
  name_en?: string;
  required: boolean;
  files: MaterialFile[];
}

/** A policy choice the answer may carry (directions, investment types, declarations). */
export interface PolicyChoice {
  id: string;
  name_zh: string;
  name_en?: string;
}

export interface Application {
  id: number;
  number: string;
  batch_id: number;
  category: CategoryNumber;
  category_name_zh: string;
  category_name_en?: string;
  enterprise_id: number;
  enterprise_name: string;
  county_code: string;
  state: ApplicationState;
  version: number;
  editable: boolean;
  finalized: boolean;
  finalized_hash: string | null;
  finalized_at: string | null;
  submitted_at: string | null;
  returned_at: string | null;
  revision: number;
  deadline: string;
  revision_deadline: string | null;
  updated_at?: string;
  form: ApplicationForm;
  computed: Computed | null;
  problems: FormProblem[];
  warnings: FormProblem[];
  materials: Material[];
  next_step: string;
  /** The policy's choices for this category (else the app's static lists). */
  options?: {
    directions?: PolicyChoice[];
    investment_types?: PolicyChoice[];
    declarations?: PolicyChoice[];
    clusters?: PolicyChoice[];
  };
  /** The sealed scan was uploaded after the latest 定稿. */
  sealed_scan_current?: boolean;
  missing_materials?: string[];
  /** List rows carry the project name here and no form. */
  project_name?: string;
  /** The last return, supplement request or failure the enterprise must read. */
  review_feedback?: ReviewFeedback | null;
  enterprise_credit_code?: string;
  /** List rows carry the amounts here. */
  requested_fen?: number | null;
  computed_fen?: number | null;
}

/** Why an application came back (docs/review-api.md): never who, beyond the role. */
export interface ReviewFeedback {
  action: string;
  role?: string;
  reason: string;
  fields: string[];
  at: string;
}

export interface ApplicationPage {
  applications: Application[];
  total: number;
}

export interface HistoryEvent {
  at: string;
  action: string;
  from_state: string | null;
  to_state: string;
  actor_role?: string;
  reason?: string | null;
}

/** 409 stale_version's facts. */
export interface StaleVersionFacts {
  current_version: number;
  changed: string[];
  updated_by?: string | number;
  updated_by_name?: string;
  updated_at?: string;
}

export async function listBatches(): Promise<Batch[]> {
  const answer = await api.get<{ batches: Batch[] }>('/api/batches');
  return answer?.batches ?? [];
}

export async function listApplications(
  query: {
    batch_id?: number;
    category?: number;
    state?: string;
    /** Matches enterprise name, credit code, project name or number (county queue). */
    q?: string;
    page?: number;
    page_size?: number;
  } = {},
): Promise<ApplicationPage> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  const answer = await api.get<ApplicationPage | Application[]>(
    `/api/applications${qs ? `?${qs}` : ''}`,
  );
  // A bare list is accepted too.
  if (Array.isArray(answer)) return { applications: answer, total: answer.length };
  return { applications: answer?.applications ?? [], total: answer?.total ?? 0 };
}

export function createApplication(batchId: number, category: number): Promise<Application> {
  return api.post<Application>('/api/applications', { batch_id: batchId, category });
}

export function getApplication(id: number): Promise<Application> {
  return api.get<Application>(`/api/applications/${id}`);
}

export function saveApplication(
  id: number,
  version: number,
  form: ApplicationForm,
): Promise<Application> {
  return api.put<Application>(`/api/applications/${id}`, { version, form });
}

export function finalizeApplication(id: number, version: number): Promise<Application> {
  return api.post<Application>(`/api/applications/${id}/finalize`, { version });
}

export function submitApplication(id: number, version: number): Promise<Application> {
  return api.post<Application>(`/api/applications/${id}/submit`, { version });
}

export function withdrawApplication(id: number, reason: string): Promise<Application> {
  return api.post<Application>(`/api/applications/${id}/withdraw`, { reason });
}

export async function getHistory(id: number): Promise<HistoryEvent[]> {
  const answer = await api.get<{ events: HistoryEvent[] } | HistoryEvent[]>(
    `/api/applications/${id}/history`,
  );
  if (Array.isArray(answer)) return answer;
  return answer?.events ?? [];
}

/** Where the 申报书 PDF is (a plain link: the browser downloads it with the session cookie). */
export function documentUrl(id: number): string {
  return `/api/applications/${id}/document.pdf`;
}

/** Every application the query matches, read page by page (the server serves at most 200 a page). */
export async function listAllApplications(
  query: Omit<Parameters<typeof listApplications>[0], 'page' | 'page_size'> = {},
): Promise<Application[]> {
  const all: Application[] = [];
  for (let page = 1; page <= 50; page += 1) {
    const answer = await listApplications({ ...query, page, page_size: 200 });
    all.push(...answer.applications);
    if (answer.applications.length < 200 || all.length >= answer.total) break;
  }
  return all;
}
