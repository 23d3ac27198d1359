import { defineStore } from 'pinia';
import { ref } from 'vue';
import { i18n, isLocale, DEFAULT_LOCALE, type Locale } from '@/i18n';

export const LOCALE_STORAGE_KEY = 'iifund.locale';

function readSavedLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    return isLocale(saved) ? saved : DEFAULT_LOCALE;
  } catch {
    // Storage can be disabled (private mode, policies): fall back to Chinese.
    return DEFAULT_LOCALE;
  }
}

function applyLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  if (typeof document !== 'undefined') {
    document.documentElement.lang = locale;
    document.title = i18n.global.t('app.title');
  }
}

// The interface language: Chinese by default, English on request, remembered in localStorage.
export const useLocaleStore = defineStore('locale', () => {
  const locale = ref<Locale>(readSavedLocale());
  applyLocale(locale.value);

  function setLocale(next: Locale): void {
    locale.value = next;
    applyLocale(next);
    try {
      globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // Not persisted; the switch still applies to this page.
    }
  }

  return { locale, setLocale };
});
