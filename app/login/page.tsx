import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentSession } from "@/lib/auth/current";
import { endReasonLabel, type EndReason } from "@/lib/auth/sessions";
import { MAIN_ID } from "@/components/ui/skip-link";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "登录" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ ended?: string | string[] }> }) {
  const s = await currentSession();
  if (s && "actor" in s) redirect("/");
  const { ended } = await searchParams;
  // Only the reasons themselves: `in` also finds what every object inherits (`?ended=constructor` was a 500).
  const notice = typeof ended === "string" && Object.hasOwn(endReasonLabel, ended) ? endReasonLabel[ended as EndReason] : undefined;
  return (
    <main id={MAIN_ID} className="flex min-h-screen items-start justify-center bg-stone-100 px-4 pt-16 sm:items-center sm:pt-0">
      <div className="w-full max-w-sm rounded-lg border border-stone-200 bg-white p-6 shadow-sm">
        <div className="mb-6 text-center">
          <div className="mx-auto mb-2 h-1 w-12 rounded bg-brand-600" />
          <h1 className="text-xl font-semibold">人大代表建议办理系统</h1>
          <p className="mt-1 text-sm text-stone-500">请使用本人账号登录</p>
        </div>
        <LoginForm notice={notice} />
      </div>
    </main>
  );
}
