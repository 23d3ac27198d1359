// A notice in words. The server stores only `kind` and `params` (src/service/notifications.hpp);
// the sentence is notifications.kinds.<kind> in the reader's language, with the params filled in
// (times in Beijing time, stages and states by name), and the page it points to by its `object`.
import type { Notification } from '@/api/notifications';
import type { Role } from '@/roles';
import { formatBeijing } from '@/utils/time';

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** The kinds the server writes (notifications.hpp). */
export const NOTIFICATION_KINDS = [
  'application.recommended',
  'application.returned',
  'application.declined',
  'application.supplement_requested',
  'application.formal_check_failed',
  'application.formal_check_passed',
  'application.in_library',
  'application.not_selected',
  'review.assigned',
  'review.reopened',
  'review.replaced',
  'deadline.reminder',
] as const;

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return '';
  return String(value);
}

/** The params a sentence may use, each present (missing ones empty) and readable. */
export function notificationParams(
  notification: Pick<Notification, 'params'>,
  t: Translate,
  te: (key: string) => boolean,
): Record<string, string> {
  const p = notification.params ?? {};
  const stage = text(p.stage);
  const state = text(p.state);
  const category = text(p.category);
  return {
    number: text(p.number),
    project_name: text(p.project_name),
    reason: text(p.reason),
    due_at: formatBeijing(text(p.due_at) || null),
    stage: stage && te(`schedule.stages.${stage}`) ? t(`schedule.stages.${stage}`) : stage,
    state: state && te(`applications.states.${state}`) ? t(`applications.states.${state}`) : state,
    category:
      category && te(`applications.categories.${category}`)
        ? t(`applications.categories.${category}`)
        : category,
    batch: text(p.batch_name ?? p.batch_code ?? p.batch ?? p.batch_id),
    expert: text(p.expert_name ?? p.expert),
    count: text(p.count),
  };
}

/** The notice's sentence; an unknown kind is named as it is, so nothing is ever hidden. */
export function notificationText(
  notification: Pick<Notification, 'kind' | 'params'>,
  t: Translate,
  te: (key: string) => boolean,
): string {
  const key = `notifications.kinds.${notification.kind}`;
  const params = notificationParams(notification, t, te);
  if (!te(key)) return t('notifications.unknownKind', { kind: notification.kind });
  const sentence = t(key, params);
  return params.reason && notification.kind !== 'application.recommended'
    ? `${sentence}${t('notifications.reasonSuffix', { reason: params.reason })}`
    : sentence;
}

/** Where a click on the notice goes for this role, if anywhere. */
export function notificationLink(
  notification: Pick<Notification, 'kind' | 'object' | 'params'>,
  role: Role | undefined,
): string | undefined {
  const match = /^([a-z_]+):(\d+)$/.exec(notification.object ?? '');
  const kind = match?.[1];
  const id = match?.[2];
  const applicationId =
    kind === 'application' ? id : text(notification.params?.application_id) || undefined;
  switch (role) {
    case 'enterprise':
      return applicationId ? `/enterprise/applications/${applicationId}` : undefined;
    case 'county':
      return applicationId ? `/county/applications/${applicationId}` : '/county/recommendations';
    case 'expert':
      if (kind === 'review' && id) return `/expert/reviews/${id}`;
      return '/expert/reviews';
    case 'organizer':
      if (notification.kind === 'review.replaced') return '/organizer/review-results';
      if (notification.kind === 'deadline.reminder') return '/organizer/formal-check';
      return applicationId ? `/organizer/formal-check/${applicationId}` : undefined;
    default:
      return undefined;
  }
}
