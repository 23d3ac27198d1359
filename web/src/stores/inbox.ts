import { defineStore } from 'pinia';
import { ref } from 'vue';
import { unreadCount } from '@/api/notifications';
import { useSessionStore } from '@/stores/session';

// The unread count the header's bell shows; the inbox page sets it from its answers.
export const useInboxStore = defineStore('inbox', () => {
  const unread = ref(0);

  async function refresh(): Promise<void> {
    const session = useSessionStore();
    if (session.user === null || session.signingOut) return;
    try {
      unread.value = await unreadCount();
    } catch {
      // The bell is not worth an error message; the inbox page shows problems.
    }
  }

  function set(count: number): void {
    unread.value = count;
  }

  return { unread, refresh, set };
});
