import Link from "next/link";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { units } from "@/db/schema";
import { requireActor } from "@/lib/auth/current";
import { roleAfterName } from "@/lib/labels";
import { navigationFor } from "@/lib/navigation";
import { SignOutButton } from "@/components/sign-out-button";
import { FlashProvider } from "@/components/ui/flash";
import { MAIN_ID } from "@/components/ui/skip-link";
import { UNREAD_SHOWN, unreadCount } from "@/db/queries/notifications";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const unread = unreadCount(actor);
  const unit = actor.unitId ? getDb().select({ name: units.name }).from(units).where(eq(units.id, actor.unitId)).get() : undefined;
  const nav = navigationFor(actor.role);
  // An account named after its role ("系统管理员") shows the role once.
  const role = roleAfterName(actor.displayName, actor.role);
  return (
    <div className="min-h-screen">
      <header className="border-b-4 border-brand-600 bg-white print:hidden">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2.5">
          <Link href="/" className="text-base font-semibold text-brand-700">建议办理</Link>
          <nav aria-label="主导航" className="order-3 -mx-2 flex w-full gap-1 overflow-x-auto text-sm [--focus-ring-offset:-2px] sm:order-none sm:mx-0 sm:w-auto sm:flex-1">
            {nav.map(({ href, label }) => (
              <Link key={href} href={href} className="whitespace-nowrap rounded px-2 py-2 text-stone-700 hover:bg-stone-100">
                {label}
              </Link>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm text-stone-600">
            <span data-testid="whoami">
              {unit ? <span className="hidden sm:inline">{unit.name} · </span> : null}
              {actor.displayName}
              {role && <span className="hidden sm:inline">（{role}）</span>}
            </span>
            <Link href="/notifications" className="relative inline-flex min-h-10 items-center rounded px-2 text-stone-700 hover:bg-stone-100" aria-label={`消息提醒，${unread} 条未读`}>
              消息
              {unread > 0 && (
                <span data-testid="unread-count" className="ml-1 rounded-full bg-brand-600 px-1.5 text-xs font-semibold text-white">
                  {unread > UNREAD_SHOWN ? `${UNREAD_SHOWN}+` : unread}
                </span>
              )}
            </Link>
            <Link href="/account/password" className="inline-flex min-h-10 items-center rounded px-2 text-stone-700 hover:bg-stone-100">
              账号安全
            </Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <FlashProvider>
        <main id={MAIN_ID} className="mx-auto max-w-6xl px-4 py-5 print:max-w-none print:p-0">{children}</main>
      </FlashProvider>
    </div>
  );
}
