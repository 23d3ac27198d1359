// The six kinds of users (DOMAIN.md §3).
export const ROLES = ['enterprise', 'county', 'organizer', 'expert', 'bureau', 'admin'] as const;
export type Role = (typeof ROLES)[number];
