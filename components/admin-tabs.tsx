import Link from "next/link";

export const ADMIN_TABS = { users: "账号", units: "单位", deputies: "代表", sessions: "届次", calendar: "工作日历" } as const;

export function AdminTabs({ current }: { current: keyof typeof ADMIN_TABS }) {
  return (
    <nav aria-label="管理类别" className="mb-4 flex flex-wrap gap-2">
      {(Object.keys(ADMIN_TABS) as (keyof typeof ADMIN_TABS)[]).map((k) => (
        <Link
          key={k}
          href={`/admin/${k}`}
          aria-current={k === current ? "page" : undefined}
          className={`min-h-10 rounded-md px-4 py-2 text-sm ${k === current ? "bg-brand-600 text-white" : "border border-stone-300 bg-white"}`}
        >
          {ADMIN_TABS[k]}
        </Link>
      ))}
    </nav>
  );
}
