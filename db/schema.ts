import { sql } from "drizzle-orm";
import {
  sqliteTable,
  integer,
  text,
  uniqueIndex,
  index,
  primaryKey,
  check,
  type AnySQLiteColumn,
} from "drizzle-orm/sqlite-core";
import {
  ROLES,
  PROPOSAL_STATES,
  ASSIGNMENT_STATES,
  ASSIGNMENT_ROLES,
  DOCUMENT_STATES,
  REPLY_CATEGORIES,
  SCREENING_OUTCOMES,
  DISCLOSURES,
  RATING_LEVELS,
  CONTACT_CHANNELS,
  UNIT_KINDS,
  REQUEST_KINDS,
  REQUEST_STATES,
  FIELDS,
  COMMITMENT_STATES,
  COMMITMENT_REPORT_KINDS,
} from "../lib/workflow";

const ATTACHMENT_SUBJECTS = ["proposal", "opinion", "reply"] as const;
const AUDIT_RESULTS = ["ok", "refused", "invalid", "failed"] as const;
const DOCUMENT_KINDS = ["opinion", "reply"] as const;

const id = () => integer("id").primaryKey({ autoIncrement: true });

/**
 * A CHECK constraint: the column holds one of the values (or null, where it may be null), so the
 * database itself refuses any other text. Built from the same lists the code uses (lib/workflow.ts);
 * when a list changes, `npm run db:generate` writes the migration.
 */
const oneOf = (table: string, column: string, values: readonly string[]) =>
  check(`${table}_${column}_valid`, sql.raw(`"${column}" in (${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ")})`));
const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch() * 1000)`);

/** 届次会次, e.g. 市十八届人大二次会议. Proposals between sessions get their own row (interim). */
export const congressSessions = sqliteTable(
  "congress_sessions",
  {
    id: id(),
    term: integer("term").notNull(),
    meeting: integer("meeting").notNull(),
    name: text("name").notNull(),
    interim: integer("interim", { mode: "boolean" }).notNull().default(false),
    openedOn: text("opened_on"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    // Deadline settings (docs/rules.md § "Deadlines"), each a setting per session.
    returnWindowWorkdays: integer("return_window_workdays").notNull().default(10),
    opinionMonths: integer("opinion_months").notNull().default(1),
    replyMonths: integer("reply_months").notNull().default(3),
    extensionTotalMonths: integer("extension_total_months").notNull().default(6),
    rehandlingMonths: integer("rehandling_months").notNull().default(1),
    publicationWorkdays: integer("publication_workdays").notNull().default(20),
    warnWorkdays: integer("warn_workdays").notNull().default(5),
    /** One reply due date for the whole batch, set by the government office instead of the month rule. */
    fixedReplyDue: text("fixed_reply_due"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("congress_sessions_name").on(t.name)],
);

export const units = sqliteTable(
  "units",
  {
    id: id(),
    name: text("name").notNull(),
    shortName: text("short_name").notNull(),
    kind: text("kind", { enum: UNIT_KINDS }).notNull().default("department"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("units_name").on(t.name), oneOf("units", "kind", UNIT_KINDS)],
);

export const deputies = sqliteTable("deputies", {
  id: id(),
  name: text("name").notNull(),
  deputation: text("deputation").notNull(),
  phone: text("phone").notNull().default(""),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  createdAt: createdAt(),
});

export type PendingChange = { kind: "create" | "relink"; unitId: number | null; deputyId: number | null; active?: boolean; by: number; at: string };

export const users = sqliteTable(
  "users",
  {
    id: id(),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    email: text("email"),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    unitId: integer("unit_id").references(() => units.id),
    deputyId: integer("deputy_id").references(() => deputies.id),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** Set for an account whose password an administrator chose: the owner must change it at sign-in. */
    mustChangePassword: integer("must_change_password", { mode: "boolean" }).notNull().default(false),
    passwordChangedAt: integer("password_changed_at", { mode: "timestamp_ms" })
      .notNull()
      // Set by the application on every insert (migration 0005 gives old rows their creation time).
      .$defaultFn(() => new Date()),
    /** TOTP secret, encrypted with a key derived from the server secret; set once enrolment is confirmed. */
    totpSecret: text("totp_secret"),
    /** The last TOTP time step accepted, so a code cannot be used twice. */
    totpLastStep: integer("totp_last_step"),
    /**
     * What the system administrator asked for and the security administrator has not yet approved
     * (三员分立): a new account (kept disabled until then), or a new unit or deputy for an existing
     * one (the current link holds until then). JSON, see lib/services/account-approval.ts.
     */
    pendingChange: text("pending_change", { mode: "json" }).$type<PendingChange>(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_username").on(t.username), oneOf("users", "role", ROLES)],
);

export const proposals = sqliteTable(
  "proposals",
  {
    id: id(),
    sessionId: integer("session_id")
      .notNull()
      .references(() => congressSessions.id),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    field: text("field").notNull(),
    leadDeputyId: integer("lead_deputy_id")
      .notNull()
      .references(() => deputies.id),
    disclosure: text("disclosure", { enum: DISCLOSURES }).notNull().default("full"),
    screening: text("screening", { enum: SCREENING_OUTCOMES }).notNull().default("normal"),
    mergedIntoId: integer("merged_into_id").references((): AnySQLiteColumn => proposals.id),
    isKey: integer("is_key", { mode: "boolean" }).notNull().default(false),
    supervisor: text("supervisor"),
    withdrawReason: text("withdraw_reason"),
    /** Why the proposal and its replies are not published although the deputy chose to (docs/rules.md § "Publication"). */
    notPublicReason: text("not_public_reason"),
    /** In how many earlier years the same matter was raised (0: new). */
    raisedBefore: integer("raised_before").notNull().default(0),
    /** Units the congress office suggests for the assignment (from its list), e.g. "市经信局、市商务局". */
    suggestedUnits: text("suggested_units").notNull().default(""),
    state: text("state", { enum: PROPOSAL_STATES }).notNull().default("registered"),
    registeredAt: integer("registered_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("proposals_session_number").on(t.sessionId, t.number),
    index("proposals_state").on(t.state),
    // A session's list by state, and its counts by state, in number order (the offices' lists).
    index("proposals_session_state").on(t.sessionId, t.state, t.number),
    // A deputy's own proposals (the deputy's scope is lead ∪ co-signer).
    index("proposals_lead_deputy").on(t.leadDeputyId),
    index("proposals_merged_into").on(t.mergedIntoId),
    oneOf("proposals", "disclosure", DISCLOSURES),
    oneOf("proposals", "screening", SCREENING_OUTCOMES),
    oneOf("proposals", "state", PROPOSAL_STATES),
    oneOf("proposals", "field", FIELDS),
  ],
);

export const proposalCosigners = sqliteTable(
  "proposal_cosigners",
  {
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    deputyId: integer("deputy_id")
      .notNull()
      .references(() => deputies.id),
    position: integer("position").notNull(),
    /** A deputy of a proposal merged into this one (并案): he sees and rates its reply as a co-signer. */
    mergedFromId: integer("merged_from_id").references((): AnySQLiteColumn => proposals.id),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.deputyId] }), index("proposal_cosigners_deputy").on(t.deputyId)],
);

export const assignments = sqliteTable(
  "assignments",
  {
    id: id(),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    role: text("role", { enum: ASSIGNMENT_ROLES }).notNull(),
    state: text("state", { enum: ASSIGNMENT_STATES }).notNull(),
    assignedAt: integer("assigned_at", { mode: "timestamp_ms" }).notNull(),
    receivedAt: integer("received_at", { mode: "timestamp_ms" }),
    /** Reply round the unit is on: 1, then +1 for each re-handling. */
    round: integer("round").notNull().default(1),
    /** The day of the 不满意 rating that opened the current re-handling round. */
    rehandlingFrom: text("rehandling_from"),
    /** An approved extension: the new due day and the reason the deputy is shown. */
    extendedTo: text("extended_to"),
    extensionReason: text("extension_reason"),
    /** For an assignment handed over on an approved adjustment request: the one it replaced. */
    replacesId: integer("replaces_id").references((): AnySQLiteColumn => assignments.id),
    /*
     * The deadlines as stored (lib/services/stored-deadlines.ts): computed by lib/deadlines.ts from
     * the columns above, the session's settings and the calendar, written in the transaction of every
     * change that moves them, so that lists, lights and counts are plain SQL.
     */
    /** The current duty's due day; null while the unit owes nothing (delivered, transferred, closed). */
    dueOn: text("due_on"),
    /** The first day the light is yellow (within the warning working days of `dueOn`). */
    yellowOn: text("yellow_on"),
    /** The last day a return or adjustment request is accepted. */
    returnWindowEnd: text("return_window_end"),
    /** The latest day an extension may reach. */
    extensionLimit: text("extension_limit"),
    /*
     * What the supervisors' figures are counted from (db/queries/supervision.ts), kept in the
     * transaction of the change that decides each: the round-1 reply going out, a contact logged,
     * any reply going out.
     */
    /** The day the round-1 reply was sent (replying units only). */
    firstReplyOn: text("first_reply_on"),
    /** The approved extension in force when the round-1 reply was sent (a re-handling round clears `extendedTo`). */
    firstReplyExtendedTo: text("first_reply_extended_to"),
    /** The due day that applied to the round-1 reply: a stored deadline, recomputed with the others. */
    firstReplyDue: text("first_reply_due"),
    /** The earliest day the deputies were contacted, as logged. */
    firstContactOn: text("first_contact_on"),
    /** The category of the latest reply sent (replying units only). */
    latestCategory: text("latest_category", { enum: REPLY_CATEGORIES }),
  },
  (t) => [
    uniqueIndex("assignments_proposal_unit").on(t.proposalId, t.unitId),
    // A unit's desk: what it owes, most urgent first (only rows with a due day), and the rest newest first.
    index("assignments_unit_due").on(t.unitId, t.dueOn).where(sql`due_on is not null`),
    index("assignments_unit_assigned").on(t.unitId, t.assignedAt),
    // Running deadlines by year across all units: which fall in a year the calendar does not hold yet.
    index("assignments_due").on(t.dueOn).where(sql`due_on is not null`),
    oneOf("assignments", "role", ASSIGNMENT_ROLES),
    oneOf("assignments", "state", ASSIGNMENT_STATES),
    oneOf("assignments", "latest_category", REPLY_CATEGORIES),
  ],
);

/**
 * A token that changes with every write to the calendar (triggers, migration 0006), so that a
 * process may keep the calendar in memory and know when to read it again.
 */
export const calendarVersion = sqliteTable("calendar_version", {
  id: integer("id").primaryKey(),
  token: text("token").notNull(),
});

export const contactLogs = sqliteTable(
  "contact_logs",
  {
  id: id(),
  assignmentId: integer("assignment_id")
    .notNull()
    .references(() => assignments.id),
  contactedOn: text("contacted_on").notNull(),
  channel: text("channel", { enum: CONTACT_CHANNELS }).notNull(),
  people: text("people").notNull(),
  summary: text("summary").notNull(),
  createdById: integer("created_by_id")
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
  },
  (t) => [index("contact_logs_assignment").on(t.assignmentId), oneOf("contact_logs", "channel", CONTACT_CHANNELS)],
);

/** Columns shared by the two documents a unit signs off: the co-handling opinion and the reply. */
const documentColumns = () => ({
  id: id(),
  assignmentId: integer("assignment_id")
    .notNull()
    .references(() => assignments.id),
  body: text("body").notNull(),
  contactPerson: text("contact_person").notNull().default(""),
  contactPhone: text("contact_phone").notNull().default(""),
  state: text("state", { enum: DOCUMENT_STATES }).notNull().default("draft"),
  version: integer("version").notNull().default(1),
  docNumber: text("doc_number"),
  draftedById: integer("drafted_by_id")
    .notNull()
    .references(() => users.id),
  updatedById: integer("updated_by_id")
    .notNull()
    .references(() => users.id),
  submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
  returnComment: text("return_comment"),
  signerId: integer("signer_id").references(() => users.id),
  sentAt: integer("sent_at", { mode: "timestamp_ms" }),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

export const opinions = sqliteTable(
  "opinions",
  { ...documentColumns() },
  (t) => [uniqueIndex("opinions_assignment").on(t.assignmentId), oneOf("opinions", "state", DOCUMENT_STATES)],
);

export const replies = sqliteTable(
  "replies",
  {
    ...documentColumns(),
    round: integer("round").notNull(),
    category: text("category", { enum: REPLY_CATEGORIES }).notNull(),
    cc: text("cc").notNull().default(""),
    /** Why the reply may go while a co-unit's opinion is still outstanding. */
    outstandingReason: text("outstanding_reason"),
    /** The day the reply is public on the portal: sent day + the publication period, or earlier by an office. */
    publishOn: text("publish_on"),
  },
  (t) => [uniqueIndex("replies_assignment_round").on(t.assignmentId, t.round), index("replies_publish_on").on(t.publishOn), oneOf("replies", "state", DOCUMENT_STATES), oneOf("replies", "category", REPLY_CATEGORIES)],
);

/**
 * Every saved text of a draft, kept whole: the unit that wrote it can read and compare any two.
 * `setAside` marks a text its writer kept after the draft had moved on (sent for sign-off in
 * another tab): it is not a version of the document, only kept so that nothing typed is lost.
 */
export const documentVersions = sqliteTable(
  "document_versions",
  {
    id: id(),
    kind: text("kind", { enum: DOCUMENT_KINDS }).notNull(),
    documentId: integer("document_id").notNull(),
    version: integer("version").notNull(),
    body: text("body").notNull(),
    contactPerson: text("contact_person").notNull().default(""),
    contactPhone: text("contact_phone").notNull().default(""),
    category: text("category", { enum: REPLY_CATEGORIES }),
    setAside: integer("set_aside", { mode: "boolean" }).notNull().default(false),
    savedById: integer("saved_by_id")
      .notNull()
      .references(() => users.id),
    savedAt: integer("saved_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("document_versions_document").on(t.kind, t.documentId, t.version), oneOf("document_versions", "kind", DOCUMENT_KINDS), oneOf("document_versions", "category", REPLY_CATEGORIES)],
);

/** What a B-category reply promises (承诺事项): what will be done, by when, followed until done. */
export const commitments = sqliteTable(
  "commitments",
  {
    id: id(),
    replyId: integer("reply_id")
      .notNull()
      .references(() => replies.id),
    assignmentId: integer("assignment_id")
      .notNull()
      .references(() => assignments.id),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    content: text("content").notNull(),
    dueOn: text("due_on").notNull(),
    state: text("state", { enum: COMMITMENT_STATES }).notNull().default("open"),
    doneOn: text("done_on"),
    createdById: integer("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("commitments_reply").on(t.replyId),
    index("commitments_proposal").on(t.proposalId),
    index("commitments_open_due").on(t.state, t.dueOn),
    oneOf("commitments", "state", COMMITMENT_STATES),
  ],
);

/** A unit's report on a commitment: progress, or completion, with its evidence (文件、照片、验收情况). */
export const commitmentReports = sqliteTable(
  "commitment_reports",
  {
    id: id(),
    commitmentId: integer("commitment_id")
      .notNull()
      .references(() => commitments.id),
    kind: text("kind", { enum: COMMITMENT_REPORT_KINDS }).notNull(),
    body: text("body").notNull(),
    evidence: text("evidence").notNull().default(""),
    reportedById: integer("reported_by_id")
      .notNull()
      .references(() => users.id),
    reportedOn: text("reported_on").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("commitment_reports_commitment").on(t.commitmentId), oneOf("commitment_reports", "kind", COMMITMENT_REPORT_KINDS)],
);

export const ratings = sqliteTable(
  "ratings",
  {
    id: id(),
    replyId: integer("reply_id")
      .notNull()
      .references(() => replies.id),
    deputyId: integer("deputy_id")
      .notNull()
      .references(() => deputies.id),
    attitude: text("attitude", { enum: RATING_LEVELS }).notNull(),
    outcome: text("outcome", { enum: RATING_LEVELS }).notNull(),
    comment: text("comment").notNull().default(""),
    wasContacted: integer("was_contacted", { mode: "boolean" }).notNull(),
    ratedById: integer("rated_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("ratings_reply_deputy").on(t.replyId, t.deputyId), oneOf("ratings", "attitude", RATING_LEVELS), oneOf("ratings", "outcome", RATING_LEVELS)],
);

/** Dated exceptions to Monday–Friday: statutory holidays (off) and make-up working days (on). */
export const calendarDays = sqliteTable("calendar_days", {
  date: text("date").primaryKey(),
  working: integer("working", { mode: "boolean" }).notNull(),
  name: text("name").notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/** A unit's request that moves the clock: adjustment (申请调整) or extension (申请延期). */
export const requests = sqliteTable(
  "requests",
  {
    id: id(),
    assignmentId: integer("assignment_id")
      .notNull()
      .references(() => assignments.id),
    kind: text("kind", { enum: REQUEST_KINDS }).notNull(),
    reason: text("reason").notNull(),
    requestedDue: text("requested_due"),
    suggestedUnitId: integer("suggested_unit_id").references(() => units.id),
    state: text("state", { enum: REQUEST_STATES }).notNull().default("pending"),
    createdById: integer("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    decidedById: integer("decided_by_id").references(() => users.id),
    decisionReason: text("decision_reason"),
    newUnitId: integer("new_unit_id").references(() => units.id),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("requests_assignment").on(t.assignmentId),
    index("requests_state").on(t.state, t.createdAt),
    oneOf("requests", "kind", REQUEST_KINDS),
    oneOf("requests", "state", REQUEST_STATES),
  ],
);

/**
 * The notification centre. Reminders the daily job creates carry a threshold
 * ("soon:2026-06-02", "overdue:2026-06-02"), so each is made once per person, assignment and threshold.
 */
export const notifications = sqliteTable(
  "notifications",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull(),
    proposalId: integer("proposal_id").references(() => proposals.id),
    assignmentId: integer("assignment_id").references(() => assignments.id),
    threshold: text("threshold").notNull().default(""),
    message: text("message").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
    emailedAt: integer("emailed_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("notifications_once").on(t.userId, t.kind, t.assignmentId, t.threshold),
    index("notifications_user").on(t.userId, t.readAt),
    // The notification page, newest first.
    index("notifications_user_created").on(t.userId, t.createdAt),
  ],
);

/**
 * Signed scans and supporting files on a proposal, opinion or reply. The bytes live outside the
 * web root under their SHA-256; deleting is soft (and recorded in the history).
 */
export const attachments = sqliteTable(
  "attachments",
  {
    id: id(),
    subjectType: text("subject_type", { enum: ATTACHMENT_SUBJECTS }).notNull(),
    subjectId: integer("subject_id").notNull(),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    /** The uploader's unit (null for the offices): a draft's files stay inside it like the draft. */
    unitId: integer("unit_id").references(() => units.id),
    fileName: text("file_name").notNull(),
    mimeType: text("mime_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    uploadedById: integer("uploaded_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
    deletedById: integer("deleted_by_id").references(() => users.id),
  },
  (t) => [index("attachments_subject").on(t.subjectType, t.subjectId), index("attachments_proposal").on(t.proposalId), oneOf("attachments", "subject_type", ATTACHMENT_SUBJECTS)],
);

/**
 * Failed sign-ins by user name (existing or not, so a lockout says nothing about which names
 * exist) and client address, and the locks they lead to: a name is locked for the address its
 * failures came from (an empty address: every address, as locks made before per-address locking
 * were). Kept in the database, so a restart does not reset them. Rules: lib/auth/lockout.ts.
 */
export const loginFailures = sqliteTable(
  "login_failures",
  {
    id: id(),
    username: text("username").notNull(),
    ip: text("ip").notNull().default(""),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("login_failures_username").on(t.username, t.at), index("login_failures_address").on(t.username, t.ip, t.at)],
);

export const loginLocks = sqliteTable(
  "login_locks",
  {
    username: text("username").notNull(),
    ip: text("ip").notNull().default(""),
    lockedUntil: integer("locked_until", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.username, t.ip] })],
);

/**
 * One row per sign-in. The JWT cookie only names its row: idle and absolute timeouts, sign-out,
 * password changes and disabling end the row, and the next request finds it ended.
 */
export const authSessions = sqliteTable(
  "auth_sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }).notNull(),
    endedAt: integer("ended_at", { mode: "timestamp_ms" }),
    endReason: text("end_reason"),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("auth_sessions_user").on(t.userId)],
);

/** Security policy settings (the security administrator's): name → value as text. */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * The audit log: security events and every business change. Append-only (triggers refuse UPDATE,
 * and DELETE unless a prune holds the permit), and tamper-evident: each entry's hash covers its
 * fields and the previous entry's hash.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: id(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorId: integer("actor_id"),
    actorName: text("actor_name").notNull(),
    actorRole: text("actor_role"),
    ip: text("ip").notNull(),
    action: text("action").notNull(),
    objectType: text("object_type").notNull(),
    objectId: text("object_id"),
    result: text("result", { enum: AUDIT_RESULTS }).notNull(),
    detail: text("detail"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_log_at").on(t.at), oneOf("audit_log", "result", AUDIT_RESULTS)],
);

/** Present only while a retention prune runs; the delete trigger on audit_log requires it. */
export const auditPrunePermit = sqliteTable("audit_prune_permit", {
  id: integer("id").primaryKey(),
  /** The hash of the last pruned entry: the first kept entry's prev_hash must equal it. */
  anchorHash: text("anchor_hash").notNull(),
});

/** Per unit, per year, per kind: document numbers are handed out once, in sign-off order. */
export const docSequences = sqliteTable(
  "doc_sequences",
  {
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    year: integer("year").notNull(),
    kind: text("kind", { enum: DOCUMENT_KINDS }).notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.year, t.kind] }), oneOf("doc_sequences", "kind", DOCUMENT_KINDS)],
);

/**
 * Append-only record of every change. `unitId` marks an entry internal to one unit
 * (drafting, submission, return): only that unit sees it on the timeline.
 */
export const history = sqliteTable(
  "history",
  {
    id: id(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorId: integer("actor_id").references(() => users.id),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: integer("subject_id").notNull(),
    proposalId: integer("proposal_id").references(() => proposals.id),
    unitId: integer("unit_id").references(() => units.id),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
  },
  (t) => [index("history_proposal").on(t.proposalId)],
);

export type User = typeof users.$inferSelect;
export type Proposal = typeof proposals.$inferSelect;
export type Assignment = typeof assignments.$inferSelect;
export type Opinion = typeof opinions.$inferSelect;
export type Reply = typeof replies.$inferSelect;
