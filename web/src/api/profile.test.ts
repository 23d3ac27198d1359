import { describe, expect, it } from 'vitest';
import { fenToYuan, yuanToFen } from './profile';

describe('yuan typed in the profile form become exact fen', () => {
  it('reads two decimals digit by digit', () => {
    expect(yuanToFen('1234567.89')).toBe(123456789);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('0.29')).toBe(29); // 0.29 * 100 is 28.999… in floating point
    expect(yuanToFen('1.15')).toBe(115);
    expect(yuanToFen('100')).toBe(10000);
    expect(yuanToFen('007.5')).toBe(750);
    expect(yuanToFen(' 1,234.50 ')).toBe(123450);
    expect(yuanToFen('0')).toBe(0);
    expect(yuanToFen('9999999999999.99')).toBe(999999999999999);
  });

  it('refuses what is not an amount rather than rounding it', () => {
    for (const bad of [
      '1.234',
      '-1',
      '1e3',
      'abc',
      '',
      '.5',
      '1.',
      '1.2.3',
      '¥5',
      '99999999999999',
    ]) {
      expect(yuanToFen(bad), bad).toBeNull();
    }
  });

  it('shows fen as yuan with two decimals, and round-trips', () => {
    expect(fenToYuan(123456789)).toBe('1234567.89');
    expect(fenToYuan(10)).toBe('0.10');
    expect(fenToYuan(0)).toBe('0.00');
    expect(fenToYuan(null)).toBe('');
    for (const fen of [0, 1, 99, 100, 29, 5_000_000_000, 999999999999999]) {
      expect(yuanToFen(fenToYuan(fen))).toBe(fen);
    }
  });
});
