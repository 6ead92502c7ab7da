PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`proposal_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`role` text NOT NULL,
	`state` text NOT NULL,
	`assigned_at` integer NOT NULL,
	`received_at` integer,
	`round` integer DEFAULT 1 NOT NULL,
	`rehandling_from` text,
	`extended_to` text,
	`extension_reason` text,
	`replaces_id` integer,
	`due_on` text,
	`yellow_on` text,
	`return_window_end` text,
	`extension_limit` text,
	`first_reply_on` text,
	`first_reply_extended_to` text,
	`first_reply_due` text,
	`first_contact_on` text,
	`latest_category` text,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`replaces_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "assignments_role_valid" CHECK("role" in ('lead', 'co', 'parallel')),
	CONSTRAINT "assignments_state_valid" CHECK("state" in ('assigned', 'received', 'opinion_sent', 'replied', 'rehandling', 'closed', 'transferred')),
	CONSTRAINT "assignments_latest_category_valid" CHECK("latest_category" in ('A', 'B', 'C', 'D'))
);
--> statement-breakpoint
INSERT INTO `__new_assignments`("id", "proposal_id", "unit_id", "role", "state", "assigned_at", "received_at", "round", "rehandling_from", "extended_to", "extension_reason", "replaces_id", "due_on", "yellow_on", "return_window_end", "extension_limit", "first_reply_on", "first_reply_extended_to", "first_reply_due", "first_contact_on", "latest_category") SELECT "id", "proposal_id", "unit_id", "role", "state", "assigned_at", "received_at", "round", "rehandling_from", "extended_to", "extension_reason", "replaces_id", "due_on", "yellow_on", "return_window_end", "extension_limit", "first_reply_on", "first_reply_extended_to", "first_reply_due", "first_contact_on", "latest_category" FROM `assignments`;--> statement-breakpoint
DROP TABLE `assignments`;--> statement-breakpoint
ALTER TABLE `__new_assignments` RENAME TO `assignments`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `assignments_proposal_unit` ON `assignments` (`proposal_id`,`unit_id`);--> statement-breakpoint
CREATE INDEX `assignments_unit_due` ON `assignments` (`unit_id`,`due_on`) WHERE due_on is not null;--> statement-breakpoint
CREATE INDEX `assignments_unit_assigned` ON `assignments` (`unit_id`,`assigned_at`);--> statement-breakpoint
CREATE TABLE `__new_attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` integer NOT NULL,
	`proposal_id` integer NOT NULL,
	`unit_id` integer,
	`file_name` text NOT NULL,
	`mime_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	`deleted_by_id` integer,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`deleted_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "attachments_subject_type_valid" CHECK("subject_type" in ('proposal', 'opinion', 'reply'))
);
--> statement-breakpoint
INSERT INTO `__new_attachments`("id", "subject_type", "subject_id", "proposal_id", "unit_id", "file_name", "mime_type", "size", "sha256", "uploaded_by_id", "created_at", "deleted_at", "deleted_by_id") SELECT "id", "subject_type", "subject_id", "proposal_id", "unit_id", "file_name", "mime_type", "size", "sha256", "uploaded_by_id", "created_at", "deleted_at", "deleted_by_id" FROM `attachments`;--> statement-breakpoint
DROP TABLE `attachments`;--> statement-breakpoint
ALTER TABLE `__new_attachments` RENAME TO `attachments`;--> statement-breakpoint
CREATE INDEX `attachments_subject` ON `attachments` (`subject_type`,`subject_id`);--> statement-breakpoint
CREATE INDEX `attachments_proposal` ON `attachments` (`proposal_id`);--> statement-breakpoint
CREATE TABLE `__new_audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_id` integer,
	`actor_name` text NOT NULL,
	`actor_role` text,
	`ip` text NOT NULL,
	`action` text NOT NULL,
	`object_type` text NOT NULL,
	`object_id` text,
	`result` text NOT NULL,
	`detail` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	CONSTRAINT "audit_log_result_valid" CHECK("result" in ('ok', 'refused', 'invalid', 'failed'))
);
--> statement-breakpoint
INSERT INTO `__new_audit_log`("id", "at", "actor_id", "actor_name", "actor_role", "ip", "action", "object_type", "object_id", "result", "detail", "prev_hash", "hash") SELECT "id", "at", "actor_id", "actor_name", "actor_role", "ip", "action", "object_type", "object_id", "result", "detail", "prev_hash", "hash" FROM `audit_log`;--> statement-breakpoint
DROP TABLE `audit_log`;--> statement-breakpoint
ALTER TABLE `__new_audit_log` RENAME TO `audit_log`;--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `__new_contact_logs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assignment_id` integer NOT NULL,
	`contacted_on` text NOT NULL,
	`channel` text NOT NULL,
	`people` text NOT NULL,
	`summary` text NOT NULL,
	`created_by_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "contact_logs_channel_valid" CHECK("channel" in ('in_person', 'meeting', 'phone', 'online'))
);
--> statement-breakpoint
INSERT INTO `__new_contact_logs`("id", "assignment_id", "contacted_on", "channel", "people", "summary", "created_by_id", "created_at") SELECT "id", "assignment_id", "contacted_on", "channel", "people", "summary", "created_by_id", "created_at" FROM `contact_logs`;--> statement-breakpoint
DROP TABLE `contact_logs`;--> statement-breakpoint
ALTER TABLE `__new_contact_logs` RENAME TO `contact_logs`;--> statement-breakpoint
CREATE INDEX `contact_logs_assignment` ON `contact_logs` (`assignment_id`);--> statement-breakpoint
CREATE TABLE `__new_doc_sequences` (
	`unit_id` integer NOT NULL,
	`year` integer NOT NULL,
	`kind` text NOT NULL,
	`last` integer NOT NULL,
	PRIMARY KEY(`unit_id`, `year`, `kind`),
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "doc_sequences_kind_valid" CHECK("kind" in ('opinion', 'reply'))
);
--> statement-breakpoint
INSERT INTO `__new_doc_sequences`("unit_id", "year", "kind", "last") SELECT "unit_id", "year", "kind", "last" FROM `doc_sequences`;--> statement-breakpoint
DROP TABLE `doc_sequences`;--> statement-breakpoint
ALTER TABLE `__new_doc_sequences` RENAME TO `doc_sequences`;--> statement-breakpoint
CREATE TABLE `__new_opinions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assignment_id` integer NOT NULL,
	`body` text NOT NULL,
	`contact_person` text DEFAULT '' NOT NULL,
	`contact_phone` text DEFAULT '' NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`doc_number` text,
	`drafted_by_id` integer NOT NULL,
	`updated_by_id` integer NOT NULL,
	`submitted_at` integer,
	`return_comment` text,
	`signer_id` integer,
	`sent_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`drafted_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "opinions_state_valid" CHECK("state" in ('draft', 'pending', 'returned', 'sent'))
);
--> statement-breakpoint
INSERT INTO `__new_opinions`("id", "assignment_id", "body", "contact_person", "contact_phone", "state", "version", "doc_number", "drafted_by_id", "updated_by_id", "submitted_at", "return_comment", "signer_id", "sent_at", "updated_at") SELECT "id", "assignment_id", "body", "contact_person", "contact_phone", "state", "version", "doc_number", "drafted_by_id", "updated_by_id", "submitted_at", "return_comment", "signer_id", "sent_at", "updated_at" FROM `opinions`;--> statement-breakpoint
DROP TABLE `opinions`;--> statement-breakpoint
ALTER TABLE `__new_opinions` RENAME TO `opinions`;--> statement-breakpoint
CREATE UNIQUE INDEX `opinions_assignment` ON `opinions` (`assignment_id`);--> statement-breakpoint
CREATE TABLE `__new_proposals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`field` text NOT NULL,
	`lead_deputy_id` integer NOT NULL,
	`disclosure` text DEFAULT 'full' NOT NULL,
	`screening` text DEFAULT 'normal' NOT NULL,
	`merged_into_id` integer,
	`is_key` integer DEFAULT false NOT NULL,
	`supervisor` text,
	`withdraw_reason` text,
	`suggested_units` text DEFAULT '' NOT NULL,
	`state` text DEFAULT 'registered' NOT NULL,
	`registered_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `congress_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lead_deputy_id`) REFERENCES `deputies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`merged_into_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "proposals_disclosure_valid" CHECK("disclosure" in ('full', 'title_only', 'none')),
	CONSTRAINT "proposals_screening_valid" CHECK("screening" in ('normal', 'reference', 'merged', 'withdrawn')),
	CONSTRAINT "proposals_state_valid" CHECK("state" in ('registered', 'handling', 'replied', 'rehandling', 'closed', 'withdrawn')),
	CONSTRAINT "proposals_field_valid" CHECK("field" in ('工业交通', '财政商贸', '城建环保', '社会事业', '农业农村', '政治法律', '综合'))
);
--> statement-breakpoint
INSERT INTO `__new_proposals`("id", "session_id", "number", "title", "body", "field", "lead_deputy_id", "disclosure", "screening", "merged_into_id", "is_key", "supervisor", "withdraw_reason", "suggested_units", "state", "registered_at", "updated_at") SELECT "id", "session_id", "number", "title", "body", "field", "lead_deputy_id", "disclosure", "screening", "merged_into_id", "is_key", "supervisor", "withdraw_reason", "suggested_units", "state", "registered_at", "updated_at" FROM `proposals`;--> statement-breakpoint
DROP TABLE `proposals`;--> statement-breakpoint
ALTER TABLE `__new_proposals` RENAME TO `proposals`;--> statement-breakpoint
CREATE UNIQUE INDEX `proposals_session_number` ON `proposals` (`session_id`,`number`);--> statement-breakpoint
CREATE INDEX `proposals_state` ON `proposals` (`state`);--> statement-breakpoint
CREATE INDEX `proposals_session_state` ON `proposals` (`session_id`,`state`,`number`);--> statement-breakpoint
CREATE INDEX `proposals_lead_deputy` ON `proposals` (`lead_deputy_id`);--> statement-breakpoint
CREATE TABLE `__new_ratings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reply_id` integer NOT NULL,
	`deputy_id` integer NOT NULL,
	`attitude` text NOT NULL,
	`outcome` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`was_contacted` integer NOT NULL,
	`rated_by_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`reply_id`) REFERENCES `replies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`deputy_id`) REFERENCES `deputies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ratings_attitude_valid" CHECK("attitude" in ('satisfied', 'basically_satisfied', 'unsatisfied')),
	CONSTRAINT "ratings_outcome_valid" CHECK("outcome" in ('satisfied', 'basically_satisfied', 'unsatisfied'))
);
--> statement-breakpoint
INSERT INTO `__new_ratings`("id", "reply_id", "deputy_id", "attitude", "outcome", "comment", "was_contacted", "rated_by_id", "created_at") SELECT "id", "reply_id", "deputy_id", "attitude", "outcome", "comment", "was_contacted", "rated_by_id", "created_at" FROM `ratings`;--> statement-breakpoint
DROP TABLE `ratings`;--> statement-breakpoint
ALTER TABLE `__new_ratings` RENAME TO `ratings`;--> statement-breakpoint
CREATE UNIQUE INDEX `ratings_reply_deputy` ON `ratings` (`reply_id`,`deputy_id`);--> statement-breakpoint
CREATE TABLE `__new_replies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assignment_id` integer NOT NULL,
	`body` text NOT NULL,
	`contact_person` text DEFAULT '' NOT NULL,
	`contact_phone` text DEFAULT '' NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`doc_number` text,
	`drafted_by_id` integer NOT NULL,
	`updated_by_id` integer NOT NULL,
	`submitted_at` integer,
	`return_comment` text,
	`signer_id` integer,
	`sent_at` integer,
	`updated_at` integer NOT NULL,
	`round` integer NOT NULL,
	`category` text NOT NULL,
	`cc` text DEFAULT '' NOT NULL,
	`outstanding_reason` text,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`drafted_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "replies_state_valid" CHECK("state" in ('draft', 'pending', 'returned', 'sent')),
	CONSTRAINT "replies_category_valid" CHECK("category" in ('A', 'B', 'C', 'D'))
);
--> statement-breakpoint
INSERT INTO `__new_replies`("id", "assignment_id", "body", "contact_person", "contact_phone", "state", "version", "doc_number", "drafted_by_id", "updated_by_id", "submitted_at", "return_comment", "signer_id", "sent_at", "updated_at", "round", "category", "cc", "outstanding_reason") SELECT "id", "assignment_id", "body", "contact_person", "contact_phone", "state", "version", "doc_number", "drafted_by_id", "updated_by_id", "submitted_at", "return_comment", "signer_id", "sent_at", "updated_at", "round", "category", "cc", "outstanding_reason" FROM `replies`;--> statement-breakpoint
DROP TABLE `replies`;--> statement-breakpoint
ALTER TABLE `__new_replies` RENAME TO `replies`;--> statement-breakpoint
CREATE UNIQUE INDEX `replies_assignment_round` ON `replies` (`assignment_id`,`round`);--> statement-breakpoint
CREATE TABLE `__new_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assignment_id` integer NOT NULL,
	`kind` text NOT NULL,
	`reason` text NOT NULL,
	`requested_due` text,
	`suggested_unit_id` integer,
	`state` text DEFAULT 'pending' NOT NULL,
	`created_by_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`decided_by_id` integer,
	`decision_reason` text,
	`new_unit_id` integer,
	`decided_at` integer,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`suggested_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`new_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "requests_kind_valid" CHECK("kind" in ('adjustment', 'extension')),
	CONSTRAINT "requests_state_valid" CHECK("state" in ('pending', 'approved', 'rejected'))
);
--> statement-breakpoint
INSERT INTO `__new_requests`("id", "assignment_id", "kind", "reason", "requested_due", "suggested_unit_id", "state", "created_by_id", "created_at", "decided_by_id", "decision_reason", "new_unit_id", "decided_at") SELECT "id", "assignment_id", "kind", "reason", "requested_due", "suggested_unit_id", "state", "created_by_id", "created_at", "decided_by_id", "decision_reason", "new_unit_id", "decided_at" FROM `requests`;--> statement-breakpoint
DROP TABLE `requests`;--> statement-breakpoint
ALTER TABLE `__new_requests` RENAME TO `requests`;--> statement-breakpoint
CREATE INDEX `requests_assignment` ON `requests` (`assignment_id`);--> statement-breakpoint
CREATE INDEX `requests_state` ON `requests` (`state`,`created_at`);--> statement-breakpoint
CREATE TABLE `__new_units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`short_name` text NOT NULL,
	`kind` text DEFAULT 'department' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	CONSTRAINT "units_kind_valid" CHECK("kind" in ('department', 'town', 'other'))
);
--> statement-breakpoint
INSERT INTO `__new_units`("id", "name", "short_name", "kind", "active", "created_at") SELECT "id", "name", "short_name", "kind", "active", "created_at" FROM `units`;--> statement-breakpoint
DROP TABLE `units`;--> statement-breakpoint
ALTER TABLE `__new_units` RENAME TO `units`;--> statement-breakpoint
CREATE UNIQUE INDEX `units_name` ON `units` (`name`);--> statement-breakpoint
CREATE TABLE `__new_users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`email` text,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`unit_id` integer,
	`deputy_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`session_version` integer DEFAULT 1 NOT NULL,
	`must_change_password` integer DEFAULT false NOT NULL,
	`password_changed_at` integer NOT NULL,
	`totp_secret` text,
	`totp_last_step` integer,
	`pending_change` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`deputy_id`) REFERENCES `deputies`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "users_role_valid" CHECK("role" in ('system_admin', 'security_admin', 'audit_admin', 'congress_office', 'gov_office', 'unit_staff', 'unit_leader', 'deputy'))
);
--> statement-breakpoint
INSERT INTO `__new_users`("id", "username", "display_name", "email", "password_hash", "role", "unit_id", "deputy_id", "active", "session_version", "must_change_password", "password_changed_at", "totp_secret", "totp_last_step", "pending_change", "created_at") SELECT "id", "username", "display_name", "email", "password_hash", "role", "unit_id", "deputy_id", "active", "session_version", "must_change_password", "password_changed_at", "totp_secret", "totp_last_step", "pending_change", "created_at" FROM `users`;--> statement-breakpoint
DROP TABLE `users`;--> statement-breakpoint
ALTER TABLE `__new_users` RENAME TO `users`;--> statement-breakpoint
CREATE UNIQUE INDEX `users_username` ON `users` (`username`);--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
WHEN (SELECT count(*) FROM `audit_prune_permit`) = 0
BEGIN
  SELECT RAISE(ABORT, 'audit_log entries are removed only by the retention prune');
END;
