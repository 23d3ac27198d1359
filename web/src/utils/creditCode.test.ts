import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_ALPHABET, checkCreditCode, normalizeCreditCode } from './creditCode';

describe('credit code client check', () => {
  it('accepts 18 characters from the alphabet', () => {
    expect(checkCreditCode('91440703MA4UJ0XX0X')).toBeUndefined();
    expect(checkCreditCode('0123456789ABCDEFGH')).toBeUndefined();
  });

  it('names the rule that fails', () => {
    expect(checkCreditCode('')).toBe('empty');
    expect(checkCreditCode('91440703MA4UJ0XX0')).toBe('length');
    expect(checkCreditCode('91440703MA4UJ0XX0XX')).toBe('length');
    for (const letter of ['I', 'O', 'Z', 'S', 'V', 'a', '-', '统']) {
      expect(checkCreditCode(`91440703MA4UJ0XX0${letter}`), letter).toBe('alphabet');
    }
  });

  it('uses the 31-character alphabet of GB 32100 (no I, O, Z, S, V)', () => {
    expect(CREDIT_CODE_ALPHABET).toHaveLength(31);
    for (const letter of 'IOZSV') expect(CREDIT_CODE_ALPHABET).not.toContain(letter);
  });

  it('normalizes pasted input: spaces out, capitals', () => {
    expect(normalizeCreditCode(' 9144 0703 ma4u j0xx 0x ')).toBe('91440703MA4UJ0XX0X');
    expect(checkCreditCode(normalizeCreditCode('91440703ma4uj0xx0x'))).toBeUndefined();
  });
});
