import { api } from './client';
import type { Role } from '@/roles';

export interface Credentials {
  username: string;
  password: string;
}

/** The signed-in user as the server describes it (GET/POST /api/session). */
export interface SessionUser {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  county_code: string | null;
  enterprise_id: number | null;
  enterprise_admin: boolean;
  must_change_password: boolean;
}

export interface SessionAnswer {
  user: SessionUser;
  csrf_token: string;
}

export interface SessionInfo {
  id: string;
  created_at: string;
  last_seen_at: string;
  client_address: string;
  user_agent: string;
  current: boolean;
}

export interface PasswordChange {
  current_password: string;
  new_password: string;
}

export function logIn(credentials: Credentials): Promise<SessionAnswer> {
  return api.post<SessionAnswer>('/api/session', credentials);
}

export function getSession(): Promise<SessionAnswer> {
  return api.get<SessionAnswer>('/api/session');
}

export function logOut(): Promise<void> {
  return api.delete<void>('/api/session');
}

export async function listSessions(): Promise<SessionInfo[]> {
  const answer = await api.get<{ sessions: SessionInfo[] }>('/api/sessions');
  return answer?.sessions ?? [];
}

export function endSession(id: string | number): Promise<void> {
  return api.delete<void>(`/api/sessions/${encodeURIComponent(String(id))}`);
}

export function changePassword(change: PasswordChange): Promise<void> {
  return api.post<void>('/api/password', change);
}
