DROP INDEX `assignments_unit`;--> statement-breakpoint
CREATE INDEX `assignments_unit_due` ON `assignments` (`unit_id`,`due_on`) WHERE due_on is not null;--> statement-breakpoint
CREATE INDEX `assignments_unit_assigned` ON `assignments` (`unit_id`,`assigned_at`);--> statement-breakpoint
CREATE INDEX `contact_logs_assignment` ON `contact_logs` (`assignment_id`);--> statement-breakpoint
CREATE INDEX `notifications_user_created` ON `notifications` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `proposal_cosigners_deputy` ON `proposal_cosigners` (`deputy_id`);--> statement-breakpoint
CREATE INDEX `proposals_session_state` ON `proposals` (`session_id`,`state`,`number`);--> statement-breakpoint
CREATE INDEX `proposals_lead_deputy` ON `proposals` (`lead_deputy_id`);--> statement-breakpoint
CREATE INDEX `requests_state` ON `requests` (`state`,`created_at`);