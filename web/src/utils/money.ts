// Money is integer fen (分) everywhere the server is concerned; people type and read yuan (元).
// The conversion reads the decimal string digit by digit — never through a float, so "0.29"
// is 29 fen and not 28.999… — and refuses what is not an amount rather than guessing.

/** The largest amount we accept: 10^13 fen (1000亿元), far above any subsidy, below 2^53. */
const MAX_FEN = 10_000_000_000_000;

/**
 * Reads a yuan amount typed by a person: digits, an optional point and at most two decimals,
 * thousands separators (",", "，") and spaces allowed. Returns integer fen, or null when the
 * text is not a non-negative amount ("1.234", "abc", "-5", "1e3", "").
 */
export function parseYuan(text: string): number | null {
  const cleaned = text.trim().replace(/[,，\s]/g, '');
  const match = /^(\d+)(?:\.(\d{0,2}))?$/.exec(cleaned);
  if (match === null) return null;
  const whole = match[1] ?? '0';
  const decimals = (match[2] ?? '').padEnd(2, '0');
  // Leading zeros are harmless ("007.5"); too many digits are not an amount we can hold exactly.
  const wholeDigits = whole.replace(/^0+(?=\d)/, '');
  if (wholeDigits.length > 11) return null;
  const fen = Number(wholeDigits) * 100 + Number(decimals);
  return Number.isSafeInteger(fen) && fen <= MAX_FEN ? fen : null;
}

function splitFen(fen: number): { sign: string; yuan: string; cents: string } {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
  const abs = Math.abs(fen);
  return {
    sign: fen < 0 ? '-' : '',
    yuan: String(Math.floor(abs / 100)),
    cents: String(abs % 100).padStart(2, '0'),
  };
}

/** Fen as yuan for reading: "1,234,567.89" (always two decimals). */
export function formatYuan(fen: number): string {
  const { sign, yuan, cents } = splitFen(fen);
  return `${sign}${yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** Fen as the text of an input field: "1234567.89", "1200" (no separators, no ".00"). */
export function fenToInput(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  const { sign, yuan, cents } = splitFen(fen);
  return cents === '00' ? `${sign}${yuan}` : `${sign}${yuan}.${cents.replace(/0$/, '')}`;
}

/** Fen as 万元 for caps in sentences: 100000000 → "100", 50000000 → "50", 1234500 → "1.2345". */
export function formatWan(fen: number): string {
  const { sign, yuan, cents } = splitFen(fen);
  const wan = Math.floor(Number(yuan) / 10000);
  const rest = `${String(Number(yuan) % 10000).padStart(4, '0')}${cents}`.replace(/0+$/, '');
  return rest === '' ? `${sign}${wan}` : `${sign}${wan}.${rest}`;
}
