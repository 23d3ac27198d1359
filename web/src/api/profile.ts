// 企业档案: the enterprise with its profile (GET /api/enterprises/:id) and saving the profile
// (PUT /api/enterprises/:id/profile, with the version it was read at). Money travels as integer
// fen; people type yuan, converted here digit by digit, never through floating point.
import { api } from './client';
import type { Enterprise } from './accounts';

export interface ProfileContact {
  name: string;
  title: string;
  phone: string;
  email: string;
}

export interface BankAccount {
  account_name: string;
  bank_name: string;
  account_number: string;
}

/** What the form sends. */
export interface ProfileInput {
  industry: string;
  clusters: string[];
  employees: number | null;
  revenue_fen: number | null;
  assets_fen: number | null;
  address: string;
  contacts: ProfileContact[];
  bank: BankAccount;
}

export interface EnterpriseProfile extends ProfileInput {
  version: number;
  updated_at: string | null;
}

/** 企业划型, computed by the server from the saved figures. */
export interface SizeClass {
  class: 'large' | 'medium' | 'small' | 'micro';
  label_zh: string;
  label_en: string;
  sme: boolean;
  basis: string;
}

/** Characters 3–8 of the credit code: where the enterprise registered. */
export interface DivisionHint {
  code_division: string;
  matches_county: boolean;
  in_city: boolean;
  name_zh: string | null;
  name_en: string | null;
}

export interface ClusterOption {
  id: string;
  group: string;
  name_zh: string;
  name_en: string;
}

export interface EnterpriseWithProfile extends Enterprise {
  profile: EnterpriseProfile;
  size: SizeClass | null;
  division_hint: DivisionHint | null;
  cluster_options: ClusterOption[];
}

export function getEnterpriseProfile(id: number): Promise<EnterpriseWithProfile> {
  return api.get<EnterpriseWithProfile>(`/api/enterprises/${id}`);
}

export function saveEnterpriseProfile(
  id: number,
  profile: ProfileInput,
  version: number,
): Promise<EnterpriseWithProfile> {
  return api.put<EnterpriseWithProfile>(`/api/enterprises/${id}/profile`, { ...profile, version });
}

/** Whole yuan digits we accept: below 10^13 yuan, so the fen stay exact JavaScript integers. */
const MAX_YUAN_DIGITS = 13;

/**
 * "1234567.89" → 123456789 fen, "0.1" → 10, "1,000" → 100000. Null for anything that is not a
 * non-negative amount with at most two decimals ("1.234", "-1", "1e3", "abc", "").
 */
export function yuanToFen(text: string): number | null {
  const cleaned = text.trim().replace(/[,，\s]/g, '');
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (match === null) return null;
  const whole = (match[1] ?? '0').replace(/^0+(?=\d)/, '');
  if (whole.length > MAX_YUAN_DIGITS) return null;
  const cents = (match[2] ?? '').padEnd(2, '0');
  return Number(whole) * 100 + Number(cents);
}

/** 123456789 fen → "1234567.89" (for an input: no grouping, always two decimals). */
export function fenToYuan(fen: number | null): string {
  if (fen === null || !Number.isSafeInteger(fen) || fen < 0) return '';
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}
