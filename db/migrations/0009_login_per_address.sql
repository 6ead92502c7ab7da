PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_login_locks` (
	`username` text NOT NULL,
	`ip` text DEFAULT '' NOT NULL,
	`locked_until` integer NOT NULL,
	PRIMARY KEY(`username`, `ip`)
);
--> statement-breakpoint
INSERT INTO `__new_login_locks`("username", "ip", "locked_until") SELECT "username", '', "locked_until" FROM `login_locks`;--> statement-breakpoint
DROP TABLE `login_locks`;--> statement-breakpoint
ALTER TABLE `__new_login_locks` RENAME TO `login_locks`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
ALTER TABLE `login_failures` ADD `ip` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `login_failures_address` ON `login_failures` (`username`,`ip`,`at`);