import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import {
  getSession,
  hasCsrfCookie,
  isApiError,
  logIn,
  logOut,
  setCsrfToken,
  type Credentials,
  type SessionAnswer,
  type SessionUser,
} from '@/api';

// The signed-in user and the CSRF token of the session. The session cookie itself is HttpOnly:
// the app learns about it from the login answer or, after a reload, from GET /api/session —
// asked only when the readable `iifund_csrf` cookie shows a session may exist, so a signed-out
// visitor's first page makes no request that fails.
export const useSessionStore = defineStore('session', () => {
  const user = ref<SessionUser | null>(null);
  const csrfToken = ref<string | undefined>(undefined);
  /** A logout is on its way: nothing else should ask the server now (it would be refused). */
  const signingOut = ref(false);
  let restoring: Promise<void> | undefined;

  const signedIn = computed(() => user.value !== null);

  function accept(answer: SessionAnswer): SessionUser {
    user.value = answer.user;
    csrfToken.value = answer.csrf_token;
    setCsrfToken(answer.csrf_token);
    return answer.user;
  }

  function clear(): void {
    user.value = null;
    csrfToken.value = undefined;
    setCsrfToken(undefined);
  }

  /** Learns whether a session exists; runs once (later calls share the first answer). */
  function restore(): Promise<void> {
    restoring ??= (async () => {
      if (!hasCsrfCookie()) return;
      try {
        accept(await getSession());
      } catch (error) {
        // 401 not_signed_in: the session ended (expired, logged out elsewhere). Anything else
        // (network): start signed out; the login page will tell what is wrong.
        if (!isApiError(error)) throw error;
        clear();
      }
    })();
    return restoring;
  }

  async function login(credentials: Credentials): Promise<SessionUser> {
    const answer = await logIn(credentials);
    restoring = Promise.resolve();
    return accept(answer);
  }

  async function logout(): Promise<void> {
    signingOut.value = true;
    try {
      await logOut();
    } catch {
      // Already gone on the server; forget it here all the same.
    } finally {
      clear();
      signingOut.value = false;
    }
  }

  function passwordChanged(): void {
    if (user.value !== null) user.value = { ...user.value, must_change_password: false };
  }

  return {
    user,
    csrfToken,
    signedIn,
    signingOut,
    restore,
    login,
    logout,
    clear,
    passwordChanged,
  };
});
