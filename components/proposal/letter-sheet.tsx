import type { Letter } from "@/lib/documents/letter";

/*
 * The letter on an A4 sheet as GB/T 9704-2012 lays it out (A4; margins 37/35/28/26 mm; 三号仿宋 body
 * on a 28-character, 22-line grid; 二号小标宋 title in the lines the .docx has), so the browser's
 * print to PDF gives the same page. Every length is a multiple of --mm: a real millimetre on paper
 * and on a wide screen, and on a narrow screen the 210th part of the frame's width, so a phone
 * shows the whole sheet scaled down instead of cutting off its right side (文号, the title).
 */
const CSS = `
  @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
  .sheet-frame { container-type: inline-size; }
  .gbt { --mm: 1mm; width: calc(156 * var(--mm)); font-family: "FangSong_GB2312", "仿宋_GB2312", "FangSong", "STFangsong", "Noto Serif CJK SC", serif; font-size: calc(5.6444 * var(--mm)); line-height: calc(10.227 * var(--mm)); }
  .gbt p { margin: 0; text-align: justify; }
  .gbt .indent { text-indent: 2em; }
  .gbt h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "STZhongsong", "Noto Serif CJK SC", serif; font-size: calc(7.7611 * var(--mm)); line-height: calc(12.3 * var(--mm)); text-align: center; font-weight: normal; margin: calc(10.227 * var(--mm)) 0; }
  .gbt h1 .title-line { display: block; white-space: nowrap; }
  .gbt .cc { margin-top: calc(10.227 * var(--mm)); border-top: 1px solid #000; border-bottom: 1px solid #000; padding: 0 1em; font-size: calc(4.9389 * var(--mm)); }
  @media screen {
    .gbt { --mm: min(1mm, 100cqw / 210); }
    .sheet { background: white; padding: calc(37 * var(--mm)) calc(26 * var(--mm)) calc(35 * var(--mm)) calc(28 * var(--mm)); width: calc(210 * var(--mm)); min-height: calc(297 * var(--mm)); box-sizing: border-box; box-shadow: 0 1px 4px rgb(0 0 0 / .15); margin: 0 auto; }
  }
  @media print { body { background: white; } }
`;

export function LetterSheet({ letter }: { letter: Letter }) {
  return (
    <div className="sheet-frame">
      <style>{CSS}</style>
      <article className="sheet gbt" data-testid="print-letter">
        {letter.category && <p style={{ textAlign: "right", fontFamily: "SimHei, 黑体, sans-serif", paddingRight: "1em" }}>{letter.category}</p>}
        {letter.docNumber && <p style={{ textAlign: "right", paddingRight: "1em" }}>{letter.docNumber}</p>}
        {letter.signer && letter.kind === "reply" && <p style={{ textAlign: "right", paddingRight: "1em" }}>签发人：{letter.signer}</p>}
        <h1 aria-label={letter.title}>
          {letter.titleLines.map((line, i) => (
            <span key={i} className="title-line">
              {line}
            </span>
          ))}
        </h1>
        <p>{letter.addressee}：</p>
        {letter.paragraphs.map((p, i) => (
          <p key={i} className="indent">
            {p}
          </p>
        ))}
        <p>&nbsp;</p>
        <p style={{ textAlign: "right", paddingRight: "4em" }}>{letter.unitName}</p>
        <p style={{ textAlign: "right", paddingRight: "4em" }}>{letter.date}</p>
        <p className="indent">（{letter.contact}）</p>
        {letter.cc && <p className="cc">抄送：{letter.cc}。</p>}
      </article>
    </div>
  );
}
