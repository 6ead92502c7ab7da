import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";

/**
 * Every response but static files passes here: it gets the per-request Content-Security-Policy and,
 * over HTTPS, HSTS (the headers that never change are set for every path in next.config.js).
 * Signed-out visitors of app pages and route handlers are sent to the login page; that is only a
 * cheap redirect without the database: every page, action and route handler checks the account itself.
 */

// withAuth answers nothing (lets the request through) for /login, /api/auth and /_next itself,
// and for a visitor whose session token is valid.
const signedOutRedirect = withAuth({ pages: { signIn: "/login" } });

export async function proxy(request: NextRequest, event: NextFetchEvent) {
  const https = servedOverHttps(request);
  const { pathname } = request.nextUrl;
  const routeHandler = pathname.startsWith("/api/") && !pathname.startsWith("/api/auth/");
  // The public portal (docs/rules.md § "Publication"): read without signing in, and without any
  // script, so its pages need no nonce.
  const portal = pathname === "/public" || pathname.startsWith("/public/");
  const nonce = routeHandler || portal ? null : Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = nonce ? pagePolicy(nonce, https) : portal ? portalPolicy(https) : ROUTE_HANDLER_POLICY;

  const redirect = portal ? null : await signedOutRedirect(request as NextRequestWithAuth, event);
  let response: Response;
  if (redirect) response = redirect;
  else if (nonce) {
    // Next reads the nonce from the request's CSP header and puts it on its own scripts.
    const headers = new Headers(request.headers);
    headers.set("content-security-policy", csp);
    headers.set("x-nonce", nonce);
    response = NextResponse.next({ request: { headers } });
  } else response = NextResponse.next();
  // Next keeps a header set here over the route handler's own of the same name.
  response.headers.set("content-security-policy", csp);
  // The portal's pages are the same for every visitor (no session, no nonce): a browser may keep
  // one for a minute and a shared cache in front of Banli for five, serving it while it refreshes.
  if (portal) response.headers.set("cache-control", "public, max-age=60, s-maxage=300, stale-while-revalidate=600");
  // Browsers ignore HSTS received over plain http (RFC 6797 §8.1), so trusting a forged
  // x-forwarded-proto from a client on http gains an attacker nothing.
  if (https) response.headers.set("strict-transport-security", "max-age=31536000; includeSubDomains");
  return response;
}

/** The request reached us over TLS, or through a TLS-terminating proxy, or the site's address is https. */
function servedOverHttps(request: NextRequest) {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded === "https" || request.nextUrl.protocol === "https:" || !!process.env.NEXTAUTH_URL?.startsWith("https://");
}

/**
 * Scripts: only those carrying this response's nonce, and what they load ('strict-dynamic'), so an
 * injected <script> or inline handler does not run; 'self' is the fallback for browsers without
 * 'strict-dynamic'. React and Next use eval only in development.
 *
 * Styles allow 'unsafe-inline', deliberately: React writes style attributes (the supervision chart's bars, the
 * letters' right-aligned lines) and the print view has a <style> element with its @page rules, and
 * a nonce cannot cover attributes. CSS cannot run code; all text reaches the page through React's
 * escaping, so the remaining risk (injected CSS restyling a page) is small next to breaking charts
 * and letters.
 */
function pagePolicy(nonce: string, https: boolean) {
  const dev = process.env.NODE_ENV === "development";
  return policy({ script: `'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`, img: "'self' data: blob:", connect: "'self'" }, https);
}

/**
 * The portal's pages are HTML and CSS only: every page reads fully without JavaScript, so no script
 * runs at all (links and the search form are plain navigation).
 */
function portalPolicy(https: boolean) {
  return policy({ script: "'none'", img: "'self' data:", connect: "'none'" }, https);
}

/** A page's policy: what differs between pages is where scripts, images and fetches may come from. */
function policy(src: { script: string; img: string; connect: string }, https: boolean) {
  return [
    "default-src 'self'",
    `script-src ${src.script}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src ${src.img}`,
    "font-src 'self' data:",
    `connect-src ${src.connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * Route handlers answer files and short texts, never pages: nothing in them may run or load, even if
 * a browser were made to render a download (an attachment is whatever its uploader made it).
 * next-auth's own endpoints under /api/auth keep the page policy: its sign-out and error pages are
 * HTML with inline styles and a form.
 */
const ROUTE_HANDLER_POLICY = "default-src 'none'; sandbox; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
