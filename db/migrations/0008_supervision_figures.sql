ALTER TABLE `assignments` ADD `first_reply_on` text;--> statement-breakpoint
ALTER TABLE `assignments` ADD `first_reply_extended_to` text;--> statement-breakpoint
ALTER TABLE `assignments` ADD `first_reply_due` text;--> statement-breakpoint
ALTER TABLE `assignments` ADD `first_contact_on` text;--> statement-breakpoint
ALTER TABLE `assignments` ADD `latest_category` text;--> statement-breakpoint
UPDATE `assignments` SET
  `first_reply_on` = (SELECT date(r.`sent_at` / 1000 + 8 * 3600, 'unixepoch') FROM `replies` r
                       WHERE r.`assignment_id` = `assignments`.`id` AND r.`round` = 1 AND r.`state` = 'sent'),
  `latest_category` = (SELECT r.`category` FROM `replies` r
                        WHERE r.`assignment_id` = `assignments`.`id` AND r.`state` = 'sent' ORDER BY r.`round` DESC LIMIT 1)
WHERE `role` <> 'co';--> statement-breakpoint
UPDATE `assignments` SET `first_reply_extended_to` = coalesce(
  (SELECT q.`requested_due` FROM `requests` q JOIN `replies` r ON r.`assignment_id` = q.`assignment_id` AND r.`round` = 1 AND r.`state` = 'sent'
    WHERE q.`assignment_id` = `assignments`.`id` AND q.`kind` = 'extension' AND q.`state` = 'approved' AND q.`decided_at` <= r.`sent_at`
    ORDER BY q.`decided_at` DESC, q.`id` DESC LIMIT 1),
  CASE WHEN `round` = 1 THEN `extended_to` END)
WHERE `first_reply_on` IS NOT NULL;--> statement-breakpoint
UPDATE `assignments` SET `first_contact_on` = (SELECT min(c.`contacted_on`) FROM `contact_logs` c WHERE c.`assignment_id` = `assignments`.`id`);
