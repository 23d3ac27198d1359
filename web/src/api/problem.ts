// RFC 9457 problem details as the iifund server sends them (application/problem+json): a stable
// `code`, a `title` and a `detail` already in the request's language, and for forms one entry
// per bad field.

export interface FieldProblem {
  field: string;
  message: string;
  code?: string;
}

export interface ApiProblem {
  type?: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  fields?: FieldProblem[];
  /** Any other members the server added (the facts of the problem, e.g. a deadline). */
  extra?: Record<string, unknown>;
}

/** Thrown by the API client for every non-2xx answer and for network failures. */
export class ApiError extends Error {
  readonly problem: ApiProblem;

  constructor(problem: ApiProblem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

// Accepts `fields` either as a list of {field|name|pointer, message|detail, code} or as an
// object {field: message}.
function parseFields(raw: unknown): FieldProblem[] | undefined {
  if (Array.isArray(raw)) {
    const fields: FieldProblem[] = [];
    for (const item of raw) {
      if (!isRecord(item)) continue;
      const field = asString(item.field) ?? asString(item.name) ?? asString(item.pointer);
      const message = asString(item.message) ?? asString(item.detail) ?? '';
      if (field === undefined) continue;
      const code = asString(item.code) ?? asString(item.rule);
      fields.push(code === undefined ? { field, message } : { field, message, code });
    }
    return fields;
  }
  if (isRecord(raw)) {
    return Object.entries(raw).map(([field, value]) => ({
      field,
      message: asString(value) ?? (isRecord(value) ? (asString(value.message) ?? '') : ''),
    }));
  }
  return undefined;
}

const knownMembers = new Set(['type', 'title', 'status', 'code', 'detail', 'fields', 'instance']);

/**
 * Turns a parsed JSON body into an ApiProblem. `status` is the HTTP status, used when the body
 * does not carry one (or carries a different one: the HTTP status wins).
 */
export function parseProblem(body: unknown, status: number, statusText = ''): ApiProblem {
  const record = isRecord(body) ? body : {};
  const title = asString(record.title) ?? (statusText || `HTTP ${status}`);
  const problem: ApiProblem = {
    title,
    status,
    code: asString(record.code) ?? `http_${status}`,
    detail: asString(record.detail) ?? '',
  };
  const type = asString(record.type);
  if (type !== undefined) problem.type = type;
  const fields = parseFields(record.fields);
  if (fields !== undefined) problem.fields = fields;
  const extra = Object.fromEntries(Object.entries(record).filter(([k]) => !knownMembers.has(k)));
  if (Object.keys(extra).length > 0) problem.extra = extra;
  return problem;
}
