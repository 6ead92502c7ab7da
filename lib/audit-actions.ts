import type { Action } from "./authz";

/*
 * Every name an audit entry or a history entry can carry. Three sources write them: the
 * authorization matrix's actions (a refused or invalid form is audited under its action, see
 * lib/action.ts), the history actions the services record (`record` in lib/services/common.ts, typed
 * by HistoryAction so a new one cannot be written without being listed here), and the events audited
 * outside the services (sign-in, downloads, exports, refused pages; typed by EventAction). Each has
 * its words in lib/labels.ts (`actionLabel`), so the audit page and the timeline never show a code.
 */

/** What the services write to a proposal's history (and to the audit log with it). */
export const HISTORY_ACTIONS = [
  // Proposals (registration, screening, assignment, derived state)
  "proposal.register",
  "proposal.mark",
  "proposal.withdraw",
  "proposal.assign",
  "proposal.state",
  // A unit's assignment
  "assignment.receive",
  "assignment.state",
  "assignment.transfer",
  "contact.log",
  "deadline.moved",
  // Opinions and replies
  "opinion.save",
  "opinion.setAside",
  "opinion.submit",
  "opinion.signOff",
  "opinion.returnForRevision",
  "reply.save",
  "reply.setAside",
  "reply.submit",
  "reply.signOff",
  "reply.returnForRevision",
  "reply.publish",
  "rating.create",
  // Requests that move the clock
  "request.adjustment",
  "request.extension",
  "request.approved",
  "request.rejected",
  "attachment.upload",
  "attachment.delete",
  // Commitments of a B reply
  "commitment.add",
  "commitment.remove",
  "commitment.progress",
  "commitment.done",
  // Reference data and settings (system administrator, government office)
  "session.create",
  "session.update",
  "session.fixedReplyDue",
  "unit.create",
  "unit.update",
  "deputy.create",
  "deputy.update",
  "user.create",
  "user.update",
  "calendar.create",
  "calendar.update",
  "calendar.remove",
  // Accounts and security (the account's owner, the security administrator)
  "account.password",
  "account.totp_enrol",
  "account.totp_disable",
  "account.unlock",
  "user.role",
  "user.totp_reset",
  "user.approve",
  "user.reject",
  "policy.update",
] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

/** What is audited outside the services' history: sign-in and sign-out, refusals, downloads, exports, the log's own care. */
export const EVENT_ACTIONS = [
  "login.ok",
  "login.failed",
  "login.totp_failed",
  "login.lockout",
  "login.locked",
  "login.slowed",
  "login.rate_limited",
  "logout",
  "page.refused",
  "attachment.download",
  "document.download",
  "export",
  "proposal.import",
  "draft.importWord",
  "audit.verify",
  "audit.prune",
] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];

export type AuditAction = Action | HistoryAction | EventAction;
