import { connection } from "next/server";
import { ButtonLink } from "@/components/ui/button";
import { MAIN_ID } from "@/components/ui/skip-link";

export default async function NotFound() {
  // Rendered per request, like every other page, so that its scripts carry the request's CSP nonce
  // (proxy.ts); a page prerendered at build time has no nonce and its scripts would be blocked.
  await connection();
  return (
    <main id={MAIN_ID} className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">未找到该页面</h1>
      <p className="mt-2 text-sm text-stone-600">您访问的建议或页面不存在，或您无权查看。</p>
      <div className="mt-6">
        <ButtonLink href="/" variant="primary">返回工作台</ButtonLink>
      </div>
    </main>
  );
}
