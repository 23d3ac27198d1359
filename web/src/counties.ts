// Jiangmen's counties and districts (GB/T 2260 codes); names live in the locale files
// under counties.<code>.
export const COUNTY_CODES = [
  '440703',
  '440704',
  '440705',
  '440781',
  '440783',
  '440784',
  '440785',
] as const;
export type CountyCode = (typeof COUNTY_CODES)[number];

export function isCountyCode(value: unknown): value is CountyCode {
  return typeof value === 'string' && (COUNTY_CODES as readonly string[]).includes(value);
}
