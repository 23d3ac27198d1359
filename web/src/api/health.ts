import { api } from './client';

export interface Health {
  status: string;
  [key: string]: unknown;
}

export function getHealth(signal?: AbortSignal): Promise<Health> {
  return api.get<Health>('/api/health', signal === undefined ? {} : { signal });
}

export function isHealthy(health: Health | undefined): boolean {
  return health?.status === 'ok';
}
