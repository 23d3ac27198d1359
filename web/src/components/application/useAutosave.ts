// Save as you go: an edit starts a quiet period (1.5 s); when it ends, one PUT {version, form}
// carries the whole burst. Nothing typed is ever dropped: a save that fails for the network or
// the server is retried, an unsaved copy waits in localStorage (keyed by application id and the
// version it was based on), and a save refused as stale (409 stale_version) stops and asks.
import { onBeforeUnmount, ref, shallowRef, watch, type Ref } from 'vue';
import { isApiError } from '@/api/problem';
import type { Application, ApplicationForm, StaleVersionFacts } from '@/api/applications';

export type SaveStatus =
  'saved' | 'dirty' | 'saving' | 'retrying' | 'invalid' | 'conflict' | 'failed';

export interface Backup<D> {
  application_id: number;
  version: number;
  saved_at: string;
  draft: D;
}

const PREFIX = 'iifund.application.';

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

function backupKeys(id: number): string[] {
  const store = storage();
  if (store === undefined) return [];
  const keys: string[] = [];
  for (let i = 0; i < store.length; i += 1) {
    const key = store.key(i);
    if (key !== null && key.startsWith(`${PREFIX}${id}.v`)) keys.push(key);
  }
  return keys;
}

/** The unsaved copy of an application's draft, if this browser holds one. */
export function findBackup<D>(id: number): Backup<D> | null {
  for (const key of backupKeys(id)) {
    try {
      const value = JSON.parse(storage()?.getItem(key) ?? 'null') as Backup<D> | null;
      if (value !== null && value.application_id === id) return value;
    } catch {
      // An unreadable copy is no copy.
    }
  }
  return null;
}

export function clearBackups(id: number): void {
  for (const key of backupKeys(id)) storage()?.removeItem(key);
}

function writeBackup<D>(backup: Backup<D>): void {
  clearBackups(backup.application_id);
  try {
    storage()?.setItem(
      `${PREFIX}${backup.application_id}.v${backup.version}`,
      JSON.stringify(backup),
    );
  } catch {
    // A full or forbidden storage only loses the extra copy; the page still holds the input.
  }
}

export interface AutosaveOptions<D> {
  id: () => number;
  draft: Ref<D>;
  toForm: (draft: D) => ApplicationForm;
  save: (id: number, version: number, form: ApplicationForm) => Promise<Application>;
  /** A save was accepted: the page takes the new computed figures, problems, version. */
  onSaved: (answer: Application) => void;
  delayMs?: number;
  retryMs?: number;
}

export function useAutosave<D>(options: AutosaveOptions<D>) {
  const delayMs = options.delayMs ?? 1500;
  const retryMs = options.retryMs ?? 5000;
  const status = ref<SaveStatus>('saved');
  const savedAt = ref<Date | null>(null);
  const conflict = shallowRef<StaleVersionFacts | null>(null);
  const fieldErrors = ref<Record<string, string>>({});
  const problem = shallowRef<unknown>(null);
  let version = 0;
  let baseline = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | null = null;
  let enabled = false;

  const snapshot = () => JSON.stringify(options.draft.value);
  const isDirty = () => snapshot() !== baseline;

  function schedule(ms: number): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void run();
    }, ms);
  }

  /** Starts (or restarts) from what the server holds: `draft` is that now. */
  function reset(answer: Application, dirty = false): void {
    version = answer.version;
    baseline = dirty ? '' : snapshot();
    conflict.value = null;
    fieldErrors.value = {};
    problem.value = null;
    enabled = answer.editable;
    status.value = dirty ? 'dirty' : 'saved';
    if (dirty) edited();
  }

  function edited(): void {
    if (!enabled || conflict.value !== null) return;
    if (!isDirty()) {
      if (inFlight === null && status.value === 'dirty') status.value = 'saved';
      return;
    }
    writeBackup({
      application_id: options.id(),
      version,
      saved_at: new Date().toISOString(),
      draft: JSON.parse(snapshot()) as D,
    });
    if (status.value !== 'saving') status.value = 'dirty';
    schedule(delayMs);
  }

  async function attempt(): Promise<void> {
    const sent = snapshot();
    status.value = 'saving';
    try {
      const answer = await options.save(options.id(), version, options.toForm(options.draft.value));
      version = answer.version;
      baseline = sent;
      savedAt.value = new Date();
      fieldErrors.value = {};
      problem.value = null;
      options.onSaved(answer);
      if (isDirty()) {
        status.value = 'dirty';
        schedule(delayMs);
      } else {
        status.value = 'saved';
        clearBackups(options.id());
      }
    } catch (error) {
      if (!isApiError(error)) {
        problem.value = error;
        status.value = 'failed';
      } else if (error.status === 0 || error.status >= 500 || error.status === 429) {
        // The network or the server: keep everything and try again.
        status.value = 'retrying';
        schedule(retryMs);
      } else if (error.code === 'stale_version') {
        const facts = (error.problem.extra?.facts ?? {}) as Partial<StaleVersionFacts>;
        conflict.value = {
          current_version: Number(facts.current_version ?? version),
          changed: Array.isArray(facts.changed) ? facts.changed : [],
          ...(facts.updated_by === undefined
            ? {}
            : { updated_by: facts.updated_by_name ?? facts.updated_by }),
          ...(facts.updated_at === undefined ? {} : { updated_at: facts.updated_at }),
        };
        status.value = 'conflict';
      } else {
        const fields: Record<string, string> = {};
        for (const f of error.problem.fields ?? []) fields[f.field] ??= f.message || f.code || '';
        fieldErrors.value = fields;
        problem.value = error;
        status.value = Object.keys(fields).length > 0 ? 'invalid' : 'failed';
      }
    }
  }

  /** Saves now if there is anything to save (a save running is awaited, then repeated). */
  async function run(): Promise<void> {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    while (inFlight !== null) await inFlight;
    if (!enabled || conflict.value !== null || !isDirty()) return;
    inFlight = attempt();
    try {
      await inFlight;
    } finally {
      inFlight = null;
    }
  }

  /** Before 定稿 or submission: the server must hold exactly what is on the screen. */
  async function flush(): Promise<boolean> {
    await run();
    return !isDirty() && conflict.value === null;
  }

  /** The conflict dialog's "keep mine": save over their version. */
  async function keepMine(): Promise<void> {
    const facts = conflict.value;
    if (facts === null) return;
    version = facts.current_version;
    conflict.value = null;
    baseline = '';
    await run();
  }

  /** A change that is not the form's (an upload, 定稿) gave the application a new version: take
   *  it when the screen holds nothing unsaved, so the next save is not refused as stale. */
  function adopt(answer: Application): void {
    if (inFlight === null && conflict.value === null && !isDirty()) version = answer.version;
  }

  function currentVersion(): number {
    return version;
  }

  watch(options.draft, edited, { deep: true });
  onBeforeUnmount(() => {
    if (timer !== undefined) clearTimeout(timer);
  });

  return {
    status,
    savedAt,
    conflict,
    fieldErrors,
    problem,
    reset,
    run,
    flush,
    keepMine,
    adopt,
    currentVersion,
  };
}
