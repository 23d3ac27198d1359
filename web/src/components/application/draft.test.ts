import { describe, expect, it } from 'vitest';
import type { ApplicationForm } from '@/api/applications';
import { emptyLine, localProblems, toDraft, toForm, trainingTotals } from './draft';

const saved: ApplicationForm = {
  project_name: '注塑车间工业互联网改造',
  direction: 'enterprise_application',
  summary: '建设内容',
  start_date: '2022-01-01',
  end_date: '2023-06-30',
  contact: { name: '陈经理', phone: '0750-3000000' },
  requested_fen: 100000000,
  targets: [{ indicator: '生产效率', baseline: '100', target: '130', unit: '件/小时' }],
  investment_lines: [
    {
      type: 'industrial_internet',
      description: 'MES',
      supplier: '某软件公司',
      huawei_cloud: false,
      member_credit_code: null,
      invoice: {
        kind: 'vat',
        code: '4400221130',
        number: '12345678',
        date: '2022-05-01',
        buyer_tax_id: '91440703MA4UJ0XX0X',
        amount_without_tax_fen: 100000,
        tax_fen: 13000,
        amount_with_tax_fen: 113000,
      },
    },
  ],
  declarations: [{ id: 'sound_finance', declared: true, evidence_upload_id: null }],
};

describe('draft', () => {
  it('round-trips a saved category-1 form through the page model', () => {
    const draft = toDraft(saved, ['registered_in_city', 'sound_finance']);
    expect(draft.requested).toBe('1000000');
    expect(draft.investment_lines[0]?.invoice.amount_with_tax).toBe('1130');
    expect(draft.declarations.map((d) => [d.id, d.declared])).toEqual([
      ['registered_in_city', false],
      ['sound_finance', true],
    ]);
    const form = toForm(draft, 1);
    expect(form.requested_fen).toBe(100000000);
    expect(form.investment_lines).toEqual(saved.investment_lines);
    expect(form.targets).toEqual(saved.targets);
    expect(form.direction).toBe('enterprise_application');
    expect(form.cluster).toBeUndefined();
    expect(form.training_events).toBeUndefined();
  });

  it('sends only the parts of the category', () => {
    const draft = toDraft(saved, []);
    draft.training_events.push({
      date: '2022-12-10',
      topic: 'x',
      venue: 'y',
      audience: 'z',
      planned_trainees: 60,
    });
    const training = toForm(draft, 4);
    expect(training.targets).toBeUndefined();
    expect(training.direction).toBeUndefined();
    expect(training.training_events).toHaveLength(1);
    expect(trainingTotals(draft)).toEqual({ events: 1, trainees: 60 });
    const cluster = toForm(draft, 3);
    expect(cluster.cluster?.lead.kind).toBe('enterprise');
  });

  it('keeps a bad amount as typed, sends null, and names the rule', () => {
    const draft = toDraft({}, []);
    draft.requested = '12.345';
    const line = emptyLine('91440703MA4UJ0XX0X');
    line.invoice.kind = 'fully_digital';
    line.invoice.number = '123';
    line.invoice.amount_without_tax = '100';
    line.invoice.tax = '13';
    line.invoice.amount_with_tax = '114';
    draft.investment_lines.push(line);
    expect(toForm(draft, 1).requested_fen).toBeNull();
    expect(localProblems(draft)).toEqual({
      'form.requested_fen': 'amount_format',
      'form.investment_lines[0].invoice.number': 'invoice_digital_number_digits',
      'form.investment_lines[0].invoice.amount_with_tax_fen': 'invoice_amount_sum',
    });
  });
});
