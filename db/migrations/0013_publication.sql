ALTER TABLE `proposals` ADD `not_public_reason` text;--> statement-breakpoint
ALTER TABLE `proposals` ADD `raised_before` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `replies` ADD `publish_on` text;--> statement-breakpoint
CREATE INDEX `replies_publish_on` ON `replies` (`publish_on`);