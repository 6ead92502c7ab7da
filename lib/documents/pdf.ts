import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Invalid } from "../errors";
import { queue } from "../queue";

const run = promisify(execFile);

/**
 * LibreOffice takes about a second and 200 MB per letter: one conversion at a time, three more may
 * wait, and a crowd beyond that is told to try again instead of starting a process each.
 */
const conversions = queue(1, 3);

export class ConverterBusy extends Invalid {
  constructor() {
    super("正在生成的 PDF 较多，请稍后再试。");
  }
}

/** LibreOffice's binary: `LIBREOFFICE_PATH`, or `libreoffice` on the PATH. */
export const libreoffice = () => process.env.LIBREOFFICE_PATH ?? "libreoffice";

/** Converts a .docx to PDF with LibreOffice (headless), in a private temporary folder. */
export async function docxToPdf(docx: Buffer): Promise<Buffer> {
  const job = conversions(() => convert(docx));
  if (!job) throw new ConverterBusy();
  return job;
}

async function convert(docx: Buffer): Promise<Buffer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "banli-pdf-"));
  try {
    const input = path.join(dir, "letter.docx");
    await fs.writeFile(input, docx);
    await run(libreoffice(), ["--headless", `-env:UserInstallation=file://${dir}/profile`, "--convert-to", "pdf", "--outdir", dir, input], {
      timeout: 60_000,
    });
    return await fs.readFile(path.join(dir, "letter.pdf"));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
