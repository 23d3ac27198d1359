export { api, apiRequest, configureApi, setCsrfToken } from './client';
export type { HttpMethod, RequestOptions } from './client';
export { ApiError, isApiError, parseProblem } from './problem';
export type { ApiProblem, FieldProblem } from './problem';
export { getHealth, isHealthy } from './health';
export type { Health } from './health';
export { logIn } from './session';
export type { Credentials, SessionUser } from './session';
