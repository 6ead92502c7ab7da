import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { and, count, eq } from "drizzle-orm";
import { Document, Packer, Paragraph } from "docx";
import ExcelJS from "exceljs";
import { openDb, type Db } from "@/db";
import { seed, SESSION_NAME } from "@/db/seed";
import * as t from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { Conflict, Forbidden, Invalid, NotFound, ServiceError } from "@/lib/errors";
import { attachmentForDownload, attachmentsOf } from "@/db/queries/attachments";
import { getProposalDetail } from "@/db/queries/proposals";
import { cleanFileName, contentDisposition, detectFileKind, filesDir, sha256Of } from "@/lib/attachments-store";
import { deleteAttachment, TYPES_MESSAGE, uploadAttachment, type UploadedFile } from "@/lib/services/attachments";
import { loadSubject, maySee, viewerOf } from "@/lib/access/attachments";
import { assignProposal, registerProposal } from "@/lib/services/proposals";
import { resetRateLimits } from "@/lib/rate-limit";
import { receiveAssignment } from "@/lib/services/assignments";
import { saveOpinionDraft, signOffOpinion, submitOpinion } from "@/lib/services/documents";

// The download route asks next-auth who is signed in; here the test says who.
vi.mock("@/lib/auth/current", () => ({ currentActor: vi.fn(async () => null) }));
const { currentActor } = await import("@/lib/auth/current");
const { GET } = await import("@/app/api/attachments/[id]/route");

/*
 * Attachments, on the seeded demo database (No. 155: lead 市经信局 with a draft reply,
 * co 市商务局 whose opinion was sent), with its own data directory for the stored files.
 * Every refusal is checked twice: the error, and that no row was written and no file stored.
 */

let db: Db;
let dataDir: string;
let p155: number;
const users = new Map<string, Actor>();
const actor = (username: string) => users.get(username)!;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "banli-attachments-"));
  process.env.BANLI_DATA_DIR = dataDir;
  db = openDb(":memory:");
  await seed(db);
  for (const u of db.select().from(t.users).all())
    users.set(u.username, { id: u.id, role: u.role, unitId: u.unitId, deputyId: u.deputyId, displayName: u.displayName });
  p155 = db.select().from(t.proposals).where(eq(t.proposals.number, 155)).get()!.id;
}, 120_000);

afterAll(() => {
  delete process.env.BANLI_DATA_DIR;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

afterEach(() => {
  delete process.env.BANLI_MAX_UPLOAD_MB;
  vi.mocked(currentActor).mockReset();
});

// ---------------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------------

const MINIMAL_PDF = [
  "%PDF-1.4",
  "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
  "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj",
  "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj",
  "trailer << /Root 1 0 R >>",
  "%%EOF",
].join("\n");
const pdf = (text = "") => new Uint8Array(Buffer.from(`${MINIMAL_PDF}\n% ${text}\n`, "latin1"));
const PNG_1X1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
// A Windows executable: "MZ", then the DOS stub.
const EXE = new Uint8Array(Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"), Buffer.from("This program cannot be run in DOS mode.\r\n")]));

async function docxBytes() {
  const doc = new Document({ sections: [{ children: [new Paragraph("签发件扫描说明")] }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}
async function xlsxBytes() {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("办理情况").addRow(["单位", "件数"]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A zip of stored (uncompressed) entries, to build Office look-alikes by hand. */
function storedZip(entries: Record<string, string>) {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const n = Buffer.from(name, "utf8");
    const data = Buffer.from(content, "utf8");
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}
const contentTypes = (partName: string, type: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="${partName}" ContentType="${type}"/></Types>`;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** Every file under the data directory's files/ folder (temporary ones included). */
function storedFiles(): string[] {
  const root = filesDir();
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}

function snapshot() {
  return {
    attachments: db.select({ n: count() }).from(t.attachments).get()!.n,
    history: db.select({ n: count() }).from(t.history).get()!.n,
    deleted: db.select().from(t.attachments).all().filter((a) => a.deletedAt).length,
    files: storedFiles().sort(),
  };
}

/** The call is refused with this error, and nothing at all changed: no row, no history, no file. */
async function refused<E extends ServiceError>(kind: new (...args: never[]) => E, fn: () => unknown): Promise<E> {
  const before = snapshot();
  let error: unknown;
  try {
    await fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(kind);
  expect(snapshot()).toEqual(before);
  return error as E;
}

const file = (name: string, bytes: Uint8Array): UploadedFile => ({ name, bytes });
const upload = (who: string, target: string, f: UploadedFile) => uploadAttachment(actor(who), { target }, f);

function documentOf(kind: "opinion" | "reply", proposalId: number, unit: string) {
  const table = kind === "opinion" ? t.opinions : t.replies;
  return db
    .select({ id: table.id, state: table.state })
    .from(table)
    .innerJoin(t.assignments, eq(t.assignments.id, table.assignmentId))
    .innerJoin(t.units, eq(t.units.id, t.assignments.unitId))
    .where(and(eq(t.assignments.proposalId, proposalId), eq(t.units.name, unit)))
    .get()!;
}

async function download(who: string | null, id: number) {
  vi.mocked(currentActor).mockResolvedValue(who ? actor(who) : null);
  return GET(new Request(`http://localhost/api/attachments/${id}`), { params: Promise.resolve({ id: String(id) }) });
}

let nextNumber = 901;
/** A new proposal assigned to 市经信局 (lead) and 市商务局 (co), both received, led by 胡国锋. */
function freshProposal() {
  const session = db.select().from(t.congressSessions).where(eq(t.congressSessions.name, SESSION_NAME)).get()!;
  const unit = (name: string) => db.select().from(t.units).where(eq(t.units.name, name)).get()!.id;
  const { id } = registerProposal(actor("rdgw"), {
    sessionId: session.id,
    number: nextNumber++,
    title: "关于完善小微企业园配套设施的建议",
    body: "建议完善园区道路、停车和食堂等配套设施。",
    field: "工业交通",
    leadDeputyId: actor("hugf").deputyId,
    cosignerIds: [],
    disclosure: "full",
    isKey: false,
    supervisor: "",
  });
  assignProposal(actor("dcs"), { proposalId: id, mode: "lead", leadUnitId: unit("市经信局"), coUnitIds: [unit("市商务局")] });
  for (const [who, name] of [["jxj_staff", "市经信局"], ["swj_staff", "市商务局"]] as const) {
    const a = db.select().from(t.assignments).where(and(eq(t.assignments.proposalId, id), eq(t.assignments.unitId, unit(name)))).get()!;
    receiveAssignment(actor(who), { assignmentId: a.id });
  }
  return id;
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe("what a file is, by its content", () => {
  it("knows PDF, the four image types, .docx and .xlsx by their first bytes, and nothing else", async () => {
    expect(detectFileKind(pdf())).toBe("pdf");
    expect(detectFileKind(PNG_1X1)).toBe("png");
    expect(detectFileKind(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe("jpeg");
    expect(detectFileKind(new Uint8Array(Buffer.from("GIF89a\x01\x00\x01\x00", "latin1")))).toBe("gif");
    expect(detectFileKind(new Uint8Array(Buffer.from("RIFF\x24\x00\x00\x00WEBPVP8 ", "latin1")))).toBe("webp");
    expect(detectFileKind(await docxBytes())).toBe("docx");
    expect(detectFileKind(await xlsxBytes())).toBe("xlsx");

    expect(detectFileKind(EXE)).toBeNull();
    expect(detectFileKind(new Uint8Array(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>")))).toBeNull();
    expect(detectFileKind(new Uint8Array(Buffer.from("<html><body>%PDF-1.4</body></html>")))).toBeNull();
    // Zips that are not a plain Word or Excel file: any zip, a macro-enabled Word file, a Word
    // content type outside word/, and text that merely names the parts.
    expect(detectFileKind(storedZip({ "readme.txt": "word/ xl/ [Content_Types].xml" }))).toBeNull();
    expect(
      detectFileKind(storedZip({ "[Content_Types].xml": contentTypes("/word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml") })),
    ).toBeNull();
    expect(
      detectFileKind(
        storedZip({ "[Content_Types].xml": contentTypes("/evil/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml") }),
      ),
    ).toBeNull();
    expect(
      detectFileKind(
        storedZip({ "[Content_Types].xml": contentTypes("/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml") }),
      ),
    ).toBe("docx");
    expect(detectFileKind(new Uint8Array(Buffer.from("PK\x03\x04 [Content_Types].xml word/document.xml", "latin1")))).toBeNull();
    expect(detectFileKind(new Uint8Array())).toBeNull();
  });

  it("keeps the name readable but never a path, a control character, or the wrong extension", () => {
    expect(cleanFileName("C:\\fakepath\\签发件.pdf", "pdf")).toBe("签发件.pdf");
    expect(cleanFileName("../../etc/passwd", "pdf")).toBe("passwd.pdf");
    expect(cleanFileName("scan.pdf", "png")).toBe("scan.png");
    expect(cleanFileName("photo.JPEG", "jpeg")).toBe("photo.JPEG");
    expect(cleanFileName("答复\r\n抄送.docx", "docx")).toBe("答复 抄送.docx");
    expect(cleanFileName("invoice\u202Efdp.exe", "pdf")).toBe("invoice fdp.pdf");
    expect(cleanFileName("", "xlsx")).toBe("附件.xlsx");
    expect(cleanFileName("...", "gif")).toBe("附件.gif");
    expect(Array.from(cleanFileName("长".repeat(300) + ".pdf", "pdf")).length).toBe(104);
  });
});

describe("uploading", () => {
  it("refuses a renamed executable (an MZ file named scan.pdf), and stores nothing", async () => {
    const error = await refused(Invalid, () => upload("rdgw", `proposal:${p155}`, file("scan.pdf", EXE)));
    expect(error.message.startsWith(`${TYPES_MESSAGE}。`)).toBe(true);
    expect(error.fieldErrors.file).toEqual([TYPES_MESSAGE]);
    // Nor does a zip pass because its entry names mention word/.
    await refused(Invalid, () => upload("rdgw", `proposal:${p155}`, file("附件.docx", storedZip({ "word/document.xml": "<w/>" }))));
    // An empty file or none at all asks for one.
    expect((await refused(Invalid, () => upload("rdgw", `proposal:${p155}`, file("a.pdf", new Uint8Array())))).message).toBe("请选择要上传的文件。");
    await refused(Invalid, () => uploadAttachment(actor("rdgw"), { target: `proposal:${p155}` }, null));
    expect(storedFiles()).toEqual([]);
  });

  it("refuses a file over the limit (20 MB unless BANLI_MAX_UPLOAD_MB says otherwise) with a clear message", async () => {
    const big = new Uint8Array(20 * 1024 * 1024 + 1);
    big.set(pdf());
    const error = await refused(Invalid, () => upload("rdgw", `proposal:${p155}`, file("大文件.pdf", big)));
    expect(error.message).toBe("文件不能超过 20 MB。");
    expect(error.fieldErrors.file).toEqual(["文件不能超过 20 MB"]);

    process.env.BANLI_MAX_UPLOAD_MB = "1";
    const over = new Uint8Array(1024 * 1024 + 1);
    over.set(pdf());
    expect((await refused(Invalid, () => upload("rdgw", `proposal:${p155}`, file("a.pdf", over)))).message).toBe("文件不能超过 1 MB。");
    // Exactly at the limit is fine.
    const at = new Uint8Array(1024 * 1024);
    at.set(pdf("at the limit"));
    const ok = upload("rdgw", `proposal:${p155}`, file("正好1MB.pdf", at));
    expect(db.select().from(t.attachments).where(eq(t.attachments.id, ok.id)).get()!.size).toBe(1024 * 1024);
  });

  it("accepts a real PDF, PNG, .docx and .xlsx, stores each once under its hash, atomically", async () => {
    const files = {
      pdf: file("代表签名原件.pdf", pdf("signed")),
      png: file("现场照片.png", new Uint8Array(PNG_1X1)),
      docx: file("情况说明.docx", await docxBytes()),
      xlsx: file("企业清单.xlsx", await xlsxBytes()),
    };
    const mime = {
      pdf: "application/pdf",
      png: "image/png",
      docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };
    const before = storedFiles().length;
    for (const [kind, f] of Object.entries(files) as [keyof typeof files, UploadedFile][]) {
      const { id } = upload("rdgw", `proposal:${p155}`, f);
      const row = db.select().from(t.attachments).where(eq(t.attachments.id, id)).get()!;
      const sha = sha256Of(f.bytes);
      expect(row).toMatchObject({ subjectType: "proposal", subjectId: p155, proposalId: p155, unitId: null, fileName: f.name, mimeType: mime[kind], size: f.bytes.length, sha256: sha });
      const stored = path.join(dataDir, "files", sha.slice(0, 2), sha);
      expect(Buffer.compare(fs.readFileSync(stored), Buffer.from(f.bytes))).toBe(0);
      const h = db.select().from(t.history).where(and(eq(t.history.action, "attachment.upload"), eq(t.history.subjectId, id))).get()!;
      expect(h).toMatchObject({ subjectType: "attachment", proposalId: p155, unitId: null, actorId: actor("rdgw").id });
    }
    expect(storedFiles().length).toBe(before + 4);

    // The same content again, under another name: a second row, still one file.
    const again = upload("dcs", `proposal:${p155}`, file("原件（重复）.pdf", files.pdf.bytes));
    expect(db.select().from(t.attachments).where(eq(t.attachments.sha256, sha256Of(files.pdf.bytes))).all()).toHaveLength(2);
    expect(again.fileName).toBe("原件（重复）.pdf");
    expect(storedFiles().length).toBe(before + 4);
    expect(storedFiles().some((f) => path.basename(f).startsWith(".tmp"))).toBe(false);

    // The name follows the content: a PNG sent as "scan.pdf" is listed and served as scan.png.
    expect(upload("rdgw", `proposal:${p155}`, file("scan.pdf", new Uint8Array(PNG_1X1))).fileName).toBe("scan.png");
  });

  it("refuses the wrong role, the wrong unit's document and another unit's proposal, writing nothing", async () => {
    const swjOpinion = documentOf("opinion", p155, "市商务局");
    const jxjReply = documentOf("reply", p155, "市经信局");
    const f = file("a.pdf", pdf("refused"));
    await refused(Forbidden, () => upload("hugf", `proposal:${p155}`, f));
    await refused(Forbidden, () => upload("sysadmin", `proposal:${p155}`, f));
    // A unit does not attach to the proposal itself, nor to another unit's document it can see.
    await refused(Forbidden, () => upload("jxj_staff", `proposal:${p155}`, f));
    await refused(Forbidden, () => upload("jxj_leader", `opinion:${swjOpinion.id}`, f));
    // The lead unit's draft reply is not the co-unit's to see; a proposal not assigned to a unit neither.
    await refused(NotFound, () => upload("swj_staff", `reply:${jxjReply.id}`, f));
    await refused(NotFound, () => upload("jyj_staff", `proposal:${p155}`, f));
    await refused(NotFound, () => upload("rdgw", "proposal:999999", f));
    // And a target that is not one: the form's choice says what to fix.
    expect((await refused(Invalid, () => upload("rdgw", "", f))).fieldErrors.target).toEqual(["请选择附件所属的事项"]);
    await refused(Invalid, () => upload("rdgw", "assignment:1", f));
  });
});

describe("who sees a file", () => {
  it("another unit's staff gets NotFound for the file; a deputy for an opinion's file", async () => {
    const onProposal = upload("rdgw", `proposal:${p155}`, file("建议原件.pdf", pdf("p155")));
    // 市商务局's opinion on No. 155 is sent (its files frozen): the file goes on a fresh proposal's opinion before it is sent.
    const fresh = freshProposal();
    const swjStaff = actor("swj_staff");
    const swjAssignment = db.select().from(t.assignments).where(and(eq(t.assignments.proposalId, fresh), eq(t.assignments.unitId, swjStaff.unitId!))).get()!;
    const draft = saveOpinionDraft(swjStaff, { assignmentId: swjAssignment.id, body: "我局意见如下。", contactPerson: "周倩", contactPhone: "0574-63012345" });
    const onOpinion = upload("swj_staff", `opinion:${draft.documentId}`, file("协办意见签发件.pdf", pdf("opinion")));
    submitOpinion(swjStaff, draft);
    signOffOpinion(actor("swj_leader"), draft);

    // 市教育局 has nothing to do with No. 155.
    expect(() => attachmentForDownload(actor("jyj_staff"), onProposal.id)).toThrow(NotFound);
    expect(() => attachmentForDownload(actor("jyj_staff"), onOpinion.id)).toThrow(NotFound);
    expect((await download("jyj_staff", onProposal.id)).status).toBe(404);
    expect(attachmentsOf(actor("jyj_staff"), p155).files).toEqual([]);
    await refused(NotFound, () => deleteAttachment(actor("jyj_staff"), { attachmentId: onProposal.id }));

    // The deputy sees the proposal's file, never the co-unit's opinion or its files.
    expect(attachmentForDownload(actor("hugf"), onProposal.id).fileName).toBe("建议原件.pdf");
    expect(() => attachmentForDownload(actor("hugf"), onOpinion.id)).toThrow(NotFound);
    expect((await download("hugf", onOpinion.id)).status).toBe(404);
    expect(attachmentsOf(actor("hugf"), fresh).files.map((f) => f.id)).not.toContain(onOpinion.id);

    // The sent opinion's file reaches the lead unit and the offices.
    for (const who of ["jxj_staff", "jxj_leader", "dcs", "rdgw", "swj_leader"])
      expect(attachmentForDownload(actor(who), onOpinion.id).fileName).toBe("协办意见签发件.pdf");
    const listed = attachmentsOf(actor("jxj_staff"), fresh).files.find((f) => f.id === onOpinion.id)!;
    expect(listed).toMatchObject({ on: "市商务局协办意见", uploaderUnit: "市商务局", canDelete: false });
    expect((await download(null, onProposal.id)).status).toBe(401);
  });

  it("a file on an unsent draft stays inside its unit until the document is sent", async () => {
    const proposalId = freshProposal();
    const swjStaff = actor("swj_staff");
    const assignment = db.select().from(t.assignments).where(and(eq(t.assignments.proposalId, proposalId), eq(t.assignments.unitId, swjStaff.unitId!))).get()!;
    const draft = saveOpinionDraft(swjStaff, { assignmentId: assignment.id, body: "我局意见如下。", contactPerson: "周倩", contactPhone: "0574-63012345" });
    const { id } = upload("swj_staff", `opinion:${draft.documentId}`, file("意见附表.xlsx", await xlsxBytes()));

    const h = db.select().from(t.history).where(and(eq(t.history.action, "attachment.upload"), eq(t.history.subjectId, id))).get()!;
    expect(h.unitId).toBe(swjStaff.unitId);
    for (const who of ["jxj_staff", "jxj_leader", "dcs", "rdgw", "hugf"]) {
      expect(() => attachmentForDownload(actor(who), id)).toThrow(NotFound);
      expect(attachmentsOf(actor(who), proposalId).files).toEqual([]);
      expect(getProposalDetail(actor(who), proposalId).timeline.map((x) => x.action)).not.toContain("attachment.upload");
    }
    expect((await download("jxj_staff", id)).status).toBe(404);
    expect(attachmentForDownload(actor("swj_leader"), id).fileName).toBe("意见附表.xlsx");
    expect(attachmentsOf(actor("swj_leader"), proposalId).files.map((f) => f.id)).toEqual([id]);

    submitOpinion(swjStaff, draft);
    expect(() => attachmentForDownload(actor("jxj_staff"), id)).toThrow(NotFound);
    signOffOpinion(actor("swj_leader"), draft);

    for (const who of ["jxj_staff", "jxj_leader", "dcs", "rdgw"]) expect(attachmentForDownload(actor(who), id).fileName).toBe("意见附表.xlsx");
    expect((await download("jxj_staff", id)).status).toBe(200);
    expect(() => attachmentForDownload(actor("hugf"), id)).toThrow(NotFound);
  });

  it("follows the proposal page's rules for every opinion and reply, for every kind of viewer", () => {
    const proposalIds = db.select({ id: t.proposals.id }).from(t.proposals).all().map((p) => p.id);
    const viewers = ["rdgw", "dcs", "jxj_staff", "jxj_leader", "swj_staff", "jyj_staff", "zjj_leader", "hugf", "chenhb", "yexy"];
    let compared = 0;
    for (const proposalId of proposalIds)
      for (const who of viewers) {
        let detail: ReturnType<typeof getProposalDetail> | undefined;
        try {
          detail = getProposalDetail(actor(who), proposalId);
        } catch (e) {
          if (!(e instanceof NotFound)) throw e;
        }
        const viewer = viewerOf(db, actor(who), proposalId);
        expect(viewer.seesProposal).toBe(!!detail);
        for (const [type, table] of [["opinion", t.opinions], ["reply", t.replies]] as const) {
          const docs = db
            .select({ id: table.id })
            .from(table)
            .innerJoin(t.assignments, eq(t.assignments.id, table.assignmentId))
            .where(eq(t.assignments.proposalId, proposalId))
            .all();
          for (const d of docs) {
            const shown = !!detail && (type === "opinion" ? detail.opinions : detail.replies).some((x) => x.id === d.id);
            expect(maySee(viewer, loadSubject(db, type, d.id)!), `${who} ${type} ${d.id}`).toBe(shown);
            compared++;
          }
        }
      }
    expect(compared).toBeGreaterThan(100);
  });
});

describe("deleting", () => {
  it("soft delete by the uploader's unit hides the file everywhere and is recorded", async () => {
    const reply = documentOf("reply", p155, "市经信局");
    expect(reply.state).not.toBe("sent");
    const { id } = upload("jxj_staff", `reply:${reply.id}`, file("答复附件.docx", await docxBytes()));
    const sha = db.select().from(t.attachments).where(eq(t.attachments.id, id)).get()!.sha256;

    // Not the co-unit's (it cannot even see the draft), not the offices' (they cannot either).
    await refused(NotFound, () => deleteAttachment(actor("swj_staff"), { attachmentId: id }));
    await refused(NotFound, () => deleteAttachment(actor("dcs"), { attachmentId: id }));
    await refused(Forbidden, () => deleteAttachment(actor("hugf"), { attachmentId: id }));

    // Another person of the same unit may remove it.
    const before = snapshot();
    deleteAttachment(actor("jxj_leader"), { attachmentId: id });
    const row = db.select().from(t.attachments).where(eq(t.attachments.id, id)).get()!;
    expect(row.deletedAt).not.toBeNull();
    expect(row.deletedById).toBe(actor("jxj_leader").id);
    const h = db.select().from(t.history).where(and(eq(t.history.action, "attachment.delete"), eq(t.history.subjectId, id))).get()!;
    expect(h).toMatchObject({ subjectType: "attachment", proposalId: p155, actorId: actor("jxj_leader").id, unitId: actor("jxj_leader").unitId });
    expect(snapshot()).toMatchObject({ attachments: before.attachments, history: before.history + 1, deleted: before.deleted + 1 });

    expect(attachmentsOf(actor("jxj_staff"), p155).files.map((f) => f.id)).not.toContain(id);
    expect(() => attachmentForDownload(actor("jxj_staff"), id)).toThrow(NotFound);
    expect((await download("jxj_staff", id)).status).toBe(404);
    await refused(NotFound, () => deleteAttachment(actor("jxj_staff"), { attachmentId: id }));
    // The bytes stay for the record.
    expect(fs.existsSync(path.join(dataDir, "files", sha.slice(0, 2), sha))).toBe(true);
  });

  it("a sent opinion's files are frozen, for its own unit too; the offices may still add to the proposal", async () => {
    const proposalId = freshProposal();
    const swjStaff = actor("swj_staff");
    const assignment = db.select().from(t.assignments).where(and(eq(t.assignments.proposalId, proposalId), eq(t.assignments.unitId, swjStaff.unitId!))).get()!;
    const draft = saveOpinionDraft(swjStaff, { assignmentId: assignment.id, body: "我局意见如下。", contactPerson: "周倩", contactPhone: "0574-63012345" });
    const { id } = upload("swj_staff", `opinion:${draft.documentId}`, file("签发件.pdf", pdf("signed")));
    expect(attachmentsOf(swjStaff, proposalId).targets.map((x) => x.value)).toEqual([`opinion:${draft.documentId}`]);
    submitOpinion(swjStaff, draft);
    signOffOpinion(actor("swj_leader"), draft);

    for (const who of ["swj_staff", "swj_leader"]) {
      const e = await refused(Conflict, () => upload(who, `opinion:${draft.documentId}`, file("补充.pdf", pdf("late"))));
      expect(e.message).toMatch(/^该文稿已签发送出，附件不能再增删/);
      await refused(Conflict, () => deleteAttachment(actor(who), { attachmentId: id }));
      // The page offers neither.
      const list = attachmentsOf(actor(who), proposalId);
      expect(list.targets).toEqual([]);
      expect(list.files.find((f) => f.id === id)!.canDelete).toBe(false);
      expect(list.allSent).toBe(true);
    }
    expect(attachmentForDownload(actor("jxj_staff"), id).fileName).toBe("签发件.pdf");
    expect(upload("rdgw", `proposal:${proposalId}`, file("补充材料.pdf", pdf("office"))).id).toBeGreaterThan(id);
  });

  it("the proposal's files are the offices' to remove, not a unit's", async () => {
    const { id } = upload("dcs", `proposal:${p155}`, file("交办单.pdf", pdf("assign")));
    expect(attachmentsOf(actor("jxj_staff"), p155).files.find((f) => f.id === id)!.canDelete).toBe(false);
    expect(attachmentsOf(actor("rdgw"), p155).files.find((f) => f.id === id)!.canDelete).toBe(true);
    await refused(Forbidden, () => deleteAttachment(actor("jxj_staff"), { attachmentId: id }));
    deleteAttachment(actor("rdgw"), { attachmentId: id });
    const h = db.select().from(t.history).where(and(eq(t.history.action, "attachment.delete"), eq(t.history.subjectId, id))).get()!;
    expect(h.unitId).toBeNull();
  });
});

describe("downloading", () => {
  const NASTY = '季度"报告"\r\nSet-Cookie: x=1; 签发件(终稿)\'.pdf';

  it("the Content-Disposition helper never lets a name end the header or start another", () => {
    const header = contentDisposition(NASTY, "pdf");
    expect(header).not.toMatch(/[\r\n]/);
    const m = /^attachment; filename="file\.pdf"; filename\*=UTF-8''([A-Za-z0-9%!#$&+\-.^_`|~]+)$/.exec(header);
    expect(m).not.toBeNull();
    expect(decodeURIComponent(m![1])).toBe('季度"报告" Set-Cookie: x=1; 签发件(终稿)\'.pdf');
    expect(() => new Headers({ "content-disposition": header })).not.toThrow();
    expect(contentDisposition("a.pdf", 'pdf"; x')).toMatch(/^attachment; filename="file\.bin"/);
  });

  it("serves the bytes as a download, typed by the detected content, with nosniff", async () => {
    const bytes = new Uint8Array(PNG_1X1);
    const { id, fileName } = upload("rdgw", `proposal:${p155}`, file(NASTY, bytes));
    expect(fileName).toBe('季度"报告" Set-Cookie: x=1; 签发件(终稿)\'.png');
    const res = await download("jxj_staff", id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-disposition")).toBe(contentDisposition(fileName, "png"));
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="file\.png"; filename\*=UTF-8''/);
    expect(Buffer.compare(Buffer.from(await res.arrayBuffer()), Buffer.from(bytes))).toBe(0);
    expect((await download("jxj_staff", 999999)).status).toBe(404);
  });

  it("every download is audited, and refused ones too, folded when repeated", async () => {
    resetRateLimits();
    const audited = (result: string) =>
      db.$client.prepare("select actor_id, object_id, detail from audit_log where action = 'attachment.download' and result = ? order by id").all(result) as { actor_id: number; object_id: string; detail: string }[];
    const { id } = upload("rdgw", `proposal:${p155}`, file("审计用附件.pdf", pdf("audited")));
    const [okBefore, refusedBefore] = [audited("ok").length, audited("refused").length];
    expect((await download("jxj_staff", id)).status).toBe(200);
    const ok = audited("ok").slice(okBefore);
    expect(ok.map((r) => [r.actor_id, r.object_id])).toEqual([[actor("jxj_staff").id, String(id)]]);
    expect(JSON.parse(ok[0].detail)).toMatchObject({ fileName: "审计用附件.pdf" });
    // 市教育局 has no part in No. 155: 25 tries, 2 entries (the 1st and the 10th, with its count).
    for (let i = 0; i < 25; i++) expect((await download("jyj_staff", id)).status).toBe(404);
    const refused = audited("refused").slice(refusedBefore);
    expect(refused.map((r) => [r.actor_id, JSON.parse(r.detail).repeated ?? 1])).toEqual([
      [actor("jyj_staff").id, 1],
      [actor("jyj_staff").id, 10],
    ]);
  });
});
