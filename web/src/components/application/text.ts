// How an application's machine words read to a person: state names and tag colours, the next
// step, the rule that bound the subsidy, and which step of the form a field path belongs to.
import type { ApplicationState, Computed } from '@/api/applications';
import { formatWan } from '@/utils/money';

type Translate = (key: string, named?: Record<string, unknown>) => string;
type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info';

const stateTags: Record<ApplicationState, TagType> = {
  draft: 'info',
  submitted: 'primary',
  returned: 'warning',
  county_declined: 'danger',
  county_recommended: 'primary',
  supplement_requested: 'warning',
  formal_check_failed: 'danger',
  formal_check_passed: 'primary',
  under_review: 'primary',
  reviewed: 'primary',
  in_library: 'primary',
  not_selected: 'info',
  selected: 'success',
  publicized: 'success',
  objection_upheld: 'danger',
  approved: 'success',
  withdrawn: 'info',
};

export function stateTagType(state: string): TagType {
  return stateTags[state as ApplicationState] ?? 'info';
}

export function stateName(state: string, t: Translate): string {
  return state in stateTags ? t(`applications.states.${state}`) : state;
}

/** The form's steps, in order (el-steps indexes). */
export const STEPS = ['basic', 'investment', 'declarations', 'materials', 'finalize'] as const;
export type StepKey = (typeof STEPS)[number];

const basicFields = [
  'project_name',
  'direction',
  'summary',
  'start_date',
  'end_date',
  'contact',
  'requested_fen',
  'targets',
  'cluster',
  'training_events',
];

/** The step (index of STEPS) where a problem's field is entered; the last step otherwise. */
export function stepOfField(field: string): number {
  const path = field.replace(/^form\./, '');
  const head = /^[a-z_]+/.exec(path)?.[0] ?? '';
  if (head === 'investment_lines') return 1;
  if (head === 'declarations') return 2;
  if (head === 'materials' || head === 'material' || field.startsWith('declaration:')) return 3;
  if (field.startsWith('form.') && basicFields.includes(head)) return 0;
  if (basicFields.includes(head)) return 0;
  return STEPS.length - 1;
}

/** A form problem in words: the server's message, else the rule's text from the locale files
 *  ("绩效目标：请至少填写一项"), else the rule's name. */
export function problemWords(
  problem: { field: string; rule: string; message?: string; facts?: Record<string, unknown> },
  t: Translate,
  te: (key: string) => boolean,
): string {
  if (problem.message) return problem.message;
  const section = sectionName(problem.field, t);
  const key = `applications.rules.${problem.rule}`;
  const rule = te(key) ? t(key, problem.facts ?? {}) : problem.rule;
  const row = /\[(\d+)\]/.exec(problem.field)?.[1];
  const where =
    row === undefined ? section : t('applications.rowOf', { section, n: Number(row) + 1 });
  return t('applications.ruleAt', { where, rule });
}

/** "受单个项目上限（100万元）约束", "按投入的 50% 计算", … for the computed subsidy. */
export function boundByText(computed: Computed, t: Translate, locale: string): string {
  const cap = (fen: number | null | undefined) => formatWan(fen ?? 0);
  switch (computed.bound_by) {
    case 'requested':
      return t('applications.boundBy.requested');
    case 'rate':
      return t('applications.boundBy.rate', { rate: (computed.rate_bp ?? 0) / 100 });
    case 'project_cap':
      return t('applications.boundBy.project_cap', { cap: cap(computed.cap_fen) });
    case 'enterprise_cap':
      return t('applications.boundBy.enterprise_cap', { cap: cap(computed.cap_fen) });
    case 'cluster_cap':
      return t('applications.boundBy.cluster_cap', {
        cap: cap(computed.cluster?.cap_fen ?? computed.cap_fen),
      });
    case 'not_eligible': {
      const reason = computed.ineligible
        ? t(`applications.ineligible.${computed.ineligible}`)
        : ((locale === 'en' ? computed.explanation_en : computed.explanation_zh) ?? '');
      return t('applications.boundBy.not_eligible', { reason });
    }
    default:
      return (locale === 'en' ? computed.explanation_en : computed.explanation_zh) ?? '';
  }
}

const knownNextSteps = [
  'wait_formal_check',
  'closed',
  'fill_form',
  'finalize',
  'upload_sealed_scan',
  'upload_materials',
  'submit',
  'wait_county',
  'revise',
  'supplement',
  'wait_review',
  'none',
];

/** The next step in words; unknown steps fall back to what the state implies. */
export function nextStepText(nextStep: string | undefined, state: string, t: Translate): string {
  if (nextStep && knownNextSteps.includes(nextStep)) return t(`applications.nextSteps.${nextStep}`);
  if (state === 'draft') return t('applications.nextSteps.fill_form');
  if (state === 'returned') return t('applications.nextSteps.revise');
  if (state === 'supplement_requested') return t('applications.nextSteps.supplement');
  if (state === 'submitted') return t('applications.nextSteps.wait_county');
  return t('applications.nextSteps.none');
}

const sections = [
  'project_name',
  'direction',
  'summary',
  'start_date',
  'end_date',
  'contact',
  'requested_fen',
  'targets',
  'investment_lines',
  'cluster',
  'training_events',
  'declarations',
  'materials',
  'enterprise',
];

/** A section of the form named in a stale_version's `changed`, in words. */
export function sectionName(section: string, t: Translate): string {
  const head = section.replace(/^form\./, '').split(/[.[]/)[0] ?? section;
  return sections.includes(head) ? t(`applications.sections.${head}`) : section;
}

/** Whole days, hours and minutes until `deadline` (ISO), or null once it has passed. */
export function countdown(
  deadline: string,
  now: number,
): { days: number; hours: number; minutes: number } | null {
  const ms = Date.parse(deadline) - now;
  if (!Number.isFinite(ms) || ms <= 0) return null;
  const minutes = Math.floor(ms / 60000);
  return {
    days: Math.floor(minutes / 1440),
    hours: Math.floor((minutes % 1440) / 60),
    minutes: minutes % 60,
  };
}
