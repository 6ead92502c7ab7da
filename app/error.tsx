"use client";

import { Button } from "@/components/ui/button";
import { MAIN_ID } from "@/components/ui/skip-link";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main id={MAIN_ID} className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">页面暂时无法显示</h1>
      <p className="mt-2 text-sm text-stone-600">系统处理时出现问题，已记录。请稍后重试；如仍无法打开，请联系系统管理员。</p>
      <div className="mt-6">
        <Button onClick={reset}>重试</Button>
      </div>
    </main>
  );
}
