// The parts of an application a county officer or the organizer can ask the enterprise to fix
// (a returned application's `fields`): the form's sections and each material.
import type { Material } from '@/api/applications';
import { sectionName } from '@/components/application/text';

type Translate = (key: string, named?: Record<string, unknown>) => string;

export const FORM_SECTIONS = [
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
] as const;

export interface FieldChoice {
  value: string;
  label: string;
}

export function fieldChoices(
  materials: readonly Material[] | undefined,
  t: Translate,
  locale: string,
): FieldChoice[] {
  const sections = FORM_SECTIONS.map((s) => ({
    value: `form.${s}`,
    label: t(`applications.sections.${s}`),
  }));
  const files = (materials ?? []).map((m) => ({
    value: `materials.${m.material_id}`,
    label: `${t('applications.sections.materials')}：${(locale === 'en' ? m.name_en : m.name_zh) || m.name_zh}`,
  }));
  return [...sections, ...files];
}

/** A field path of review feedback in words ("投资明细与发票", "申报材料：信用承诺书"). */
export function fieldLabel(
  path: string,
  materials: readonly Material[] | undefined,
  t: Translate,
  locale: string,
): string {
  const material = /^materials?\.([\w-]+)/.exec(path)?.[1];
  if (material !== undefined) {
    const m = (materials ?? []).find((x) => x.material_id === material);
    const name = m ? (locale === 'en' ? m.name_en : m.name_zh) || m.name_zh : material;
    return `${t('applications.sections.materials')}：${name}`;
  }
  return sectionName(path, t);
}
