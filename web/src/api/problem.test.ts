import { describe, expect, it } from 'vitest';
import { ApiError, isApiError, parseProblem } from './problem';

describe('parseProblem', () => {
  it('reads the RFC 9457 members and the stable code', () => {
    const problem = parseProblem(
      {
        type: 'https://iifund.example/problems/not_implemented',
        title: '尚未实现',
        status: 501,
        code: 'not_implemented',
        detail: '登录功能尚未开放。',
      },
      501,
    );
    expect(problem).toEqual({
      type: 'https://iifund.example/problems/not_implemented',
      title: '尚未实现',
      status: 501,
      code: 'not_implemented',
      detail: '登录功能尚未开放。',
    });
  });

  it('keeps the HTTP status even when the body says otherwise', () => {
    expect(parseProblem({ title: 'x', status: 200, code: 'c' }, 422).status).toBe(422);
  });

  it('accepts fields as a list', () => {
    const problem = parseProblem(
      {
        title: 'Invalid',
        code: 'validation_failed',
        fields: [
          { field: 'password', code: 'required', message: 'Please enter the password' },
          { name: 'username', detail: 'Too long' },
          'garbage',
          { message: 'no field name' },
        ],
      },
      422,
    );
    expect(problem.fields).toEqual([
      { field: 'password', code: 'required', message: 'Please enter the password' },
      { field: 'username', message: 'Too long' },
    ]);
  });

  it('accepts fields as an object of messages', () => {
    const problem = parseProblem(
      { title: 'Invalid', code: 'validation_failed', fields: { credit_code: 'bad check digit' } },
      422,
    );
    expect(problem.fields).toEqual([{ field: 'credit_code', message: 'bad check digit' }]);
  });

  it('keeps the facts of the problem as extra members', () => {
    const problem = parseProblem(
      { title: 'Too late', code: 'deadline_passed', deadline: '2022-12-01T00:00:00+08:00' },
      422,
    );
    expect(problem.extra).toEqual({ deadline: '2022-12-01T00:00:00+08:00' });
  });

  it('makes a usable problem out of a body that is not one', () => {
    expect(parseProblem(undefined, 502, 'Bad Gateway')).toEqual({
      title: 'Bad Gateway',
      status: 502,
      code: 'http_502',
      detail: '',
    });
    expect(parseProblem(['not', 'an', 'object'], 500).title).toBe('HTTP 500');
  });
});

describe('ApiError', () => {
  it('carries the problem and uses the detail as its message', () => {
    const error = new ApiError({ title: 'T', status: 409, code: 'version_conflict', detail: 'D' });
    expect(isApiError(error)).toBe(true);
    expect(isApiError(new Error('x'))).toBe(false);
    expect(error.message).toBe('D');
    expect(error.status).toBe(409);
    expect(error.code).toBe('version_conflict');
  });
});
