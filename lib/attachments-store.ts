import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { dataDir } from "@/db";

/**
 * Attachment bytes on disk, and what they are. Files live outside the web root under
 * `<data dir>/files/<first 2 hex>/<sha256>`: the name is the content, so one content is stored once,
 * and nothing a user typed ever becomes part of a path.
 */

export const DEFAULT_MAX_UPLOAD_MB = 20;

/** The upload limit in MB: `BANLI_MAX_UPLOAD_MB` when it is a positive number, else 20. */
export function maxUploadMb() {
  const raw = process.env.BANLI_MAX_UPLOAD_MB?.trim();
  const n = raw ? Number(raw) : NaN;
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_MAX_UPLOAD_MB;
}

export const maxUploadBytes = () => Math.floor(maxUploadMb() * 1024 * 1024);

// ---- What a file is, by its content ----

export type FileKind = "pdf" | "png" | "jpeg" | "gif" | "webp" | "docx" | "xlsx";

export const FILE_KINDS: Record<FileKind, { mime: string; ext: string; aliases: readonly string[] }> = {
  pdf: { mime: "application/pdf", ext: "pdf", aliases: ["pdf"] },
  png: { mime: "image/png", ext: "png", aliases: ["png"] },
  jpeg: { mime: "image/jpeg", ext: "jpg", aliases: ["jpg", "jpeg"] },
  gif: { mime: "image/gif", ext: "gif", aliases: ["gif"] },
  webp: { mime: "image/webp", ext: "webp", aliases: ["webp"] },
  docx: { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ext: "docx", aliases: ["docx"] },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ext: "xlsx", aliases: ["xlsx"] },
};

/** The extension a stored MIME type is served with (only types this module detected are ever stored). */
export function extensionFor(mime: string) {
  return Object.values(FILE_KINDS).find((k) => k.mime === mime)?.ext ?? "bin";
}

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0) =>
  bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
const EXCEL_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

/**
 * The kind of a file from its first bytes, never from its name or the browser's MIME type.
 * Word and Excel files are zips: the one whose [Content_Types].xml declares a main document part
 * under word/ (resp. xl/) with the plain .docx (.xlsx) type. Macro-enabled and template variants
 * declare other types and are refused.
 */
export function detectFileKind(bytes: Uint8Array): FileKind | null {
  if (startsWith(bytes, ascii("%PDF-"))) return "pdf";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return "gif";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "webp";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const types = readZipEntry(bytes, "[Content_Types].xml", 1024 * 1024);
    if (!types) return null;
    const parts = [...types.toString("utf8").matchAll(/<Override\b([^>]*)>/g)].map((m) => ({
      name: attr(m[1], "PartName"),
      type: attr(m[1], "ContentType"),
    }));
    if (parts.some((p) => p.type === WORD_MAIN && p.name.startsWith("/word/"))) return "docx";
    if (parts.some((p) => p.type === EXCEL_MAIN && p.name.startsWith("/xl/"))) return "xlsx";
  }
  return null;
}

function attr(tag: string, name: string) {
  return new RegExp(`\\b${name}\\s*=\\s*(["'])(.*?)\\1`).exec(tag)?.[2] ?? "";
}

/**
 * One entry of a zip, found through the central directory (not by scanning for names, which any
 * file could contain), inflated with an output cap. Anything malformed, encrypted or zip64 is null.
 */
function readZipEntry(bytes: Uint8Array, wanted: string, maxOutput: number): Buffer | null {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = bytes.length;
  if (len < 22) return null;
  let eocd = -1;
  for (let i = len - 22; i >= Math.max(0, len - 22 - 0xffff); i--) {
    if (dv.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = dv.getUint16(eocd + 10, true);
  const dirSize = dv.getUint32(eocd + 12, true);
  const dirOffset = dv.getUint32(eocd + 16, true);
  if (dirOffset + dirSize > eocd) return null;
  let p = dirOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || dv.getUint32(p, true) !== 0x02014b50) return null;
    const flags = dv.getUint16(p + 8, true);
    const method = dv.getUint16(p + 10, true);
    const compressed = dv.getUint32(p + 20, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const local = dv.getUint32(p + 42, true);
    if (p + 46 + nameLen > eocd) return null;
    const name = Buffer.from(bytes.subarray(p + 46, p + 46 + nameLen)).toString("utf8");
    if (name === wanted) {
      if (flags & 1) return null;
      if (local + 30 > len || dv.getUint32(local, true) !== 0x04034b50) return null;
      const start = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
      const end = start + compressed;
      if (end > len) return null;
      const data = bytes.subarray(start, end);
      if (method === 0) return data.length <= maxOutput ? Buffer.from(data) : null;
      if (method !== 8) return null;
      try {
        return zlib.inflateRawSync(data, { maxOutputLength: maxOutput });
      } catch {
        return null;
      }
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  return null;
}

// ---- Names ----

// Control characters and the invisible direction marks that can make "exe.pdf" read as "fdp.exe".
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;

/**
 * The name a file is listed and downloaded under: the last path segment of what the browser sent,
 * without control characters, at most 100 characters before the extension, and always ending in
 * the extension of what the file really is ("scan.pdf" that is a PNG becomes "scan.png").
 */
export function cleanFileName(raw: string, kind: FileKind) {
  const { ext, aliases } = FILE_KINDS[kind];
  let name = (raw.split(/[\\/]/).pop() ?? "").replace(UNSAFE, " ").replace(/\s+/g, " ").trim();
  let stem = name;
  let given = "";
  const m = /^(.*)\.([A-Za-z][A-Za-z0-9]{0,4})$/.exec(name);
  if (m) [stem, given] = [m[1], m[2]];
  stem = stem.replace(/^[.\s]+|[.\s]+$/g, "");
  stem = Array.from(stem).slice(0, 100).join("").trim() || "附件";
  name = `${stem}.${aliases.includes(given.toLowerCase()) ? given : ext}`;
  return name;
}

/**
 * `Content-Disposition` for a download: always `attachment`, an ASCII fallback that carries no user
 * text, and the real name percent-encoded as RFC 5987 asks (so quotes, line breaks and Chinese can
 * never end the header or start another one).
 */
export function contentDisposition(fileName: string, ext: string) {
  const safeExt = /^[a-z0-9]{1,5}$/.test(ext) ? ext : "bin";
  const name = fileName.replace(UNSAFE, " ").replace(/\s+/g, " ").trim() || `file.${safeExt}`;
  const encoded = encodeURIComponent(name).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="file.${safeExt}"; filename*=UTF-8''${encoded}`;
}

// ---- Bytes on disk ----

export const filesDir = () => path.join(dataDir(), "files");

export const sha256Of = (bytes: Uint8Array) => crypto.createHash("sha256").update(bytes).digest("hex");

export function blobPath(sha256: string) {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return path.join(filesDir(), sha256.slice(0, 2), sha256);
}

/**
 * Writes the bytes under their hash unless that content is already stored: to a temporary file in
 * the same folder, flushed, then renamed into place, so a reader never sees half a file and two
 * uploads of the same content at once both end with the one complete file.
 */
export function storeBlob(bytes: Uint8Array, sha256 = sha256Of(bytes)) {
  const target = blobPath(sha256);
  if (fs.existsSync(target)) return { sha256, created: false };
  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.tmp-${sha256.slice(0, 8)}-${process.pid}-${crypto.randomBytes(6).toString("hex")}`);
  try {
    const fd = fs.openSync(temp, "wx", 0o640);
    try {
      let written = 0;
      while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  return { sha256, created: true };
}

export function openBlob(sha256: string) {
  return fs.createReadStream(blobPath(sha256));
}

export function blobExists(sha256: string) {
  return fs.existsSync(blobPath(sha256));
}
