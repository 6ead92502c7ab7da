import { recentlyPublished } from "@/db/queries/public";
import { todayInChina } from "@/lib/clock";
import { categoryLabel } from "@/lib/labels";
import { xmlSafe } from "@/lib/xml-safe";

/** An Atom feed of newly published replies (RFC 4287), for readers and newsrooms; no sign-in. */
export async function GET(request: Request) {
  const today = todayInChina();
  const site = new URL("/public", request.url).toString();
  const esc = (s: string) => xmlSafe(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const items = recentlyPublished(today, 50);
  const updated = `${items[0]?.publishOn ?? today}T00:00:00+08:00`;
  const entries = items.map((r) => {
    const link = new URL(`/public/${r.sessionId}/${r.number}`, request.url).toString();
    return `  <entry>
    <id>${esc(link)}#reply-${r.replyId}</id>
    <title>${esc(`${r.title}（${r.sessionName}第${r.number}号）${r.unit}的答复`)}</title>
    <link rel="alternate" type="text/html" href="${esc(link)}"/>
    <updated>${r.publishOn}T00:00:00+08:00</updated>
    <author><name>${esc(r.unit)}</name></author>
    <summary>${esc(`${categoryLabel[r.category]}。${Array.from(r.body).slice(0, 200).join("")}`)}</summary>
  </entry>`;
  });
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>${esc(site)}</id>
  <title>人大代表建议办理结果公开：新公开的答复</title>
  <link rel="alternate" type="text/html" href="${esc(site)}"/>
  <link rel="self" type="application/atom+xml" href="${esc(new URL("/public/feed.xml", request.url).toString())}"/>
  <updated>${updated}</updated>
${entries.join("\n")}
</feed>
`;
  return new Response(xml, { headers: { "content-type": "application/atom+xml; charset=utf-8", "cache-control": "public, max-age=300", "x-content-type-options": "nosniff" } });
}
