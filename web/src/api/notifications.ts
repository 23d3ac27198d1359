// 站内信 (docs/review-api.md, "Inbox"): the signed-in user's notices and the unread count. The
// text is not sent: `kind` and `params` are rendered from the locale files.
import { api } from './client';

export interface Notification {
  id: number;
  kind: string;
  object: string;
  params: Record<string, unknown>;
  created_at: string;
  read_at: string | null;
}

export interface NotificationPage {
  notifications: Notification[];
  unread: number;
}

export async function listNotifications(
  query: { unread?: boolean; page?: number } = {},
): Promise<NotificationPage> {
  const params = new URLSearchParams();
  if (query.unread) params.set('unread', '1');
  if (query.page !== undefined) params.set('page', String(query.page));
  const qs = params.toString();
  const answer = await api.get<Partial<NotificationPage>>(
    `/api/notifications${qs ? `?${qs}` : ''}`,
  );
  return {
    notifications: (answer?.notifications ?? []).map((n) => ({ ...n, params: n.params ?? {} })),
    unread: answer?.unread ?? 0,
  };
}

export async function unreadCount(): Promise<number> {
  const answer = await api.get<{ unread: number }>('/api/notifications/unread-count');
  return answer?.unread ?? 0;
}

export async function markRead(id: number): Promise<number> {
  const answer = await api.post<{ unread: number }>(`/api/notifications/${id}/read`);
  return answer?.unread ?? 0;
}

export async function markAllRead(): Promise<number> {
  const answer = await api.post<{ unread: number }>('/api/notifications/read-all');
  return answer?.unread ?? 0;
}
