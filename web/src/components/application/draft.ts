// The form as the page edits it: like the server's form document, but amounts are the yuan text
// the person typed (so "12.3" or a half-typed "12." survives a reload), and every category part
// is present so the inputs can bind to it. `toForm` turns it into the document the server keeps.
import type {
  ApplicationForm,
  Cluster,
  Declaration,
  InvoiceKind,
  Target,
  TrainingEvent,
} from '@/api/applications';
import { fenToInput, parseYuan } from '@/utils/money';

export interface DraftInvoice {
  kind: InvoiceKind;
  code: string;
  number: string;
  date: string;
  buyer_tax_id: string;
  amount_without_tax: string;
  tax: string;
  amount_with_tax: string;
}

export interface DraftLine {
  type: string;
  description: string;
  supplier: string;
  huawei_cloud: boolean;
  member_credit_code: string;
  invoice: DraftInvoice;
}

export interface DraftTraining extends Omit<TrainingEvent, 'planned_trainees'> {
  planned_trainees: number | undefined;
}

export interface Draft {
  project_name: string;
  direction: string;
  summary: string;
  start_date: string;
  end_date: string;
  contact: { name: string; phone: string };
  requested: string;
  targets: Target[];
  investment_lines: DraftLine[];
  cluster: Cluster;
  training_events: DraftTraining[];
  declarations: Declaration[];
}

export function emptyTarget(): Target {
  return { indicator: '', baseline: '', target: '', unit: '' };
}

export function emptyLine(buyerTaxId = ''): DraftLine {
  return {
    type: '',
    description: '',
    supplier: '',
    huawei_cloud: false,
    member_credit_code: '',
    invoice: {
      kind: 'vat',
      code: '',
      number: '',
      date: '',
      buyer_tax_id: buyerTaxId,
      amount_without_tax: '',
      tax: '',
      amount_with_tax: '',
    },
  };
}

export function emptyTraining(): DraftTraining {
  return { date: '', topic: '', venue: '', audience: '', planned_trainees: undefined };
}

/** The page's model of a saved form, with a declaration entry for each of `declarationIds`. */
export function toDraft(form: ApplicationForm, declarationIds: readonly string[]): Draft {
  const declared = new Map((form.declarations ?? []).map((d) => [d.id, d]));
  const ids = [
    ...declarationIds,
    ...[...declared.keys()].filter((id) => !declarationIds.includes(id)),
  ];
  return {
    project_name: form.project_name ?? '',
    direction: form.direction ?? '',
    summary: form.summary ?? '',
    start_date: form.start_date ?? '',
    end_date: form.end_date ?? '',
    contact: { name: form.contact?.name ?? '', phone: form.contact?.phone ?? '' },
    requested: fenToInput(form.requested_fen),
    targets: (form.targets ?? []).map((t) => ({ ...emptyTarget(), ...t })),
    investment_lines: (form.investment_lines ?? []).map((line) => ({
      type: line.type ?? '',
      description: line.description ?? '',
      supplier: line.supplier ?? '',
      huawei_cloud: line.huawei_cloud === true,
      member_credit_code: line.member_credit_code ?? '',
      invoice: {
        kind: line.invoice?.kind === 'fully_digital' ? 'fully_digital' : 'vat',
        code: line.invoice?.code ?? '',
        number: line.invoice?.number ?? '',
        date: line.invoice?.date ?? '',
        buyer_tax_id: line.invoice?.buyer_tax_id ?? '',
        amount_without_tax: fenToInput(line.invoice?.amount_without_tax_fen),
        tax: fenToInput(line.invoice?.tax_fen),
        amount_with_tax: fenToInput(line.invoice?.amount_with_tax_fen),
      },
    })),
    cluster: {
      cluster_id: form.cluster?.cluster_id ?? '',
      lead: {
        name: form.cluster?.lead?.name ?? '',
        credit_code: form.cluster?.lead?.credit_code ?? '',
        kind: form.cluster?.lead?.kind ?? 'enterprise',
      },
      members: (form.cluster?.members ?? []).map((m) => ({ ...m })),
    },
    training_events: (form.training_events ?? []).map((e) => ({
      ...e,
      planned_trainees: e.planned_trainees ?? undefined,
    })),
    declarations: ids.map((id) => ({
      id,
      declared: declared.get(id)?.declared === true,
      evidence_upload_id: declared.get(id)?.evidence_upload_id ?? null,
    })),
  };
}

/** An amount as the server wants it: fen, or null while the text is empty or not an amount
 *  (the page shows why under the field; the rest of the draft is saved anyway). */
function fen(text: string): number | null {
  return text.trim() === '' ? null : parseYuan(text);
}

const nullIfEmpty = (text: string): string | null => (text.trim() === '' ? null : text);

/** The form document for PUT /api/applications/:id, with the category's own parts only. */
export function toForm(draft: Draft, category: number): ApplicationForm {
  const form: ApplicationForm = {
    project_name: draft.project_name,
    summary: draft.summary,
    start_date: nullIfEmpty(draft.start_date),
    end_date: nullIfEmpty(draft.end_date),
    contact: { ...draft.contact },
    requested_fen: fen(draft.requested),
    investment_lines: draft.investment_lines.map((line) => ({
      type: line.type,
      description: line.description,
      supplier: line.supplier,
      huawei_cloud: line.huawei_cloud,
      member_credit_code: category === 3 ? nullIfEmpty(line.member_credit_code) : null,
      invoice: {
        kind: line.invoice.kind,
        code: line.invoice.kind === 'vat' ? line.invoice.code : '',
        number: line.invoice.number,
        date: line.invoice.date,
        buyer_tax_id: line.invoice.buyer_tax_id,
        amount_without_tax_fen: fen(line.invoice.amount_without_tax),
        tax_fen: fen(line.invoice.tax),
        amount_with_tax_fen: fen(line.invoice.amount_with_tax),
      },
    })),
    declarations: draft.declarations.map((d) => ({ ...d })),
  };
  if (category === 1 || category === 2) form.direction = nullIfEmpty(draft.direction);
  if (category === 1) form.targets = draft.targets.map((t) => ({ ...t }));
  if (category === 3) {
    form.cluster = {
      cluster_id: draft.cluster.cluster_id,
      lead: { ...draft.cluster.lead },
      members: draft.cluster.members.map((m) => ({ ...m })),
    };
  }
  if (category === 4) {
    form.training_events = draft.training_events.map((e) => ({
      ...e,
      planned_trainees: e.planned_trainees ?? null,
    }));
  }
  return form;
}

/** Totals of the training plan as typed: 场次 and 人数. */
export function trainingTotals(draft: Draft): { events: number; trainees: number } {
  return {
    events: draft.training_events.length,
    trainees: draft.training_events.reduce((sum, e) => sum + (e.planned_trainees ?? 0), 0),
  };
}

type LocalRule =
  | 'amount_format'
  | 'invoice_code_digits'
  | 'invoice_number_digits'
  | 'invoice_digital_number_digits'
  | 'invoice_amount_sum';

/**
 * What the page can tell at once, keyed by the server's field path: amounts that are not
 * amounts, and the invoice's own number rules. Values are rules (applications.local.<rule>).
 */
export function localProblems(draft: Draft): Record<string, LocalRule> {
  const out: Record<string, LocalRule> = {};
  const amount = (path: string, text: string) => {
    if (text.trim() !== '' && parseYuan(text) === null) out[path] = 'amount_format';
  };
  amount('form.requested_fen', draft.requested);
  draft.investment_lines.forEach((line, i) => {
    const at = `form.investment_lines[${i}].invoice`;
    const inv = line.invoice;
    amount(`${at}.amount_without_tax_fen`, inv.amount_without_tax);
    amount(`${at}.tax_fen`, inv.tax);
    amount(`${at}.amount_with_tax_fen`, inv.amount_with_tax);
    if (inv.kind === 'vat') {
      if (inv.code !== '' && !/^(\d{10}|\d{12})$/.test(inv.code))
        out[`${at}.code`] = 'invoice_code_digits';
      if (inv.number !== '' && !/^\d{8}$/.test(inv.number))
        out[`${at}.number`] = 'invoice_number_digits';
    } else if (inv.number !== '' && !/^\d{20}$/.test(inv.number)) {
      out[`${at}.number`] = 'invoice_digital_number_digits';
    }
    const without = fen(inv.amount_without_tax);
    const tax = fen(inv.tax);
    const withTax = fen(inv.amount_with_tax);
    if (without !== null && tax !== null && withTax !== null && without + tax !== withTax) {
      out[`${at}.amount_with_tax_fen`] ??= 'invoice_amount_sum';
    }
  });
  return out;
}
