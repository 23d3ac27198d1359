import { describe, expect, it } from 'vitest';
import { beijingDayToUtc, beijingToUtc, formatBeijing } from './time';

describe('formatBeijing', () => {
  it('shows a UTC instant in Beijing time (UTC+8)', () => {
    expect(formatBeijing('2026-11-27T10:30:05Z')).toBe('2026-11-27 18:30:05');
    expect(formatBeijing('2026-11-27T10:30:05.789Z')).toBe('2026-11-27 18:30:05');
  });

  it('crosses midnight, month and year ends', () => {
    expect(formatBeijing('2022-11-30T16:00:00Z')).toBe('2022-12-01 00:00:00');
    expect(formatBeijing('2022-12-31T20:15:00Z')).toBe('2023-01-01 04:15:00');
    expect(formatBeijing('2024-02-28T18:00:00Z')).toBe('2024-02-29 02:00:00');
  });

  it('honours an explicit offset in the input', () => {
    expect(formatBeijing('2022-12-01T00:00:00+08:00')).toBe('2022-12-01 00:00:00');
  });

  it('accepts Date objects and epoch milliseconds', () => {
    expect(formatBeijing(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe('2026-01-02 11:04:05');
    expect(formatBeijing(0)).toBe('1970-01-01 08:00:00');
  });

  it('leaves missing values empty and unreadable ones as they are', () => {
    expect(formatBeijing(null)).toBe('');
    expect(formatBeijing(undefined)).toBe('');
    expect(formatBeijing('')).toBe('');
    expect(formatBeijing('yesterday')).toBe('yesterday');
  });
});

describe('beijingDayToUtc', () => {
  it('gives the UTC bounds of a Beijing calendar day', () => {
    expect(beijingDayToUtc('2026-11-27')).toBe('2026-11-26T16:00:00Z');
    expect(beijingDayToUtc('2026-11-27', true)).toBe('2026-11-27T15:59:59Z');
    expect(beijingDayToUtc('2023-01-01')).toBe('2022-12-31T16:00:00Z');
  });

  it('refuses what is not a day', () => {
    expect(() => beijingDayToUtc('27/11/2026')).toThrow(RangeError);
  });
});

describe('beijingToUtc', () => {
  it('reads a Beijing wall-clock time as its UTC instant', () => {
    expect(beijingToUtc('2026-12-01 12:00:00')).toBe('2026-12-01T04:00:00Z');
    expect(beijingToUtc('2026-12-01 06:30')).toBe('2026-11-30T22:30:00Z');
    expect(formatBeijing(beijingToUtc('2023-01-01 00:00:00'))).toBe('2023-01-01 00:00:00');
  });

  it('refuses what is not a time', () => {
    expect(() => beijingToUtc('tomorrow')).toThrow(RangeError);
  });
});
