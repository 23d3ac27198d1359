// The formal check's checklist: automatic items carry what the server computed from the frozen
// snapshot, manual ones what the organizer ticked. `pass` needs every item true; the other
// outcomes need a reason (the server says the same: 422 checklist_incomplete / reason_required).
import type { ChecklistItem, FormalOutcome } from '@/api/review';

export function initialChecklist(items: readonly ChecklistItem[]): Record<string, boolean> {
  return Object.fromEntries(items.map((i) => [i.id, i.automatic ? i.ok : false]));
}

/** The items that stand in the way of `pass`. */
export function failingItems(
  items: readonly ChecklistItem[],
  checklist: Record<string, boolean>,
): string[] {
  return items.filter((i) => checklist[i.id] !== true).map((i) => i.id);
}

export function outcomeProblem(
  outcome: FormalOutcome,
  items: readonly ChecklistItem[],
  checklist: Record<string, boolean>,
  reason: string,
): 'checklist_incomplete' | 'reason_required' | undefined {
  if (outcome === 'pass') {
    return failingItems(items, checklist).length > 0 ? 'checklist_incomplete' : undefined;
  }
  return reason.trim() === '' ? 'reason_required' : undefined;
}

export function itemLabel(
  item: Pick<ChecklistItem, 'label_zh' | 'label_en' | 'id'>,
  locale: string,
) {
  return (locale === 'en' ? item.label_en : item.label_zh) || item.label_zh || item.id;
}
