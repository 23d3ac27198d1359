import { computed, ref, type Ref } from 'vue';

/** Paging a list the server sends whole (and the page filters): the page shown and its rows. */
export function useClientPaging<Row>(rows: Readonly<Ref<Row[]>>) {
  const page = ref(1);
  const pageSize = ref(10);
  const pageRows = computed(() =>
    rows.value.slice((page.value - 1) * pageSize.value, page.value * pageSize.value),
  );
  return { page, pageSize, pageRows };
}
