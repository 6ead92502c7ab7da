"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";

const messages: Record<string, string> = {
  LOCKED: "从本机登录该账号失败次数过多，已暂停本机登录 15 分钟，请稍后再试；如忘记密码，请联系安全管理员。",
  SLOWED: "该账号近期在多处登录失败，为防止猜测密码，每分钟只能尝试一次，请 1 分钟后再试。",
  TOTP_REQUIRED: "请输入手机验证器上显示的6位动态验证码。",
  TOTP_INVALID: "动态验证码不正确或已使用过，请输入验证器上最新的验证码。",
  RATE_LIMITED: "登录尝试过于频繁，请稍后再试。",
};

export function LoginForm({ notice }: { notice?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [needCode, setNeedCode] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const username = String(form.get("username") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const code = String(form.get("code") ?? "").trim();
    if (!username || !password) {
      setError("请输入用户名和密码。");
      return;
    }
    if (needCode && !code) {
      setError(messages.TOTP_REQUIRED);
      return;
    }
    setPending(true);
    setError(null);
    const result = await signIn("credentials", { username, password, code, redirect: false });
    if (result?.ok && !result.error) {
      window.location.assign("/");
      return;
    }
    setPending(false);
    if (result?.error === "TOTP_REQUIRED" || result?.error === "TOTP_INVALID") setNeedCode(true);
    setError(messages[result?.error ?? ""] ?? "用户名或密码不正确，或账号已停用。");
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error ? <Alert>{error}</Alert> : notice ? <Alert tone="info">{notice}</Alert> : null}
      <div className="space-y-1">
        <label htmlFor="username" className="block text-sm font-medium">用户名</label>
        <input id="username" name="username" autoComplete="username" className="block w-full rounded-md border border-stone-300 px-3 py-2.5 text-base" />
      </div>
      <div className="space-y-1">
        <label htmlFor="password" className="block text-sm font-medium">密码</label>
        <input id="password" name="password" type="password" autoComplete="current-password" className="block w-full rounded-md border border-stone-300 px-3 py-2.5 text-base" />
      </div>
      {needCode && (
        <div className="space-y-1">
          <label htmlFor="code" className="block text-sm font-medium">动态验证码</label>
          <input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus className="block w-full rounded-md border border-stone-300 px-3 py-2.5 text-base tracking-widest" />
        </div>
      )}
      <Button type="submit" className="w-full min-h-11" disabled={pending}>
        {pending ? "正在登录…" : "登录"}
      </Button>
    </form>
  );
}
