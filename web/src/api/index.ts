export { api, apiRequest, configureApi, setCsrfToken, hasCsrfCookie } from './client';
export type { HttpMethod, RequestOptions } from './client';
export { ApiError, isApiError, parseProblem } from './problem';
export type { ApiProblem, FieldProblem } from './problem';
export { getHealth, isHealthy } from './health';
export type { Health } from './health';
export { logIn, getSession, logOut, listSessions, endSession, changePassword } from './session';
export type {
  Credentials,
  SessionUser,
  SessionAnswer,
  SessionInfo,
  PasswordChange,
} from './session';
export * from './accounts';
export { listAudit, auditQueryString, summaryText } from './audit';
export type { AuditRecord, AuditQuery, AuditPage } from './audit';
