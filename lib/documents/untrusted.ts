import path from "node:path";
import { Worker } from "node:worker_threads";
import { Invalid } from "../errors";
import { queue } from "../queue";

/**
 * Uploaded Word and Excel files are parsed in a worker thread, never on the server's event loop:
 * one user's file cannot freeze or kill the service for everyone else. The worker
 * (untrusted-worker.mjs) checks what the file declares before any real work and stops at the first
 * limit passed; the thread itself runs under a memory ceiling and a time limit, which hold whatever
 * the file does; and at most two files are parsed at once, a few more wait, the rest are told to
 * come back. Every refusal names the limit in Chinese.
 */
export const UPLOAD_LIMITS = {
  /** Parts inside the zip (a .docx or .xlsx has a few dozen). */
  maxParts: 2000,
  /** All parts unpacked together, as declared and as actually inflated. */
  maxUnpackedBytes: 100 * 1024 * 1024,
  /** The part that is read (a Word body, a worksheet). */
  maxPartBytes: 40 * 1024 * 1024,
  /** Paragraphs in a Word body: a long reply has a few hundred. */
  maxParagraphs: 20_000,
  /** A worksheet's rows and columns, as its dimension declares and as counted. */
  maxRows: 10_000,
  maxColumns: 200,
  /** Cells in a worksheet, and cells covered by merged ranges. */
  maxCells: 500_000,
  maxMergedCells: 100_000,
  /** Columns of a sheet handed back (the import template has eight). */
  columnsRead: 8,
  /** The worker thread's heap, and how long it may run. */
  heapMb: 192,
  seconds: 8,
};

export type UploadLimits = typeof UPLOAD_LIMITS;
type Refusal = { limit: string; found: string | number };

const MB = (bytes: number) => Math.floor(bytes / 1024 / 1024);

/** What the user reads when a file is refused: which limit, what the file had. */
export function refusalMessage({ limit, found }: Refusal, limits: UploadLimits = UPLOAD_LIMITS) {
  switch (limit) {
    case "parts":
      return `文件内部组成部分过多（${found} 个，上限 ${limits.maxParts} 个），可能不是正常的 Office 文档`;
    case "unpacked":
      return `文件解压后过大（至少 ${MB(Number(found))} MB，上限 ${MB(limits.maxUnpackedBytes)} MB），可能是压缩炸弹或异常文件`;
    case "lied":
      return "文件解压后的实际大小超过其声明的大小，可能是压缩炸弹，已停止读取";
    case "paragraphs":
      return `Word 文档段落数过多（超过 ${limits.maxParagraphs} 段），请删除空段落或拆分后再导入`;
    case "dimension":
      return `工作表范围过大（${found}），上限为 ${limits.maxRows} 行、${limits.maxColumns} 列，请删除多余的行列后再上传`;
    case "merged":
      return `工作表中合并单元格的范围过大（${found}），合计不能超过 ${limits.maxMergedCells} 个单元格`;
    case "rows":
      return `工作表行数过多（超过 ${limits.maxRows} 行）`;
    case "cells":
      return `工作表单元格过多（超过 ${limits.maxCells} 个）`;
    case "memory":
      return `读取该文件所需内存超过上限（${limits.heapMb} MB），已停止读取`;
    case "time":
      return `读取该文件超过 ${limits.seconds} 秒，已停止读取`;
    case "busy":
      return "同时上传处理的文件较多，请稍后再试";
    default:
      return "无法读取该文件，文件可能已损坏或不是 Office 文档";
  }
}

/** Two parses at once; four more may wait; beyond that, come back later. */
const parses = queue(2, 4);

const WORKER = path.join(process.cwd(), "lib", "documents", "untrusted-worker.mjs");

export type SheetRow = { row: number; cells: string[] };

const refusals = new WeakMap<Invalid, Refusal>();

/** A refused file is the services' usual Invalid (its message names the limit); `refusalOf` tells which limit. */
function refused(refusal: Refusal, limits: UploadLimits) {
  const message = refusalMessage(refusal, limits);
  const error = new Invalid(message, { file: [message] });
  refusals.set(error, refusal);
  return error;
}

/** Which limit refused the file, when `error` is a refused file (for the audit log and the tests). */
export function refusalOf(error: unknown): Refusal | undefined {
  return error instanceof Invalid ? refusals.get(error) : undefined;
}

/** Runs the worker on one file and waits for its answer, its death or its time limit. */
function runWorker(kind: "docx" | "xlsx", bytes: Uint8Array, limits: UploadLimits): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      workerData: { kind, bytes, limits },
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(() => finish(() => reject(refused({ limit: "time", found: limits.seconds }, limits))), limits.seconds * 1000);
    worker.on("message", (answer: { ok: true; value: unknown } | ({ ok: false } & Refusal)) =>
      finish(() => (answer.ok ? resolve(answer.value) : reject(refused(answer, limits)))),
    );
    worker.on("error", (error: NodeJS.ErrnoException) =>
      finish(() => reject(refused({ limit: error.code === "ERR_WORKER_OUT_OF_MEMORY" ? "memory" : "format", found: "" }, limits))),
    );
    worker.on("exit", () => finish(() => reject(refused({ limit: "format", found: "exit" }, limits))));
  });
}

async function parse(kind: "docx" | "xlsx", bytes: Uint8Array, limits: UploadLimits) {
  const run = parses(() => runWorker(kind, bytes, limits));
  if (!run) throw refused({ limit: "busy", found: "" }, limits);
  return run;
}

/** The raw text of a .docx (mammoth's), read within the limits. */
export async function docxText(bytes: Uint8Array, limits: UploadLimits = UPLOAD_LIMITS): Promise<string> {
  return ((await parse("docx", bytes, limits)) as { text: string }).text;
}

/** The first worksheet of an .xlsx, as text cells of its first columns, read within the limits. */
export async function sheetRows(bytes: Uint8Array, limits: UploadLimits = UPLOAD_LIMITS): Promise<SheetRow[]> {
  return ((await parse("xlsx", bytes, limits)) as { rows: SheetRow[] }).rows;
}
