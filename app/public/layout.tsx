import type { Metadata } from "next";
import Link from "next/link";
import { MAIN_ID } from "@/components/ui/skip-link";

export const metadata: Metadata = {
  title: { default: "建议办理结果公开", template: "%s · 建议办理结果公开" },
  description: "人大代表建议及承办单位答复的公开查询：按届次浏览，按关键词检索，阅读已公开的答复全文。",
  alternates: { types: { "application/atom+xml": [{ url: "/public/feed.xml", title: "新公开的答复" }] } },
};

/** The portal's frame: for anyone, on any screen, readable without JavaScript. */
export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-screen bg-stone-50 text-stone-900">
      <header className="border-b border-stone-200 bg-white">
        <div className="mx-auto flex max-w-4xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link href="/public" className="text-lg font-semibold text-brand-800">人大代表建议办理结果公开</Link>
          <form action="/public/search" method="get" role="search" className="flex w-full gap-2 sm:w-auto">
            <label htmlFor="portal-q" className="sr-only">检索建议和答复</label>
            <input id="portal-q" name="q" type="search" placeholder="输入关键词，如：路灯、古塘" className="min-h-11 w-full rounded-md border border-stone-300 px-3 text-base sm:w-64" />
            <button type="submit" className="min-h-11 shrink-0 rounded-md bg-brand-700 px-4 text-base text-white hover:bg-brand-800">检索</button>
          </form>
        </div>
      </header>
      <main id={MAIN_ID} className="mx-auto max-w-4xl px-4 py-5">{children}</main>
      <footer className="mx-auto max-w-4xl px-4 pb-8 text-sm text-stone-500">
        公开内容依代表的公开意愿确定；答复自发文之日起按规定期限公开。<a href="/public/feed.xml" className="underline">订阅新公开的答复（Atom）</a>
      </footer>
    </div>
  );
}
