import { api } from './client';
import type { Role } from '@/roles';
import type { SessionUser } from './session';

export interface Enterprise {
  id: number;
  credit_code: string;
  name: string;
  county_code: string;
  verified: boolean;
  contact_name?: string;
  contact_phone?: string;
  created_at?: string;
  /** The enterprise administrator, when the server names it (county list). */
  admin_user_id?: number | null;
  admin_username?: string | null;
  [key: string]: unknown;
}

export interface Registration {
  credit_code: string;
  name: string;
  county_code: string;
  contact_name: string;
  contact_phone: string;
  username: string;
  password: string;
}

/** A user in the user lists: the same description of a user the session carries, and whether
 *  the account is disabled. */
export interface UserRecord extends SessionUser {
  disabled: boolean;
}

export interface NewUser {
  username: string;
  display_name: string;
  role: Role;
  county_code?: string;
  enterprise_id?: number;
  /** An expert account is linked to its pool record (docs/review-api.md). */
  expert_id?: number;
  password?: string;
}

export function registerEnterprise(
  registration: Registration,
): Promise<{ enterprise: Enterprise; user: SessionUser }> {
  return api.post('/api/enterprises', registration);
}

export function getEnterprise(id: number): Promise<Enterprise> {
  return api
    .get<Enterprise | { enterprise: Enterprise }>(`/api/enterprises/${id}`)
    .then(
      (answer) =>
        ('enterprise' in answer && typeof answer.enterprise === 'object'
          ? answer.enterprise
          : answer) as Enterprise,
    );
}

/** The county officer's list; `verified` undefined lists all. */
export async function listCountyEnterprises(verified?: boolean): Promise<Enterprise[]> {
  const query = verified === undefined ? '' : `?verified=${verified}`;
  const answer = await api.get<{ enterprises: Enterprise[] }>(`/api/county/enterprises${query}`);
  return answer?.enterprises ?? [];
}

export function verifyEnterprise(id: number, note: string): Promise<unknown> {
  return api.post(`/api/enterprises/${id}/verify`, { note });
}

export function transferEnterpriseAdmin(id: number, userId: number): Promise<unknown> {
  return api.post(`/api/enterprises/${id}/admin`, { user_id: userId });
}

export function resetPassword(userId: number): Promise<{ temporary_password: string }> {
  return api.post(`/api/users/${userId}/reset-password`);
}

export async function listUsers(): Promise<UserRecord[]> {
  const answer = await api.get<{ users: UserRecord[] }>('/api/users');
  return answer?.users ?? [];
}

export function createUser(
  user: NewUser,
): Promise<{ user: UserRecord; temporary_password?: string }> {
  return api.post('/api/users', user);
}

export function setUserDisabled(userId: number, disabled: boolean): Promise<void> {
  return api.post<void>(`/api/users/${userId}/${disabled ? 'disable' : 'enable'}`);
}
