import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import zhCN from '@/locales/zh-CN.json';
import en from '@/locales/en.json';
import { NOTIFICATION_KINDS, notificationLink, notificationText } from './render';

function translator(locale: 'zh-CN' | 'en') {
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, en } });
  const g = i18n.global;
  return {
    t: (key: string, named?: Record<string, unknown>) => (named ? g.t(key, named) : g.t(key)),
    te: (key: string) => g.te(key),
  };
}

const returned = {
  kind: 'application.returned',
  object: 'application:12',
  params: {
    application_id: 12,
    number: 'JM2022B2-1-0001',
    project_name: '注塑车间改造',
    state: 'returned',
    reason: '发票金额不一致',
  },
};

describe('notificationText', () => {
  it('has a sentence for every kind in both languages', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const { t, te } = translator(locale);
      for (const kind of NOTIFICATION_KINDS) {
        expect(te(`notifications.kinds.${kind}`), `${locale} ${kind}`).toBe(true);
        const sentence = notificationText({ kind, params: {} }, t, te);
        expect(sentence, `${locale} ${kind}`).not.toMatch(/[{}]/);
      }
    }
  });

  it('fills in the number, the project and the reason', () => {
    const { t, te } = translator('zh-CN');
    const sentence = notificationText(returned, t, te);
    expect(sentence).toContain('JM2022B2-1-0001');
    expect(sentence).toContain('注塑车间改造');
    expect(sentence).toContain('发票金额不一致');
    const english = translator('en');
    expect(notificationText(returned, english.t, english.te)).toContain('returned');
  });

  it('shows the due time in Beijing time and the stage by name', () => {
    const { t, te } = translator('zh-CN');
    const sentence = notificationText(
      {
        kind: 'deadline.reminder',
        params: { stage: 'review', due_at: '2026-12-01T04:00:00Z', batch_id: 3 },
      },
      t,
      te,
    );
    expect(sentence).toContain('2026-12-01 12:00:00');
    expect(sentence).toContain('专家评审');
  });

  it('names an unknown kind instead of hiding it', () => {
    const { t, te } = translator('en');
    expect(notificationText({ kind: 'x.y', params: {} }, t, te)).toContain('x.y');
  });
});

describe('notificationLink', () => {
  it('points each role at its own page of the object', () => {
    expect(notificationLink(returned, 'enterprise')).toBe('/enterprise/applications/12');
    expect(notificationLink(returned, 'county')).toBe('/county/applications/12');
    expect(
      notificationLink({ kind: 'review.assigned', object: 'review:5', params: {} }, 'expert'),
    ).toBe('/expert/reviews/5');
    expect(
      notificationLink({ kind: 'review.assigned', object: 'application:9', params: {} }, 'expert'),
    ).toBe('/expert/reviews');
    expect(notificationLink(returned, 'admin')).toBeUndefined();
  });
});
