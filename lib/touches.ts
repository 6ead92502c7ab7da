import type { Action } from "./authz";

/**
 * Which pages a change makes stale, so that a Server Action revalidates those and no others.
 * Next re-renders the page the user acted on after any revalidation, so these lists matter for
 * the other pages: the ones cached on the server and the ones the browser keeps from earlier visits.
 *
 * Paths follow the files under app/, route groups included (Next tags a cached page with its file
 * path, e.g. "/(app)/proposals/[id]/page"): "layout" covers every page in the folder and below it,
 * "page" only the folder's own page.
 */
export type Touch = readonly [path: string, type: "page" | "layout"];

type ObjectType = Action extends `${infer T}.${string}` ? T : never;

/** A change to one proposal's handling: the workbench, the lists, the proposal, its documents, the figures, notifications. */
const HANDLING: readonly Touch[] = [
  ["/(app)", "page"],
  ["/(app)/proposals", "layout"],
  ["/(app)/documents", "layout"],
  ["/(app)/supervision", "layout"],
  ["/(app)/notifications", "page"],
  ["/public", "layout"],
];
/** Changes every running deadline or a name shown on every page. */
const EVERYTHING: readonly Touch[] = [["/", "layout"]];
const ACCOUNTS: readonly Touch[] = [
  ["/(app)/admin", "layout"],
  ["/(app)/security", "page"],
  ["/(app)/audit", "page"],
];

const BY_OBJECT: Record<ObjectType, readonly Touch[]> = {
  workbench: [],
  supervision: [],
  proposal: HANDLING,
  assignment: HANDLING,
  opinion: HANDLING,
  reply: HANDLING,
  // A commitment shows on its proposal, in the figures of its unit and in the deputies' notifications.
  commitment: HANDLING,
  draft: HANDLING,
  request: HANDLING,
  attachment: HANDLING,
  document: [],
  // A fixed reply due day moves the deadlines of a whole session.
  session: EVERYTHING,
  notification: [
    ["/(app)", "page"],
    ["/(app)/notifications", "page"],
  ],
  account: [["/account", "layout"]],
  // Sessions, units and deputies are named on every page; a calendar day moves deadlines.
  admin: EVERYTHING,
  security: ACCOUNTS,
  audit: [],
};

const BY_ACTION: Partial<Record<Action, readonly Touch[]>> = {
  "admin.view": [],
  "admin.user": ACCOUNTS,
  "proposal.list": [],
  "proposal.view": [],
  "proposal.export": [],
  "attachment.download": [],
  "notification.view": [],
  "security.view": [],
};

export function touchedBy(action: Action): readonly Touch[] {
  return BY_ACTION[action] ?? BY_OBJECT[action.split(".")[0] as ObjectType];
}
