// What a page tells the user about its lists and forms: loading and a load that failed, the alert
// that shows a problem, form validation, the password rules, the server's per-field messages, clearing messages on a language
// switch. One module on purpose: the pages that use any of it then share one chunk (with
// utils/problems), where each module of its own would be a chunk of its own and add its file name
// to the entry chunk's preload map.
import { defineComponent, h, reactive, ref, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElAlert, type FormInstance, type FormItemRule } from 'element-plus';
import 'element-plus/es/components/alert/style/css';
import { fieldErrors, problemText } from '@/utils/problems';

type Translate = (key: string) => string;

/** Element Plus validation as a yes/no: a failed rule rejects `validate()`, and a form that is
 *  not mounted (yet) cannot be sent either. */
export async function isFormValid(form: FormInstance | undefined): Promise<boolean> {
  return (await form?.validate().catch(() => false)) ?? false;
}

// The server's password policy (password.minLength / password.maxLength say the same in words).
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export function passwordMaxLengthRule(t: Translate): FormItemRule {
  return { max: PASSWORD_MAX_LENGTH, message: t('password.maxLength'), trigger: 'blur' };
}

/** The "type it again" field: required and equal to the password the form holds now. */
export function passwordConfirmationRule(t: Translate, password: () => string): FormItemRule {
  return {
    required: true,
    trigger: 'blur',
    validator: (_rule, value: string, callback) =>
      value === password() ? callback() : callback(new Error(t('password.mismatch'))),
  };
}

/**
 * The server's per-field messages of a form (a 422 problem's `fields`), shown next to the fields
 * through `:error`. With `clearOnEdit` a message disappears once its field is edited.
 */
export function useServerFieldErrors<Form extends object>(
  form: Form,
  { clearOnEdit }: { clearOnEdit: boolean },
) {
  type Field = keyof Form & string;
  const serverErrors = reactive({}) as Partial<Record<Field, string>>;

  function clearServerErrors(): void {
    for (const key of Object.keys(serverErrors) as Field[]) delete serverErrors[key];
  }

  /** Adds the error's field messages; false when it carries none (show its problem instead). */
  function applyServerErrors(error: unknown): boolean {
    const fields = fieldErrors(error);
    Object.assign(serverErrors, fields);
    return Object.keys(fields).length > 0;
  }

  if (clearOnEdit) {
    for (const field of Object.keys(form) as Field[]) {
      watch(
        () => form[field],
        () => {
          delete serverErrors[field];
        },
      );
    }
  }

  return { serverErrors, clearServerErrors, applyServerErrors };
}

/** Messages already shown stay in the language they were made in: clear them on a switch. */
export function useClearMessagesOnLocaleChange(
  formRef: Ref<FormInstance | undefined>,
  problemMessage: Ref<string>,
): void {
  const { locale } = useI18n();
  watch(locale, () => {
    formRef.value?.clearValidate();
    problemMessage.value = '';
  });
}

/**
 * Loading what a page shows: `loading` drives its v-loading, and a failure becomes the text of
 * the page's error alert ("could not load: <the server's problem>") instead of an uncaught error.
 * `fetch` stores what it got; `load` passes its arguments on and may run again (search, refresh,
 * after a change).
 */
export function usePageLoad<Args extends unknown[]>(fetch: (...args: Args) => Promise<void>) {
  const { t } = useI18n();
  const loading = ref(false);
  const problemMessage = ref('');

  async function load(...args: Args): Promise<void> {
    loading.value = true;
    problemMessage.value = '';
    try {
      await fetch(...args);
    } catch (error) {
      problemMessage.value = t('common.loadFailed', { message: problemText(error, t) });
    } finally {
      loading.value = false;
    }
  }

  return { loading, problemMessage, load };
}

/**
 * A request's problem above a list or a form: an error alert that screen readers announce
 * (role="alert"), nothing while `message` is empty. Other attributes (class, data-testid) go to
 * the alert. A render function rather than a .vue file so that it lives in this module's chunk.
 */
export const ProblemAlert = defineComponent({
  name: 'ProblemAlert',
  props: { message: { type: String, required: true } },
  setup(props) {
    return () =>
      props.message
        ? h(ElAlert, {
            type: 'error',
            title: props.message,
            closable: false,
            showIcon: true,
            role: 'alert',
          })
        : null;
  },
});
