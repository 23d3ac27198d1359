import { describe, expect, it } from 'vitest';
import type { Batch } from '@/api/applications';
import { defaultBatchId } from './batch';

const batch = (id: number, opens: string | null, closes: string): Batch => ({
  id,
  code: `b${id}`,
  name_zh: `批次${id}`,
  name_en: `Batch ${id}`,
  is_demo: false,
  opens_at: opens,
  closes_at: closes,
});

const now = Date.parse('2026-05-01T00:00:00Z');
const closed = batch(1, null, '2022-11-30T16:00:00Z');
const open = batch(2, '2026-04-20T00:00:00Z', '2026-05-20T00:00:00Z');
const later = batch(3, '2026-06-01T00:00:00Z', '2026-07-01T00:00:00Z');

describe('defaultBatchId', () => {
  it('prefers the batch chosen before, when it still exists', () => {
    expect(defaultBatchId([closed, open], now, 1)).toBe(1);
    expect(defaultBatchId([closed, open], now, 99)).toBe(2);
  });

  it('takes the open batch, else the latest to close', () => {
    expect(defaultBatchId([closed, open, later], now)).toBe(2);
    expect(defaultBatchId([closed, later], now)).toBe(3);
    expect(defaultBatchId([], now)).toBeUndefined();
  });
});
