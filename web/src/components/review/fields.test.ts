import { describe, expect, it } from 'vitest';
import { fieldChoices, fieldLabel } from './fields';

const t = (key: string) => `<${key}>`;
const materials = [
  {
    material_id: 'credit_commitment',
    name_zh: '信用承诺书',
    name_en: 'Credit',
    required: true,
    files: [],
  },
];

describe('review feedback fields', () => {
  it('offers every form section and each material', () => {
    const choices = fieldChoices(materials, t, 'zh-CN');
    expect(choices[0]).toEqual({
      value: 'form.project_name',
      label: '<applications.sections.project_name>',
    });
    expect(choices.at(-1)?.value).toBe('materials.credit_commitment');
  });

  it('reads a field path back in words', () => {
    expect(fieldLabel('form.investment_lines[1].invoice', materials, t, 'zh-CN')).toBe(
      '<applications.sections.investment_lines>',
    );
    expect(fieldLabel('materials.credit_commitment', materials, t, 'en')).toBe(
      '<applications.sections.materials>：Credit',
    );
    expect(fieldLabel('something.else', materials, t, 'zh-CN')).toBe('something.else');
  });
});
