// Times come from the server in UTC (ISO 8601) and are shown in Beijing time (UTC+8, no daylight
// saving), whatever the browser's time zone: "2026-11-27 18:30:05".
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** "YYYY-MM-DD HH:mm:ss" in Beijing time; '' for a missing value, the input itself if unreadable. */
export function formatBeijing(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const ms =
    value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (Number.isNaN(ms)) return String(value);
  const d = new Date(ms + BEIJING_OFFSET_MS);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/**
 * The UTC instant of a Beijing calendar day's start ("YYYY-MM-DD" → ISO 8601 with Z), or, with
 * endOfDay, of its last second (so the bound works whether the server reads `to` inclusively).
 */
export function beijingDayToUtc(day: string, endOfDay = false): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (match === null) throw new RangeError(`not a day: ${day}`);
  const [, y, m, d] = match;
  const startUtc = Date.UTC(Number(y), Number(m) - 1, Number(d)) - BEIJING_OFFSET_MS;
  const ms = endOfDay ? startUtc + 24 * 60 * 60 * 1000 - 1000 : startUtc;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/**
 * A Beijing wall-clock time typed in a picker ("YYYY-MM-DD HH:mm[:ss]") as the UTC instant the
 * server stores (ISO 8601 with Z), whatever the browser's time zone.
 */
export function beijingToUtc(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (match === null) throw new RangeError(`not a Beijing time: ${value}`);
  const [, y, mo, d, h, mi, s] = match;
  const ms =
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)) -
    BEIJING_OFFSET_MS;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
