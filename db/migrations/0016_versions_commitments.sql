CREATE TABLE `commitment_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`commitment_id` integer NOT NULL,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	`evidence` text DEFAULT '' NOT NULL,
	`reported_by_id` integer NOT NULL,
	`reported_on` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`commitment_id`) REFERENCES `commitments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reported_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "commitment_reports_kind_valid" CHECK("kind" in ('progress', 'done'))
);
--> statement-breakpoint
CREATE INDEX `commitment_reports_commitment` ON `commitment_reports` (`commitment_id`);--> statement-breakpoint
CREATE TABLE `commitments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reply_id` integer NOT NULL,
	`assignment_id` integer NOT NULL,
	`proposal_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`content` text NOT NULL,
	`due_on` text NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`done_on` text,
	`created_by_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`reply_id`) REFERENCES `replies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "commitments_state_valid" CHECK("state" in ('open', 'done'))
);
--> statement-breakpoint
CREATE INDEX `commitments_reply` ON `commitments` (`reply_id`);--> statement-breakpoint
CREATE INDEX `commitments_proposal` ON `commitments` (`proposal_id`);--> statement-breakpoint
CREATE INDEX `commitments_open_due` ON `commitments` (`state`,`due_on`);--> statement-breakpoint
CREATE TABLE `document_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`document_id` integer NOT NULL,
	`version` integer NOT NULL,
	`body` text NOT NULL,
	`contact_person` text DEFAULT '' NOT NULL,
	`contact_phone` text DEFAULT '' NOT NULL,
	`category` text,
	`set_aside` integer DEFAULT false NOT NULL,
	`saved_by_id` integer NOT NULL,
	`saved_at` integer NOT NULL,
	FOREIGN KEY (`saved_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "document_versions_kind_valid" CHECK("kind" in ('opinion', 'reply')),
	CONSTRAINT "document_versions_category_valid" CHECK("category" in ('A', 'B', 'C', 'D'))
);
--> statement-breakpoint
CREATE INDEX `document_versions_document` ON `document_versions` (`kind`,`document_id`,`version`);--> statement-breakpoint
-- The drafts written before versions were kept: their current text is their last version.
INSERT INTO `document_versions` (`kind`, `document_id`, `version`, `body`, `contact_person`, `contact_phone`, `category`, `set_aside`, `saved_by_id`, `saved_at`)
SELECT 'opinion', `id`, `version`, `body`, `contact_person`, `contact_phone`, NULL, 0, `updated_by_id`, `updated_at` FROM `opinions`;--> statement-breakpoint
INSERT INTO `document_versions` (`kind`, `document_id`, `version`, `body`, `contact_person`, `contact_phone`, `category`, `set_aside`, `saved_by_id`, `saved_at`)
SELECT 'reply', `id`, `version`, `body`, `contact_person`, `contact_phone`, `category`, 0, `updated_by_id`, `updated_at` FROM `replies`;
