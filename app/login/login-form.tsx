"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";

export function LoginForm() {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const username = String(form.get("username") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!username || !password) {
      setError("请输入用户名和密码。");
      return;
    }
    setPending(true);
    setError(null);
    const result = await signIn("credentials", { username, password, redirect: false });
    if (result?.ok && !result.error) {
      window.location.assign("/");
      return;
    }
    setPending(false);
    setError(
      result?.error === "LOCKED"
        ? "登录失败次数过多，该账号已锁定 15 分钟，请稍后再试。"
        : "用户名或密码不正确，或账号已停用。",
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error && <Alert>{error}</Alert>}
      <div className="space-y-1">
        <label htmlFor="username" className="block text-sm font-medium">用户名</label>
        <input id="username" name="username" autoComplete="username" className="block w-full rounded-md border border-stone-300 px-3 py-2.5 text-base" />
      </div>
      <div className="space-y-1">
        <label htmlFor="password" className="block text-sm font-medium">密码</label>
        <input id="password" name="password" type="password" autoComplete="current-password" className="block w-full rounded-md border border-stone-300 px-3 py-2.5 text-base" />
      </div>
      <Button type="submit" className="w-full min-h-11" disabled={pending}>
        {pending ? "正在登录…" : "登录"}
      </Button>
    </form>
  );
}
