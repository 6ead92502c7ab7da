"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: "/login" })} className="min-h-10 rounded px-2 text-brand-700 hover:bg-brand-50">
      退出
    </button>
  );
}
