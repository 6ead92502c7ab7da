import Link from "next/link";
import { asc, like } from "drizzle-orm";
import { getDb } from "@/db";
import { calendarDays } from "@/db/schema";
import { requirePage } from "@/lib/auth/current";
import { now, todayInChina } from "@/lib/clock";
import { calendarRange } from "@/lib/services/calendar";

import { Badge } from "@/components/ui/badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { CalendarDayForm, RemoveCalendarDayForm } from "@/components/calendar-forms";
import { AdminTabs } from "@/components/admin-tabs";
import { CalendarForesight } from "@/components/calendar-foresight";

export const metadata = { title: "工作日历" };

const WEEKDAY = ["日", "一", "二", "三", "四", "五", "六"];

export default async function CalendarPage({ searchParams }: { searchParams: Promise<{ year?: string; edit?: string }> }) {
  const actor = await requirePage("admin.calendar");
  const sp = await searchParams;
  const { first, last } = calendarRange(now());
  const thisYear = Number(todayInChina().slice(0, 4));
  const year = Math.min(last, Math.max(first, Number(sp.year) || thisYear));
  const rows = getDb().select().from(calendarDays).where(like(calendarDays.date, `${year}-%`)).orderBy(asc(calendarDays.date)).all();
  const editing = rows.find((r) => r.date === sp.edit);
  const years = Array.from({ length: last - Math.max(first, thisYear - 3) + 1 }, (_, i) => Math.max(first, thisYear - 3) + i);
  return (
    <>
      <PageHeader title="系统管理" subtitle="工作日历：周一至周五为工作日，以下为法定节假日和调休上班日。修改后，所有在办事项的期限自动重新计算并记入办理记录。" />
      <AdminTabs current="calendar" />
      <CalendarForesight role={actor.role} />
      <div className="space-y-4">
        <Card title={editing ? `修改 ${editing.date}` : "添加日期"} actions={editing ? <Link href={`/admin/calendar?year=${year}`} className="text-sm text-brand-700">取消修改</Link> : undefined}>
          <CalendarDayForm key={editing?.date ?? "new"} entry={editing} />
          <p className="mt-2 text-xs text-stone-500">国务院办公厅每年11月前后公布次年放假安排，请据此添加次年的节假日和调休上班日。</p>
        </Card>
        <Card
          title={`${year}年（${rows.length}天）`}
          actions={
            <nav aria-label="年份" className="flex flex-wrap gap-1 text-sm">
              {years.map((y) => (
                <Link key={y} href={`/admin/calendar?year=${y}`} aria-current={y === year ? "page" : undefined} className={`rounded px-2 py-1 ${y === year ? "bg-brand-600 text-white" : "hover:bg-stone-100"}`}>
                  {y}
                </Link>
              ))}
            </nav>
          }
        >
          {rows.length === 0 ? (
            <EmptyState>{year}年尚无节假日安排，请在公布后添加。</EmptyState>
          ) : (
            <Table head={["日期", "星期", "类型", "名称", ""]} caption="工作日历">
              {rows.map((r) => (
                <tr key={r.date} data-testid={`day-${r.date}`}>
                  <Td>{r.date}</Td>
                  <Td>星期{WEEKDAY[new Date(`${r.date}T00:00:00Z`).getUTCDay()]}</Td>
                  <Td>{r.working ? <Badge tone="info">调休上班</Badge> : <Badge tone="brand">放假</Badge>}</Td>
                  <Td>{r.name}</Td>
                  <Td className="space-x-3 whitespace-nowrap">
                    <Link href={`/admin/calendar?year=${year}&edit=${r.date}`} className="text-sm text-brand-700 hover:underline">修改</Link>
                    <RemoveCalendarDayForm date={r.date} />
                  </Td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
