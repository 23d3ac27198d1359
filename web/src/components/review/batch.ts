// Which batch a review page works on: the one in the address (?batch=), else the one chosen last
// on this computer, else the batch whose window is open now (the 【演示】 batch in the demo data),
// else the latest to close.
import type { Batch } from '@/api/applications';

export const BATCH_STORAGE_KEY = 'iifund.batch';

export function defaultBatchId(
  batches: readonly Batch[],
  now: number,
  preferred?: number | null,
): number | undefined {
  if (preferred !== undefined && preferred !== null && batches.some((b) => b.id === preferred)) {
    return preferred;
  }
  const open = batches.filter(
    (b) => Date.parse(b.closes_at) > now && (b.opens_at === null || Date.parse(b.opens_at) <= now),
  );
  const pool = open.length > 0 ? open : [...batches];
  return [...pool].sort((a, b) => Date.parse(b.closes_at) - Date.parse(a.closes_at))[0]?.id;
}
