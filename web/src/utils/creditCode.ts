// The client-side check of a Unified Social Credit Code (统一社会信用代码, GB 32100): 18
// characters from the code's alphabet. The server checks the rest (check digit, registration
// authority) and names the failing rule.
export const CREDIT_CODE_LENGTH = 18;
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export type CreditCodeProblem = 'empty' | 'length' | 'alphabet';

/** Upper-cases and drops spaces, the way people paste a code from a licence. */
export function normalizeCreditCode(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** undefined when the (normalized) code passes the client-side check, else the failing rule. */
export function checkCreditCode(code: string): CreditCodeProblem | undefined {
  if (code === '') return 'empty';
  if (code.length !== CREDIT_CODE_LENGTH) return 'length';
  for (const ch of code) {
    if (!CREDIT_CODE_ALPHABET.includes(ch)) return 'alphabet';
  }
  return undefined;
}
