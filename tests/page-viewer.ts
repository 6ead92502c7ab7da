import type { Actor } from "@/lib/auth/actor";

/** The viewer that pages render as, in tests that render Server Components without signing in. */
export const viewerRef: { current: Actor | null } = { current: null };

/**
 * Stands in for lib/auth/current: every page, action and layout sees `viewerRef.current`. A test file
 * uses it as `vi.mock("@/lib/auth/current", async () => (await import("../page-viewer")).currentViewerModule())`.
 */
export function currentViewerModule() {
  const viewer = async () => {
    if (!viewerRef.current) throw new Error("test: no viewer set (viewerRef.current)");
    return viewerRef.current;
  };
  const session = async () => (viewerRef.current ? { actor: viewerRef.current, sid: "test", pending: null, username: "test", totp: false } : null);
  return { currentActor: viewer, requireActor: viewer, requirePage: viewer, signedIn: session, currentSession: session };
}
