// The choices of the Jiangmen 2022 batch-2 policy (policies/jiangmen-2022-batch2.toml) that the
// form offers when the application answer does not list them itself. Names are in the locale
// files under applications.policy.*; an answer's own names (name_zh/name_en) win.
import type { PolicyChoice } from '@/api/applications';

export const DIRECTIONS: Record<number, readonly string[]> = {
  1: ['enterprise_application', 'industry_platform'],
  2: ['rd_design', 'production_control', 'operations_management', 'after_sales'],
};

export const INVESTMENT_TYPES = [
  'industrial_internet',
  'artificial_intelligence',
  'cloud_services',
  'application_software',
  'research_development',
  'equipment',
  'training_services',
] as const;

export const DECLARATIONS = [
  'registered_in_city',
  'sound_finance',
  'honest_lawful_tax',
  'not_credit_blacklisted',
  'not_environmentally_bad',
  'no_fund_violation_5_years',
  'quantified_targets',
  'no_repeated_application',
] as const;

// 广东省20个战略性产业集群 and the local traditional ones, as the policy lists them.
export const CLUSTERS = [
  'electronic_information',
  'green_petrochemicals',
  'smart_home_appliances',
  'automobiles',
  'advanced_materials',
  'light_industry_textiles',
  'software_information_services',
  'ultra_hd_video_display',
  'biomedicine_health',
  'modern_agriculture_food',
  'semiconductors_ic',
  'high_end_equipment',
  'intelligent_robots',
  'blockchain_quantum',
  'frontier_materials',
  'new_energy',
  'laser_additive_manufacturing',
  'digital_creativity',
  'safety_emergency_environment',
  'precision_instruments',
  'jm_hardware_stainless',
  'jm_motorcycles',
  'jm_paper',
  'jm_electronic_information',
  'jm_small_appliances',
] as const;

export interface Choice {
  id: string;
  label: string;
}

type Translate = (key: string) => string;

/** The answer's list when it has one, else the static ids named from the locale files. */
export function choices(
  fromAnswer: PolicyChoice[] | undefined,
  staticIds: readonly string[],
  group: 'directions' | 'investmentTypes' | 'declarations' | 'clusters',
  t: Translate,
  locale: string,
): Choice[] {
  if (fromAnswer !== undefined && fromAnswer.length > 0) {
    return fromAnswer.map((c) => ({
      id: c.id,
      label: (locale === 'en' ? c.name_en : c.name_zh) || c.name_zh || c.id,
    }));
  }
  return staticIds.map((id) => ({ id, label: t(`applications.policy.${group}.${id}`) }));
}
