import Link from "next/link";

export function Pagination({
  page,
  pageSize,
  total,
  href,
  unit = "件",
}: {
  page: number;
  pageSize: number;
  total: number;
  href: (page: number) => string;
  /** What is counted: 件 (proposals, the default), 个单位, 条 … */
  unit?: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const linkClass = "inline-flex min-h-10 min-w-10 items-center justify-center rounded-md border border-stone-300 bg-white px-3 text-sm text-stone-800 hover:bg-stone-100";
  // The first page has no 上一页: the word stays in place, dimmed by its frame and ground, its text still legible.
  const offClass = "inline-flex min-h-10 min-w-10 items-center justify-center rounded-md border border-stone-200 bg-stone-50 px-3 text-sm text-stone-500";
  return (
    <nav aria-label="分页" className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm text-stone-600">
      <span>
        共 {total} {unit}，第 {Math.min(page, pages)} / {pages} 页
      </span>
      <span className="flex gap-2">
        {page > 1 ? <Link className={linkClass} href={href(page - 1)}>上一页</Link> : <span className={offClass}>上一页</span>}
        {page < pages ? <Link className={linkClass} href={href(page + 1)}>下一页</Link> : <span className={offClass}>下一页</span>}
      </span>
    </nav>
  );
}
