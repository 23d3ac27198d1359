import { describe, expect, it } from 'vitest';
import { importErrorLines } from './importErrors';

const t = (key: string) => `<${key}>`;

describe('importErrorLines', () => {
  it('groups the problems by row, rows and columns in file order', () => {
    const lines = importErrorLines(
      [
        { row: 7, field: 'max_load', rule: 'range', message: '最大评审量应为 0–200' },
        {
          row: 3,
          field: 'employer_credit_code',
          rule: 'credit_code_invalid',
          message: '信用代码不正确',
        },
        { row: 3, field: 'name', rule: 'required', message: '' },
      ],
      t,
    );
    expect(lines.map((l) => l.row)).toEqual([3, 7]);
    expect(lines[0]!.problems).toEqual([
      {
        field: 'name',
        column: '<experts.columns.name>',
        message: '<experts.importRules.required>',
      },
      {
        field: 'employer_credit_code',
        column: '<experts.columns.employer_credit_code>',
        message: '信用代码不正确',
      },
    ]);
    expect(lines[1]!.problems[0]!.column).toBe('<experts.columns.max_load>');
  });

  it('keeps a field it does not know as it is', () => {
    const lines = importErrorLines(
      [{ row: 1, field: 'header', rule: 'x', message: 'no header' }],
      t,
    );
    expect(lines[0]!.problems[0]!.column).toBe('header');
  });

  it('is empty without errors', () => {
    expect(importErrorLines([], t)).toEqual([]);
  });
});
