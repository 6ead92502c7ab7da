CREATE TABLE `login_failures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_failures_username` ON `login_failures` (`username`,`at`);--> statement-breakpoint
CREATE TABLE `login_locks` (
	`username` text PRIMARY KEY NOT NULL,
	`locked_until` integer NOT NULL
);
