import Link from "next/link";
import { redirect } from "next/navigation";
import { signedIn } from "@/lib/auth/current";
import { homeOf } from "@/lib/authz";
import { roleLabel } from "@/lib/labels";
import { SignOutButton } from "@/components/sign-out-button";
import { FlashProvider } from "@/components/ui/flash";
import { MAIN_ID } from "@/components/ui/skip-link";

/** One's own account: reachable while a password change or 2FA enrolment is still pending. */
export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  const s = await signedIn();
  if (!s) redirect("/login");
  return (
    <div className="min-h-screen">
      <header className="border-b-4 border-brand-600 bg-white">
        <div className="mx-auto flex max-w-3xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2.5">
          {s.pending ? (
            <span className="text-base font-semibold text-brand-700">建议办理</span>
          ) : (
            <Link href={homeOf(s.actor.role)} className="text-base font-semibold text-brand-700">建议办理</Link>
          )}
          <div className="ml-auto flex items-center gap-3 text-sm text-stone-600">
            <span data-testid="whoami">
              {s.actor.displayName}
              <span className="hidden sm:inline">（{roleLabel[s.actor.role]}）</span>
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <FlashProvider>
        <main id={MAIN_ID} className="mx-auto max-w-3xl px-4 py-5">{children}</main>
      </FlashProvider>
    </div>
  );
}
