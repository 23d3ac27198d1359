import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { i18n } from '@/i18n';
import { LOCALE_STORAGE_KEY, useLocaleStore } from './locale';

beforeEach(() => {
  localStorage.clear();
  setActivePinia(createPinia());
});

describe('locale store', () => {
  it('starts in Chinese', () => {
    const store = useLocaleStore();
    expect(store.locale).toBe('zh-CN');
    expect(i18n.global.locale.value).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(document.title).toBe('江门市工业互联网专项资金申报评审系统');
  });

  it('switches to English, sets <html lang> and remembers the choice', () => {
    const store = useLocaleStore();
    store.setLocale('en');
    expect(i18n.global.locale.value).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe('Jiangmen Industrial Internet Special Fund');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');

    // A new page load (a fresh store) picks the saved language up.
    setActivePinia(createPinia());
    expect(useLocaleStore().locale).toBe('en');
  });

  it('ignores a saved value that is not a supported language', () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'fr');
    expect(useLocaleStore().locale).toBe('zh-CN');
  });

  it('still switches when storage refuses to save', () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new Error('QuotaExceededError');
    });
    const store = useLocaleStore();
    store.setLocale('en');
    expect(i18n.global.locale.value).toBe('en');
    setItem.mockRestore();
  });
});
