import { withAuth } from "next-auth/middleware";

// Only a cheap redirect for signed-out visitors; every page and action checks the account itself.
export const proxy = withAuth({ pages: { signIn: "/login" } });

export const config = {
  matcher: ["/((?!login|api/auth|_next/static|_next/image|favicon.ico).*)"],
};
