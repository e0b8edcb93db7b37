-- Reminders by e-mail (issue 17): followers of a grant, the finance mailbox and the per-user preference per
-- organisation, and the record of every reminder that was due. New tables only: existing rows are untouched.
CREATE TABLE `grant_followers` (
	`grant_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`grant_id`, `user_id`),
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `reminder_mailboxes` (
	`organisation_id` integer PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`mode` text DEFAULT 'digest' NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `reminder_preferences` (
	`user_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`mode` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`user_id`, `organisation_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `reminder_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`recipient` text NOT NULL,
	`kind` text NOT NULL,
	`item` text NOT NULL,
	`item_date` text NOT NULL,
	`due_on` text NOT NULL,
	`subject` text NOT NULL,
	`body_text` text NOT NULL,
	`body_html` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`last_attempt_at` text,
	`sent_at` text,
	`message_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "reminder_messages_dates" CHECK(date(item_date) = item_date AND date(due_on) = due_on)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reminder_messages_once` ON `reminder_messages` (`organisation_id`,`recipient`,`kind`,`item`,`item_date`);
--> statement-breakpoint
CREATE INDEX `reminder_messages_status` ON `reminder_messages` (`status`,`organisation_id`);
