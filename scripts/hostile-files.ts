import { Readable } from "node:stream";
import yauzl from "yauzl";
import yazl from "yazl";
import ExcelJS from "exceljs";
import { Document, Packer, Paragraph, TextRun } from "docx";

/**
 * Files an attacker would upload, built the way they were found to hurt: real Word and Excel files
 * whose one part declares an absurd size. Shared by the unit tests and `scripts/hostile-files-test.ts`.
 */

type Part = { name: string; data: Buffer } | { name: string; stream: () => Readable; size: number };

/** The parts of a zip, read back. */
async function partsOf(zip: Buffer): Promise<Map<string, Buffer>> {
  const file = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(zip, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z!))));
  const parts = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    file.on("entry", (entry: yauzl.Entry) =>
      file.openReadStream(entry, (e, stream) => {
        if (e) return reject(e);
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          parts.set(entry.fileName, Buffer.concat(chunks));
          file.readEntry();
        });
      }),
    );
    file.on("end", resolve);
    file.on("error", reject);
    file.readEntry();
  });
  return parts;
}

/** A zip of the given parts (deflated). */
function zipOf(parts: Part[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const p of parts) {
    if ("data" in p) zip.addBuffer(p.data, p.name);
    else zip.addReadStream(p.stream(), p.name, { size: p.size });
  }
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on("error", reject);
  });
}

/** A file with its parts replaced or added. */
async function rewrite(file: Buffer, change: (parts: Map<string, Buffer>) => Part[]) {
  const parts = await partsOf(file);
  return zipOf(change(parts));
}

const keep = (parts: Map<string, Buffer>, except: string[] = []): Part[] =>
  [...parts].filter(([name]) => !name.endsWith("/") && !except.includes(name)).map(([name, data]) => ({ name, data }));

/** A small real .docx. */
export async function plainDocx(lines = ["关于古塘街道工业区块改造提升的建议的答复", "正文第一段。"]) {
  return Packer.toBuffer(new Document({ sections: [{ children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })) }] }));
}

/** A real .docx whose body is `paragraphs` empty paragraphs (2 million made the server run out of memory). */
export async function manyParagraphsDocx(paragraphs = 2_000_000) {
  return rewrite(await plainDocx(), (parts) => {
    const xml = parts.get("word/document.xml")!.toString("utf8");
    const body = xml.replace(/<w:body>[\s\S]*?(<w:sectPr)/, `<w:body>${"<w:p/>".repeat(paragraphs)}$1`);
    return [...keep(parts, ["word/document.xml"]), { name: "word/document.xml", data: Buffer.from(body) }];
  });
}

/** The import template with one merged range added to its sheet (`A2:XFD1048576` froze everyone for two minutes). */
export async function mergedRangeXlsx(range = "A2:XFD1048576") {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("建议清单");
  ws.addRow(["编号", "建议标题"]);
  ws.addRow([155, "关于古塘街道工业区块改造提升的建议"]);
  const file = Buffer.from(await wb.xlsx.writeBuffer());
  return rewrite(file, (parts) => {
    const name = "xl/worksheets/sheet1.xml";
    const xml = parts.get(name)!.toString("utf8").replace("</sheetData>", `</sheetData><mergeCells count="1"><mergeCell ref="${range}"/></mergeCells>`);
    return [...keep(parts, [name]), { name, data: Buffer.from(xml) }];
  });
}

/** Zeros, as a stream of `size` bytes. */
function zeros(size: number) {
  const chunk = Buffer.alloc(Math.min(size, 16 * 1024 * 1024));
  let left = size;
  return new Readable({
    read() {
      if (left <= 0) return this.push(null);
      const n = Math.min(left, chunk.length);
      left -= n;
      this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    },
  });
}

/**
 * A real .docx (or .xlsx) carrying one more part that inflates to `size` bytes of zeros (1 GB by
 * default; about 1 MB packed). With `lie`, the zip's directory declares that part as 1 KB.
 */
export async function zipBomb(kind: "docx" | "xlsx", { size = 1024 * 1024 * 1024, lie = false } = {}) {
  const base = kind === "docx" ? await plainDocx() : await mergedRangeXlsx("A1:B1");
  const name = kind === "docx" ? "word/media/image1.png" : "xl/media/image1.png";
  const bomb = await rewrite(base, (parts) => [...keep(parts), { name, stream: () => zeros(size), size }]);
  return lie ? declareSize(bomb, name, 1024) : bomb;
}

/** Rewrites the central directory's uncompressed size of one part (what a lying zip does). */
function declareSize(zip: Buffer, name: string, size: number) {
  const out = Buffer.from(zip);
  for (let i = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); i >= 0; i = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), i - 1)) {
    const nameLength = out.readUInt16LE(i + 28);
    if (out.toString("utf8", i + 46, i + 46 + nameLength) === name) {
      out.writeUInt32LE(size, i + 24);
      return out;
    }
  }
  throw new Error(`no part ${name}`);
}
