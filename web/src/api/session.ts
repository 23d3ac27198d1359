import { api } from './client';

export interface Credentials {
  username: string;
  password: string;
}

/** The signed-in user as the server describes it; settled by the accounts feature. */
export interface SessionUser {
  username: string;
  role: string;
  [key: string]: unknown;
}

export function logIn(credentials: Credentials): Promise<SessionUser> {
  return api.post<SessionUser>('/api/session', credentials);
}
