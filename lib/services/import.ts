import ExcelJS from "exceljs";
import { eq } from "drizzle-orm";
import { congressSessions, deputies, proposals, units } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { Invalid, NotFound } from "../errors";
import { FIELDS } from "../workflow";
import { getDb, authorize } from "./common";
import { audit, auditIn } from "../audit";
import { now } from "../clock";
import { MAX_LIST_IDS } from "../validation";
import { insertProposal } from "./proposals";
import { similarToText } from "@/db/queries/similar";
import { refusalOf, sheetRows, type SheetRow } from "../documents/untrusted";

/**
 * 导入建议: the congress office's spreadsheet of proposals. A preview names every problem by row
 * and column (with the closest known name where one is near); the import writes all rows or none.
 */
export const IMPORT_COLUMNS = ["编号", "建议标题", "领衔代表", "代表团", "附议代表", "领域", "建议内容", "建议承办单位"] as const;
type ColumnName = (typeof IMPORT_COLUMNS)[number];

export type ImportProblem = { column: ColumnName | "文件"; message: string };
export type ImportRow = {
  row: number;
  number: number | null;
  title: string;
  leadDeputy: string;
  deputation: string;
  cosigners: string[];
  field: string;
  body: string;
  units: string[];
  problems: ImportProblem[];
  /** The most similar proposal already registered (for 并案 or 重复提出), when alike enough. */
  similar?: { number: number; sessionName: string; title: string; shared: string[] };
};

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
const MAX_ROWS = 2000;

/** The template the congress office fills in. */
export async function importTemplate() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("建议清单");
  ws.addRow([...IMPORT_COLUMNS]);
  ws.addRow([155, "关于古塘街道工业区块改造提升的建议", "胡国锋", "古塘街道代表团", "陈海波、孙丽娟", "工业交通", "建议内容……", "市经信局、市商务局"]);
  ws.getRow(1).font = { bold: true };
  [8, 40, 10, 16, 20, 10, 60, 24].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const notes = wb.addWorksheet("填写说明");
  for (const line of [
    "每行一件建议，第一行为表头，请勿改动表头。",
    "编号：本届次内的建议编号，整数，不得重复。",
    "领衔代表、附议代表：须为系统中已有的代表姓名；附议代表之间用顿号“、”分隔。",
    `领域：${FIELDS.join("、")}之一。`,
    "建议承办单位：系统中已有的单位名称，用顿号分隔，第一个为建议主办单位（交办时由政府督查室确定）。",
  ])
    notes.addRow([line]);
  notes.getColumn(1).width = 90;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const list = (s: string) => s.split(/[、，,;；\s]+/).map((x) => x.trim()).filter(Boolean);

/** Edit distance, for "did you mean" on names. */
function distance(a: string, b: string) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

function closest(name: string, known: string[]) {
  // A name that contains what was typed (or is contained in it) is the likeliest meaning.
  const containing = known.find((k) => k.includes(name) || name.includes(k));
  if (containing) return containing;
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of known) {
    const dd = distance(name, k);
    if (dd < bestD) [best, bestD] = [k, dd];
  }
  return best && bestD <= Math.max(1, Math.floor(Math.max(name.length, best.length) / 2)) ? best : null;
}

const unknown = (what: string, name: string, known: string[]) => {
  const near = closest(name, known);
  return `系统中没有${what}“${name}”${near ? `，是否为“${near}”？` : ""}`;
};

async function readRows(bytes: Uint8Array): Promise<{ rows: ImportRow[]; fileProblem?: string; limit?: string }> {
  if (bytes.length > MAX_IMPORT_BYTES) return { rows: [], fileProblem: `文件不能超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB` };
  let sheet: SheetRow[];
  try {
    sheet = await sheetRows(bytes);
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal && refusal.limit !== "format") return { rows: [], fileProblem: (error as Error).message, limit: refusal.limit };
    return { rows: [], fileProblem: "无法读取该文件，请上传 Excel 工作簿（.xlsx），可先下载模板填写" };
  }
  const header = sheet.find((r) => r.row === 1)?.cells ?? [];
  const missing = IMPORT_COLUMNS.filter((c, i) => header[i] !== c);
  if (missing.length) return { rows: [], fileProblem: `表头应为：${IMPORT_COLUMNS.join("、")}（请使用模板）` };
  const rows: ImportRow[] = [];
  for (const { row: n, cells } of sheet) {
    if (n === 1) continue;
    if (cells.every((c) => !c)) continue;
    const numberText = cells[0];
    rows.push({
      row: n,
      number: /^\d{1,5}$/.test(numberText) ? Number(numberText) : null,
      title: cells[1],
      leadDeputy: cells[2],
      deputation: cells[3],
      cosigners: list(cells[4]),
      field: cells[5],
      body: cells[6],
      units: list(cells[7]),
      problems: numberText && !/^\d{1,5}$/.test(numberText) ? [{ column: "编号", message: `编号“${numberText}”不是整数` }] : [],
    });
  }
  if (rows.length > MAX_ROWS) return { rows: [], fileProblem: `一次最多导入 ${MAX_ROWS} 件` };
  return { rows };
}

/** Reads the sheet and lists every row's problems; writes nothing. */
export async function previewImport(actor: Actor, sessionId: number, bytes: Uint8Array) {
  authorize(actor, "proposal.import");
  const result = await preview(actor, sessionId, bytes);
  // Each row's closest registered proposal, so that a matter raised again is seen before it is
  // imported; for a sheet of at most SIMILAR_ROWS rows (a larger one: on each proposal's page).
  if (result.rows.length <= SIMILAR_ROWS)
    for (const r of result.rows) {
      const [best] = r.title ? similarToText(getDb(), r, { limit: 1 }) : [];
      if (best && best.score >= SIMILAR_ENOUGH) r.similar = { number: best.number, sessionName: best.sessionName, title: best.title, shared: best.shared };
    }
  return result;
}

/** Rows of a sheet checked for similar proposals in the preview, and how alike (overlap of trigrams) counts. */
const SIMILAR_ROWS = 100;
const SIMILAR_ENOUGH = 0.2;

async function preview(actor: Actor, sessionId: number, bytes: Uint8Array) {
  const db = getDb();
  const session = db.select().from(congressSessions).where(eq(congressSessions.id, sessionId)).get();
  if (!session || !session.active) throw new NotFound("未找到该届次。");
  const { rows, fileProblem, limit } = await readRows(bytes);
  if (limit) audit(db, { actor, action: "proposal.import", objectType: "file", objectId: null, result: "refused", detail: { bytes: bytes.length, limit, reason: fileProblem } }, now());
  if (fileProblem) return { session: session.name, rows, fileProblem, ok: false };
  if (!rows.length) return { session: session.name, rows, fileProblem: "表中没有建议", ok: false };

  const people = db.select().from(deputies).where(eq(deputies.active, true)).all();
  const names = people.map((p) => p.name);
  const unitNames = db.select({ name: units.name }).from(units).where(eq(units.active, true)).all().map((u) => u.name);
  const taken = new Set(db.select({ n: proposals.number }).from(proposals).where(eq(proposals.sessionId, sessionId)).all().map((p) => p.n));
  const seen = new Map<number, number>();

  for (const r of rows) {
    const p = r.problems;
    if (r.number == null && !p.length) p.push({ column: "编号", message: "缺少编号" });
    if (r.number != null) {
      if (r.number < 1) p.push({ column: "编号", message: "编号应从1开始" });
      if (taken.has(r.number)) p.push({ column: "编号", message: `${session.name}已有第${r.number}号建议` });
      if (seen.has(r.number)) p.push({ column: "编号", message: `与第${seen.get(r.number)}行编号重复` });
      else seen.set(r.number, r.row);
    }
    if (!r.title) p.push({ column: "建议标题", message: "缺少建议标题" });
    else if (r.title.length > 200) p.push({ column: "建议标题", message: "建议标题不能超过200个字" });
    if (!r.body) p.push({ column: "建议内容", message: "缺少建议内容" });
    else if (r.body.length > 20000) p.push({ column: "建议内容", message: "建议内容不能超过20000个字" });
    if (!r.leadDeputy) p.push({ column: "领衔代表", message: "缺少领衔代表" });
    else {
      const matches = people.filter((d) => d.name === r.leadDeputy);
      if (!matches.length) p.push({ column: "领衔代表", message: unknown("代表", r.leadDeputy, names) });
      else if (r.deputation && !matches.some((d) => d.deputation === r.deputation))
        p.push({ column: "代表团", message: `${r.leadDeputy}所在代表团为“${matches.map((d) => d.deputation).join("、")}”，与表中“${r.deputation}”不符` });
      else if (matches.length > 1 && !r.deputation) p.push({ column: "代表团", message: `有多位代表名为${r.leadDeputy}，请填写代表团` });
    }
    for (const [i, c] of r.cosigners.entries()) {
      if (!names.includes(c)) p.push({ column: "附议代表", message: unknown("代表", c, names) });
      else if (c === r.leadDeputy) p.push({ column: "附议代表", message: `${c}已是领衔代表` });
      else if (r.cosigners.indexOf(c) < i) p.push({ column: "附议代表", message: `${c}重复填写` });
    }
    if (r.cosigners.length > MAX_LIST_IDS) p.push({ column: "附议代表", message: `附议代表不能超过${MAX_LIST_IDS}位` });
    if (!r.field) p.push({ column: "领域", message: "缺少领域" });
    else if (!(FIELDS as readonly string[]).includes(r.field)) p.push({ column: "领域", message: unknown("领域", r.field, [...FIELDS]) });
    for (const u of r.units) if (!unitNames.includes(u)) p.push({ column: "建议承办单位", message: unknown("单位", u, unitNames) });
  }
  return { session: session.name, rows, fileProblem: undefined, ok: rows.every((r) => !r.problems.length) };
}

export const NOT_IMPORTED = "表中还有问题，未导入任何建议。请按预览修改后重新上传。";

/** Imports every row in one transaction, or none when any row has a problem. */
export async function importProposals(actor: Actor, sessionId: number, bytes: Uint8Array) {
  authorize(actor, "proposal.import");
  const checked = await preview(actor, sessionId, bytes);
  if (!checked.ok) throw new Invalid(NOT_IMPORTED);
  const db = getDb();
  const people = db.select().from(deputies).where(eq(deputies.active, true)).all();
  const deputyId = (name: string, deputation?: string) =>
    (people.find((d) => d.name === name && (!deputation || d.deputation === deputation)) ?? people.find((d) => d.name === name))!.id;
  // One transaction for the sheet: one failure rolls every row back.
  return db.transaction((tx) => {
    const created = checked.rows.map((r) =>
      insertProposal(tx, actor, {
        sessionId,
        number: r.number,
        title: r.title,
        body: r.body,
        field: r.field,
        leadDeputyId: deputyId(r.leadDeputy, r.deputation),
        cosignerIds: r.cosigners.map((c) => deputyId(c)),
        disclosure: "full",
        suggestedUnits: r.units.join("、"),
      }),
    );
    // Each proposal has its own entry; this one says which file brought them, in the same transaction.
    auditIn(tx, { actor, action: "proposal.import", objectType: "session", objectId: sessionId, result: "ok", detail: { bytes: bytes.length, rows: created.length } }, now());
    return created;
  });
}
