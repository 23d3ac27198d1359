import { describe, expect, it } from 'vitest';
import type { ChecklistItem } from '@/api/review';
import { failingItems, initialChecklist, itemLabel, outcomeProblem } from './formalCheck';

const items: ChecklistItem[] = [
  { id: 'materials', label_zh: '材料齐全', label_en: 'Materials', automatic: true, ok: true },
  { id: 'amounts', label_zh: '金额一致', label_en: 'Amounts', automatic: true, ok: false },
  { id: 'seal', label_zh: '盖章清晰', label_en: 'Seal', automatic: false, ok: false },
];

describe('formal checklist', () => {
  it('starts from the computed items, manual ones unticked', () => {
    expect(initialChecklist(items)).toEqual({ materials: true, amounts: false, seal: false });
  });

  it('refuses pass while an item is false and other outcomes without a reason', () => {
    const list = { materials: true, amounts: false, seal: true };
    expect(failingItems(items, list)).toEqual(['amounts']);
    expect(outcomeProblem('pass', items, list, '')).toBe('checklist_incomplete');
    expect(outcomeProblem('pass', items, { ...list, amounts: true }, '')).toBeUndefined();
    expect(outcomeProblem('supplement', items, list, '  ')).toBe('reason_required');
    expect(outcomeProblem('fail', items, list, '金额不一致')).toBeUndefined();
  });

  it('labels an item in the reader language', () => {
    expect(itemLabel(items[2]!, 'en')).toBe('Seal');
    expect(itemLabel(items[2]!, 'zh-CN')).toBe('盖章清晰');
  });
});
