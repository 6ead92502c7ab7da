import ExcelJS from "exceljs";
import { formatDateTime } from "../labels";

/**
 * Any table as an .xlsx sheet: a title, the filter it was drawn with, Chinese headers, then the
 * rows; dates are real dates (formatted yyyy-mm-dd), numbers numbers.
 */
export type Column<R> = { header: string; width?: number; type?: "text" | "date" | "number" | "percent"; value: (row: R) => string | number | Date | null };

export const HEADER_ROW = 4;

export async function tableWorkbook<R>(opts: { sheet: string; title: string; filter: string; exportedAt: Date; columns: Column<R>[]; rows: R[] }) {
  const wb = new ExcelJS.Workbook();
  wb.creator = "人大代表建议办理系统";
  wb.created = opts.exportedAt;
  const ws = wb.addWorksheet(opts.sheet, { views: [{ state: "frozen", ySplit: HEADER_ROW }] });
  ws.getCell(1, 1).value = opts.title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(2, 1).value = `筛选条件：${opts.filter || "全部"}`;
  ws.getCell(3, 1).value = `导出时间：${formatDateTime(opts.exportedAt)}`;
  const header = ws.getRow(HEADER_ROW);
  opts.columns.forEach((c, i) => {
    header.getCell(i + 1).value = c.header;
    ws.getColumn(i + 1).width = c.width ?? Math.max(10, c.header.length * 2 + 2);
    if (c.type === "date") ws.getColumn(i + 1).numFmt = "yyyy-mm-dd";
    if (c.type === "percent") ws.getColumn(i + 1).numFmt = "0.0%";
  });
  header.font = { bold: true };
  opts.rows.forEach((r) => ws.addRow(opts.columns.map((c) => c.value(r))));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads a sheet written by `tableWorkbook` back: its filter line, headers and rows. */
export async function readTable(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const headers = (ws.getRow(HEADER_ROW).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n <= HEADER_ROW) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i] ?? null])));
  });
  return { filter: String(ws.getCell(2, 1).value ?? ""), headers, rows };
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function attachmentHeaders(name: string, type: string) {
  return {
    "content-type": type,
    "content-disposition": `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    "x-content-type-options": "nosniff",
    "cache-control": "private, no-store",
  };
}
