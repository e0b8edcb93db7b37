-- imports (issue 15): national amounts of a Bijlage specifieke uitkeringen may be negative (repayments exceeding
-- payments, e.g. SPUK Bbz); the table is rebuilt without the non-negative check, every row copied.
CREATE TABLE `__new_scheme_national_amounts` (
	`scheme_id` integer NOT NULL,
	`year` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`source` text,
	PRIMARY KEY(`scheme_id`, `year`),
	FOREIGN KEY (`scheme_id`) REFERENCES `schemes`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "scheme_national_amounts_cents" CHECK(amount_cents >= -1000000000000000 AND amount_cents <= 1000000000000000)
);
--> statement-breakpoint
INSERT INTO `__new_scheme_national_amounts` (`scheme_id`, `year`, `amount_cents`, `source`)
	SELECT `scheme_id`, `year`, `amount_cents`, `source` FROM `scheme_national_amounts`;
--> statement-breakpoint
DROP TABLE `scheme_national_amounts`;
--> statement-breakpoint
ALTER TABLE `__new_scheme_national_amounts` RENAME TO `scheme_national_amounts`;
