CREATE TABLE `calendar_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`token` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `assignments` ADD `due_on` text;--> statement-breakpoint
ALTER TABLE `assignments` ADD `yellow_on` text;--> statement-breakpoint
ALTER TABLE `assignments` ADD `return_window_end` text;--> statement-breakpoint
ALTER TABLE `assignments` ADD `extension_limit` text;--> statement-breakpoint
INSERT INTO `calendar_version` (`id`, `token`) VALUES (1, lower(hex(randomblob(8))));--> statement-breakpoint
CREATE TRIGGER `calendar_days_version_insert` AFTER INSERT ON `calendar_days`
BEGIN
  UPDATE `calendar_version` SET `token` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;--> statement-breakpoint
CREATE TRIGGER `calendar_days_version_update` AFTER UPDATE ON `calendar_days`
BEGIN
  UPDATE `calendar_version` SET `token` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;--> statement-breakpoint
CREATE TRIGGER `calendar_days_version_delete` AFTER DELETE ON `calendar_days`
BEGIN
  UPDATE `calendar_version` SET `token` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
