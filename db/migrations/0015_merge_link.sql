ALTER TABLE `proposal_cosigners` ADD `merged_from_id` integer REFERENCES proposals(id);--> statement-breakpoint
CREATE INDEX `proposals_merged_into` ON `proposals` (`merged_into_id`);