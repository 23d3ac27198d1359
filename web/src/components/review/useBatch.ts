import { computed, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute, useRouter } from 'vue-router';
import { listBatches, type Batch } from '@/api/applications';
import { BATCH_STORAGE_KEY, defaultBatchId } from './batch';

function stored(): number | null {
  try {
    const value = Number(localStorage.getItem(BATCH_STORAGE_KEY));
    return Number.isSafeInteger(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

/** The batches and the one a page works on (kept in ?batch= and remembered). */
export function useBatch() {
  const { locale } = useI18n();
  const route = useRoute();
  const router = useRouter();
  const batches = ref<Batch[]>([]);
  const batchId = ref<number | undefined>(undefined);

  async function loadBatches(): Promise<void> {
    batches.value = await listBatches();
    const fromQuery = Number(route.query.batch);
    batchId.value = defaultBatchId(
      batches.value,
      Date.now(),
      Number.isSafeInteger(fromQuery) && fromQuery > 0 ? fromQuery : stored(),
    );
  }

  watch(batchId, (id) => {
    if (id === undefined) return;
    try {
      localStorage.setItem(BATCH_STORAGE_KEY, String(id));
    } catch {
      // private mode: not remembered
    }
    if (String(route.query.batch ?? '') !== String(id)) {
      void router.replace({ query: { ...route.query, batch: String(id) } });
    }
  });

  const batch = computed(() => batches.value.find((b) => b.id === batchId.value));
  const batchName = (b: Batch | undefined) =>
    b === undefined ? '' : locale.value === 'en' ? b.name_en || b.name_zh : b.name_zh;

  return { batches, batchId, batch, batchName, loadBatches };
}
