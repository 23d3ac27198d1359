// Reading what the server exports, without trusting the server's own code: a signed-in download
// as bytes, a ZIP reader (central directory + raw inflate from node:zlib), and an .xlsx reader that
// answers each sheet's cells as Excel stores them — numbers, shared strings, and a formula's
// cached value (which must be written: a reader that does not recalculate shows it as is).
import { inflateRawSync } from 'node:zlib';

// GET `path` as `client` (its session cookie), answering {status, headers, bytes}.
export async function download(client, path) {
  const response = await fetch(`${client.baseUrl}${path}`, { headers: { Cookie: client.cookieHeader() } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

// Every entry of a ZIP archive: name → Buffer.
export function unzip(bytes) {
  let end = bytes.length - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error('not a ZIP archive: no end of central directory');
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const entries = {};
  for (let i = 0; i < count; i += 1) {
    if (bytes.readUInt32LE(at) !== 0x02014b50) throw new Error('broken central directory');
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataStart = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(dataStart, dataStart + compressed);
    entries[name] = method === 0 ? Buffer.from(data) : inflateRawSync(data);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const unescapeXml = (text) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

function columnIndex(letters) {
  let index = 0;
  for (const letter of letters) index = index * 26 + (letter.charCodeAt(0) - 64);
  return index - 1;
}

// {sheets: [{name, rows: [[cell…]…], formulas: {ref: text}, frozenRows, autoFilter}]}; a cell is
// a string, a number or null.
export function readXlsx(bytes) {
  const files = unzip(bytes);
  const shared = [];
  const sharedXml = files['xl/sharedStrings.xml']?.toString('utf8') ?? '';
  for (const [, item] of sharedXml.matchAll(/<si>([\s\S]*?)<\/si>/g)) {
    shared.push(unescapeXml([...item.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((m) => m[1]).join('')));
  }
  const workbook = files['xl/workbook.xml'].toString('utf8');
  const names = [...workbook.matchAll(/<sheet [^>]*name="([^"]*)"/g)].map((m) => unescapeXml(m[1]));
  return {
    sheets: names.map((name, i) => {
      const xml = files[`xl/worksheets/sheet${i + 1}.xml`].toString('utf8');
      const rows = [];
      const formulas = {};
      for (const [, ref, attributes, inner] of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const [, letters, rowText] = ref.match(/([A-Z]+)(\d+)/);
        const row = Number(rowText) - 1;
        const formula = inner?.match(/<f>([\s\S]*?)<\/f>/);
        if (formula) formulas[ref] = unescapeXml(formula[1]);
        const value = inner?.match(/<v>([\s\S]*?)<\/v>/)?.[1];
        let cell = null;
        if (value !== undefined) cell = /t="s"/.test(attributes) ? shared[Number(value)] : Number(value);
        const inline = inner?.match(/<is>[\s\S]*?<t[^>]*>([\s\S]*?)<\/t>/);
        if (inline) cell = unescapeXml(inline[1]);
        (rows[row] ??= [])[columnIndex(letters)] = cell;
      }
      return {
        name,
        rows,
        formulas,
        frozenRows: Number(xml.match(/<pane [^>]*ySplit="(\d+)"/)?.[1] ?? 0),
        autoFilter: xml.match(/<autoFilter ref="([^"]+)"/)?.[1] ?? null,
      };
    }),
  };
}

// "1,234.56"-free yuan number → fen, exactly.
export const fenOf = (yuan) => Math.round(yuan * 100);
