import { describe, expect, it } from 'vitest';
import { createApp, defineComponent, effectScope, h, nextTick, reactive, ref } from 'vue';
import type { FormInstance, FormItemRule } from 'element-plus';
import { i18n } from '@/i18n';
import { ApiError, parseProblem } from '@/api/problem';
import {
  isFormValid,
  passwordConfirmationRule,
  ProblemAlert,
  passwordMaxLengthRule,
  usePageLoad,
  useServerFieldErrors,
} from './feedback';

const t = (key: string) => key;

function invalid(fields: Record<string, string>): ApiError {
  return new ApiError(parseProblem({ title: 'x', code: 'validation_failed', fields }, 422));
}

/** Runs a composable inside a mounted component (useI18n needs one). */
function withSetup<T>(composable: () => T): T {
  let result: T | undefined;
  const app = createApp(
    defineComponent({
      setup() {
        result = composable();
        return () => null;
      },
    }),
  ).use(i18n);
  app.mount(document.createElement('div'));
  return result as T;
}

describe('form feedback', () => {
  it('counts a rejected or missing form as invalid', async () => {
    const passes = { validate: () => Promise.resolve(true) } as unknown as FormInstance;
    const fails = { validate: () => Promise.reject(new Error('rule')) } as unknown as FormInstance;
    expect(await isFormValid(passes)).toBe(true);
    expect(await isFormValid(fails)).toBe(false);
    expect(await isFormValid(undefined)).toBe(false);
  });

  it('checks the confirmation against the password the form holds now', () => {
    const form = { password: 'first-password' };
    const rule = passwordConfirmationRule(t, () => form.password);
    const check = (value: string) => {
      let outcome: Error | undefined | 'ok';
      (rule.validator as NonNullable<FormItemRule['validator']>)(
        {},
        value,
        (error?: string | Error) => (outcome = error === undefined ? 'ok' : (error as Error)),
        {},
        {},
      );
      return outcome;
    };
    expect(check('first-password')).toBe('ok');
    form.password = 'second-password';
    expect((check('first-password') as Error).message).toBe('password.mismatch');
    expect(passwordMaxLengthRule(t)).toEqual({
      max: 128,
      message: 'password.maxLength',
      trigger: 'blur',
    });
  });

  it('shows the server’s field messages and clears one when its field is edited', async () => {
    const scope = effectScope();
    const form = reactive({ username: '', password: '' });
    const { serverErrors, clearServerErrors, applyServerErrors } = scope.run(() =>
      useServerFieldErrors(form, { clearOnEdit: true }),
    )!;
    expect(applyServerErrors(invalid({ username: 'taken', password: 'short' }))).toBe(true);
    expect({ ...serverErrors }).toEqual({ username: 'taken', password: 'short' });
    form.username = 'another';
    await nextTick();
    expect({ ...serverErrors }).toEqual({ password: 'short' });
    clearServerErrors();
    expect({ ...serverErrors }).toEqual({});
    expect(applyServerErrors(new ApiError(parseProblem({ code: 'x' }, 500)))).toBe(false);
    scope.stop();
  });

  it('keeps the field messages on edit unless asked to clear them', async () => {
    const scope = effectScope();
    const form = reactive({ username: '' });
    const { serverErrors, applyServerErrors } = scope.run(() =>
      useServerFieldErrors(form, { clearOnEdit: false }),
    )!;
    applyServerErrors(invalid({ username: 'taken' }));
    form.username = 'another';
    await nextTick();
    expect(serverErrors.username).toBe('taken');
    scope.stop();
  });

  it('turns a failed load into the page’s alert text and clears it on the next load', async () => {
    i18n.global.locale.value = 'en';
    let fail = true;
    const { loading, problemMessage, load } = withSetup(() =>
      usePageLoad(async (id: number) => {
        expect(id).toBe(7);
        if (fail)
          throw new ApiError(parseProblem({ title: 'Gone', detail: 'No such thing.' }, 404));
      }),
    );
    const pending = load(7);
    expect(loading.value).toBe(true);
    await pending;
    expect(loading.value).toBe(false);
    expect(problemMessage.value).toBe('Could not load: No such thing.');
    fail = false;
    await load(7);
    expect(problemMessage.value).toBe('');
    i18n.global.locale.value = 'zh-CN';
  });

  it('shows a problem as an announced error alert that takes the page’s class and test id', async () => {
    const message = ref('');
    const host = document.createElement('div');
    createApp(
      defineComponent({
        setup: () => () =>
          h(ProblemAlert, { message: message.value, class: 'page__problem', 'data-testid': 'p' }),
      }),
    )
      .use(i18n)
      .mount(host);
    expect(host.querySelector('.el-alert')).toBeNull();
    message.value = 'Could not load';
    await nextTick();
    const alert = host.querySelector('.el-alert');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.getAttribute('data-testid')).toBe('p');
    expect(alert?.classList.contains('el-alert--error')).toBe(true);
    expect(alert?.classList.contains('page__problem')).toBe(true);
    expect(alert?.textContent).toContain('Could not load');
  });
});
