CREATE TABLE `ledger_periods` (
	`organisation_id` integer NOT NULL,
	`year` integer NOT NULL,
	`from_month` integer NOT NULL,
	`to_month` integer NOT NULL,
	`grant_id` integer NOT NULL,
	`baten_cents` integer NOT NULL,
	`lasten_cents` integer NOT NULL,
	`batch_id` integer,
	PRIMARY KEY(`organisation_id`, `year`, `from_month`, `to_month`, `grant_id`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ledger_periods_months" CHECK("ledger_periods"."from_month" BETWEEN 1 AND 12 AND "ledger_periods"."to_month" BETWEEN "ledger_periods"."from_month" AND 12)
);
