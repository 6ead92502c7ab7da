CREATE TABLE `calendar_days` (
	`date` text PRIMARY KEY NOT NULL,
	`working` integer NOT NULL,
	`name` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`proposal_id` integer,
	`assignment_id` integer,
	`threshold` text DEFAULT '' NOT NULL,
	`message` text NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer,
	`emailed_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_once` ON `notifications` (`user_id`,`kind`,`assignment_id`,`threshold`);--> statement-breakpoint
CREATE INDEX `notifications_user` ON `notifications` (`user_id`,`read_at`);--> statement-breakpoint
CREATE TABLE `requests` (
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
	FOREIGN KEY (`new_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `requests_assignment` ON `requests` (`assignment_id`);--> statement-breakpoint
ALTER TABLE `assignments` ADD `rehandling_from` text;--> statement-breakpoint
ALTER TABLE `assignments` ADD `extended_to` text;--> statement-breakpoint
ALTER TABLE `assignments` ADD `extension_reason` text;--> statement-breakpoint
ALTER TABLE `assignments` ADD `replaces_id` integer;--> statement-breakpoint
ALTER TABLE `congress_sessions` ADD `return_window_workdays` integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE `congress_sessions` ADD `opinion_months` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `congress_sessions` ADD `reply_months` integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE `congress_sessions` ADD `extension_total_months` integer DEFAULT 6 NOT NULL;--> statement-breakpoint
ALTER TABLE `congress_sessions` ADD `rehandling_months` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `congress_sessions` ADD `publication_workdays` integer DEFAULT 20 NOT NULL;--> statement-breakpoint
ALTER TABLE `congress_sessions` ADD `warn_workdays` integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE `congress_sessions` ADD `fixed_reply_due` text;--> statement-breakpoint
ALTER TABLE `users` ADD `email` text;