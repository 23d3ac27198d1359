import { describe, expect, it } from 'vitest';
import { fenToInput, formatWan, formatYuan, parseYuan } from './money';

describe('parseYuan', () => {
  it('reads yuan exactly into fen, without floating-point error', () => {
    expect(parseYuan('0.29')).toBe(29);
    expect(parseYuan('1.1')).toBe(110);
    expect(parseYuan('1234567.89')).toBe(123456789);
    expect(parseYuan('1,234,567.89')).toBe(123456789);
    expect(parseYuan(' 1000000 ')).toBe(100000000);
    expect(parseYuan('0')).toBe(0);
    expect(parseYuan('12.')).toBe(1200);
    expect(parseYuan('007.50')).toBe(750);
    expect(parseYuan('4.35')).toBe(435); // 4.35 * 100 = 434.99999999999994 in floats
  });

  it('refuses what is not a non-negative amount of at most two decimals', () => {
    for (const text of [
      '1.234',
      'abc',
      '-5',
      '-0.01',
      '',
      ' ',
      '1e3',
      '1.2.3',
      '¥5',
      '.5',
      '0x10',
    ]) {
      expect(parseYuan(text), text).toBeNull();
    }
  });

  it('refuses amounts too large to hold exactly', () => {
    expect(parseYuan('99999999999.99')).toBe(9999999999999);
    expect(parseYuan('999999999999')).toBeNull();
  });
});

describe('formatYuan', () => {
  it('groups thousands and always shows two decimals', () => {
    expect(formatYuan(123456789)).toBe('1,234,567.89');
    expect(formatYuan(100000000)).toBe('1,000,000.00');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(0)).toBe('0.00');
    expect(formatYuan(-150)).toBe('-1.50');
  });

  it('refuses fractions of a fen', () => {
    expect(() => formatYuan(1.5)).toThrow(RangeError);
  });
});

describe('fenToInput and formatWan', () => {
  it('give the text an input starts from, which parses back to the same fen', () => {
    for (const fen of [0, 5, 50, 110, 123456789, 100000000]) {
      expect(parseYuan(fenToInput(fen))).toBe(fen);
    }
    expect(fenToInput(110)).toBe('1.1');
    expect(fenToInput(100000000)).toBe('1000000');
    expect(fenToInput(null)).toBe('');
  });

  it('writes caps in 万元', () => {
    expect(formatWan(100000000)).toBe('100');
    expect(formatWan(60000000)).toBe('60');
    expect(formatWan(500000000)).toBe('500');
    expect(formatWan(1234500)).toBe('1.2345');
  });
});
