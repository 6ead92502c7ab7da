// @ts-check
/**
 * Runs in a worker thread (see untrusted.ts), never on the server's event loop: reads an uploaded
 * .docx or .xlsx with the limits it is given. First the zip itself is walked with yauzl: the number
 * of parts and their declared unpacked sizes are checked before anything is inflated, and every
 * part is inflated as a stream that fails the moment it yields more than it declared (a zip bomb
 * that lies about its size stops there). The main part is scanned for the sizes the file declares
 * (paragraphs; a sheet's dimension, merged ranges, rows and cells). Only a file within every limit
 * is handed to mammoth or ExcelJS. The answer is posted back as plain data.
 *
 * Plain JavaScript because the worker is started from a file at run time, outside Next's bundle.
 */
import { parentPort, workerData } from "node:worker_threads";
import yauzl from "yauzl";

class Refused extends Error {
  /** @param {string} limit @param {string | number} found */
  constructor(limit, found) {
    super(limit);
    this.limit = limit;
    this.found = found;
  }
}

/**
 * Every part of the zip, inflated within the limits; the parts named by `keep` are returned.
 * @param {Buffer} buffer
 * @param {{ maxParts: number; maxUnpackedBytes: number; maxPartBytes: number }} limits
 * @param {(name: string) => boolean} keep
 * @returns {Promise<Map<string, Buffer>>}
 */
function unzip(buffer, limits, keep) {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) return reject(new Refused("format", String(error?.message ?? "")));
      if (zip.entryCount > limits.maxParts) return reject(new Refused("parts", zip.entryCount));
      /** @type {Map<string, Buffer>} */
      const kept = new Map();
      let declared = 0;
      zip.on("error", (e) => reject(e instanceof Refused ? e : new Refused("format", String(e?.message ?? e))));
      zip.on("end", () => resolve(kept));
      zip.on("entry", (entry) => {
        declared += entry.uncompressedSize;
        if (declared > limits.maxUnpackedBytes) return reject(new Refused("unpacked", declared));
        if (entry.fileName.endsWith("/")) return zip.readEntry();
        const wanted = keep(entry.fileName);
        if (wanted && entry.uncompressedSize > limits.maxPartBytes) return reject(new Refused("unpacked", entry.uncompressedSize));
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(new Refused("format", String(err?.message ?? "")));
          /** @type {Buffer[]} */
          const chunks = [];
          stream.on("data", (chunk) => wanted && chunks.push(chunk));
          // yauzl ends the stream with an error once it yields more than the declared size.
          stream.on("error", (e) => reject(new Refused(/too many bytes/i.test(String(e?.message)) ? "lied" : "format", entry.fileName)));
          stream.on("end", () => {
            if (wanted) kept.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** Occurrences of a pattern in an XML part, stopping once past `max`. */
function count(/** @type {string} */ xml, /** @type {RegExp} */ pattern, /** @type {number} */ max) {
  let n = 0;
  pattern.lastIndex = 0;
  while (pattern.exec(xml)) if (++n > max) break;
  return n;
}

/** "XFD1048576" → [row, column] (1-based). */
function cellOf(/** @type {string} */ ref) {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/i.exec(ref.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return [Number(m[2]), col];
}

/** The size of a range "A2:XFD1048576" in rows × columns. */
function area(/** @type {string} */ ref) {
  const [a, b = a] = ref.split(":");
  const from = cellOf(a);
  const to = cellOf(b);
  if (!from || !to) return null;
  return { rows: Math.abs(to[0] - from[0]) + 1, cols: Math.abs(to[1] - from[1]) + 1 };
}

// Element names may carry any namespace prefix (w:p, x:p, p).
const PARAGRAPH = /<(?:[A-Za-z_][\w.-]*:)?p[\s/>]/g;
const ROW = /<(?:[A-Za-z_][\w.-]*:)?row[\s/>]/g;
const CELL = /<(?:[A-Za-z_][\w.-]*:)?c[\s/>]/g;
const MERGE = /<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref="([^"]*)"/g;
const DIMENSION = /<(?:[A-Za-z_][\w.-]*:)?dimension\b[^>]*?\bref="([^"]*)"/;

/** @param {Buffer} buffer @param {any} limits */
async function docx(buffer, limits) {
  const parts = await unzip(buffer, limits, (name) => name === "word/document.xml");
  const xml = parts.get("word/document.xml");
  if (!xml) throw new Refused("format", "no word/document.xml");
  const paragraphs = count(xml.toString("latin1"), PARAGRAPH, limits.maxParagraphs);
  if (paragraphs > limits.maxParagraphs) throw new Refused("paragraphs", paragraphs);
  const { default: mammoth } = await import("mammoth");
  return { text: (await mammoth.extractRawText({ buffer })).value };
}

/** @param {import("exceljs").CellValue} v */
function text(v) {
  if (v == null) return "";
  if (typeof v === "object" && "richText" in v) return v.richText.map((r) => r.text).join("").trim();
  if (typeof v === "object" && "text" in v) return String(v.text).trim();
  if (typeof v === "object" && "result" in v) return String(v.result ?? "").trim();
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

/** @param {Buffer} buffer @param {any} limits */
async function xlsx(buffer, limits) {
  const parts = await unzip(buffer, limits, (name) => /^xl\/worksheets\/[^/]+\.xml$/.test(name));
  for (const [, part] of parts) {
    const xml = part.toString("latin1");
    const dimension = DIMENSION.exec(xml)?.[1];
    const size = dimension ? area(dimension) : null;
    if (size && (size.rows > limits.maxRows || size.cols > limits.maxColumns)) throw new Refused("dimension", dimension ?? "");
    let merged = 0;
    MERGE.lastIndex = 0;
    for (let m = MERGE.exec(xml); m; m = MERGE.exec(xml)) {
      const a = area(m[1]);
      merged += a ? a.rows * a.cols : 0;
      if (merged > limits.maxMergedCells) throw new Refused("merged", m[1]);
    }
    const rows = count(xml, ROW, limits.maxRows);
    if (rows > limits.maxRows) throw new Refused("rows", rows);
    const cells = count(xml, CELL, limits.maxCells);
    if (cells > limits.maxCells) throw new Refused("cells", cells);
  }
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(/** @type {any} */ (buffer));
  const ws = wb.worksheets[0];
  if (!ws) return { rows: [] };
  /** @type {{ row: number; cells: string[] }[]} */
  const rows = [];
  ws.eachRow({ includeEmpty: false }, (r, n) => {
    rows.push({ row: n, cells: Array.from({ length: limits.columnsRead }, (_, i) => text(r.getCell(i + 1).value)) });
  });
  return { rows };
}

const { kind, bytes, limits } = workerData;
const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
(kind === "docx" ? docx(buffer, limits) : xlsx(buffer, limits)).then(
  (value) => parentPort?.postMessage({ ok: true, value }),
  (error) =>
    parentPort?.postMessage(
      error instanceof Refused ? { ok: false, limit: error.limit, found: error.found } : { ok: false, limit: "format", found: String(error?.message ?? error) },
    ),
);
