CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text DEFAULT 'api' NOT NULL,
	`organisation_id` integer,
	`hash` text NOT NULL,
	`label` text,
	`expires_on` text,
	`revoked_at` text,
	`last_used_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash_unique` ON `api_tokens` (`hash`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`actor` text NOT NULL,
	`source` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`action` text NOT NULL,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_entity` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `beschikkingen` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`grant_id` integer NOT NULL,
	`nummer` text NOT NULL,
	`kind` text NOT NULL,
	`date` text NOT NULL,
	`amount_cents` integer,
	`note` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "beschikkingen_cents" CHECK(coalesce(amount_cents, 0) >= 0 AND coalesce(amount_cents, 0) <= 1000000000000000),
	CONSTRAINT "beschikkingen_date" CHECK(date IS NULL OR (length(date) = 10 AND date(date) = date))
);
--> statement-breakpoint
CREATE INDEX `beschikkingen_grant` ON `beschikkingen` (`grant_id`);--> statement-breakpoint
CREATE INDEX `beschikkingen_nummer` ON `beschikkingen` (`nummer`);--> statement-breakpoint
CREATE TABLE `cofinancing_commitments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`grant_id` integer NOT NULL,
	`source` text NOT NULL,
	`year` integer,
	`amount_cents` integer NOT NULL,
	`reserved_in_begroting` integer DEFAULT false NOT NULL,
	`description` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "cofinancing_cents" CHECK(amount_cents >= 0 AND amount_cents <= 1000000000000000)
);
--> statement-breakpoint
CREATE INDEX `cofinancing_grant` ON `cofinancing_commitments` (`grant_id`);--> statement-breakpoint
CREATE TABLE `deadline_completions` (
	`organisation_id` integer NOT NULL,
	`deadline_key` text NOT NULL,
	`done_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`done_by` text NOT NULL,
	`note` text,
	PRIMARY KEY(`organisation_id`, `deadline_key`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `deadlines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`grant_id` integer,
	`scheme_id` integer,
	`kind` text DEFAULT 'custom' NOT NULL,
	`title` text NOT NULL,
	`nominal_date` text NOT NULL,
	`legal_instrument` text DEFAULT 'praktijk' NOT NULL,
	`atw_applies` integer DEFAULT false NOT NULL,
	`note` text,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`scheme_id`) REFERENCES `schemes`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "deadlines_date" CHECK(nominal_date IS NULL OR (length(nominal_date) = 10 AND date(nominal_date) = nominal_date))
);
--> statement-breakpoint
CREATE INDEX `deadlines_org` ON `deadlines` (`organisation_id`,`nominal_date`);--> statement-breakpoint
CREATE TABLE `grant_spend_deadlines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`grant_id` integer NOT NULL,
	`spend_until` text NOT NULL,
	`previous` text,
	`changed_on` text NOT NULL,
	`reason` text,
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `grant_spend_deadlines_grant` ON `grant_spend_deadlines` (`grant_id`);--> statement-breakpoint
CREATE TABLE `grant_transitions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`grant_id` integer NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`event` text NOT NULL,
	`on_date` text NOT NULL,
	`actor` text NOT NULL,
	`note` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "grant_transitions_on" CHECK(on_date IS NULL OR (length(on_date) = 10 AND date(on_date) = on_date))
);
--> statement-breakpoint
CREATE INDEX `grant_transitions_grant` ON `grant_transitions` (`grant_id`);--> statement-breakpoint
CREATE TABLE `grant_years` (
	`grant_id` integer NOT NULL,
	`year` integer NOT NULL,
	`planned_baten_cents` integer DEFAULT 0 NOT NULL,
	`planned_lasten_cents` integer DEFAULT 0 NOT NULL,
	`realised_baten_cents` integer DEFAULT 0 NOT NULL,
	`realised_lasten_cents` integer DEFAULT 0 NOT NULL,
	`structural_lasten_cents` integer DEFAULT 0 NOT NULL,
	`cofinancing_planned_cents` integer DEFAULT 0 NOT NULL,
	`cofinancing_realised_cents` integer DEFAULT 0 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`grant_id`, `year`),
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "grant_years_year_range" CHECK("grant_years"."year" BETWEEN 1990 AND 2100),
	CONSTRAINT "grant_years_planned" CHECK((planned_baten_cents BETWEEN 0 AND 1000000000000000) AND (planned_lasten_cents BETWEEN 0 AND 1000000000000000) AND (structural_lasten_cents BETWEEN 0 AND 1000000000000000) AND (cofinancing_planned_cents BETWEEN 0 AND 1000000000000000)),
	CONSTRAINT "grant_years_realised" CHECK((realised_baten_cents BETWEEN -1000000000000000 AND 1000000000000000) AND (realised_lasten_cents BETWEEN -1000000000000000 AND 1000000000000000) AND (cofinancing_realised_cents BETWEEN -1000000000000000 AND 1000000000000000))
);
--> statement-breakpoint
CREATE INDEX `grant_years_year` ON `grant_years` (`year`);--> statement-breakpoint
CREATE TABLE `grants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`scheme_id` integer NOT NULL,
	`reference` text,
	`title` text NOT NULL,
	`owner` text,
	`department` text,
	`status` text DEFAULT 'verkenning' NOT NULL,
	`beschikkingsnummer` text,
	`requested_cents` integer,
	`awarded_cents` integer,
	`bcf_cents` integer DEFAULT 0 NOT NULL,
	`period_from` text,
	`period_to` text,
	`spend_until` text,
	`probability_pct` integer,
	`taakveld` text,
	`kostenplaats` text,
	`begrotingspost` text,
	`programma` text,
	`payment_route` text,
	`nature` text DEFAULT 'incidenteel' NOT NULL,
	`nature_reason` text,
	`cofinancing_basis` text,
	`cofinancing_bp` integer,
	`cofinancing_fixed_cents` integer,
	`applied_on` text,
	`awarded_on` text,
	`established_on` text,
	`closed_on` text,
	`final_account_year` integer,
	`on_verantwoordingslijst` integer DEFAULT false NOT NULL,
	`notes` text,
	`archived_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`scheme_id`) REFERENCES `schemes`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "grants_money" CHECK(coalesce(requested_cents,0) BETWEEN 0 AND 1000000000000000 AND coalesce(awarded_cents,0) BETWEEN 0 AND 1000000000000000 AND bcf_cents BETWEEN 0 AND 1000000000000000 AND coalesce(cofinancing_fixed_cents,0) BETWEEN 0 AND 1000000000000000),
	CONSTRAINT "grants_bcf_le_award" CHECK("grants"."awarded_cents" IS NULL OR "grants"."bcf_cents" <= "grants"."awarded_cents"),
	CONSTRAINT "grants_period" CHECK("grants"."period_from" IS NULL OR "grants"."period_to" IS NULL OR "grants"."period_to" >= "grants"."period_from"),
	CONSTRAINT "grants_probability" CHECK("grants"."probability_pct" IS NULL OR "grants"."probability_pct" BETWEEN 0 AND 100),
	CONSTRAINT "grants_cofin_bp" CHECK(coalesce("grants"."cofinancing_bp", 0) BETWEEN 0 AND 100000),
	CONSTRAINT "grants_dates" CHECK((period_from IS NULL OR date(period_from) = period_from) AND (period_to IS NULL OR date(period_to) = period_to) AND (spend_until IS NULL OR date(spend_until) = spend_until) AND (applied_on IS NULL OR date(applied_on) = applied_on) AND (awarded_on IS NULL OR date(awarded_on) = awarded_on) AND (established_on IS NULL OR date(established_on) = established_on) AND (closed_on IS NULL OR date(closed_on) = closed_on))
);
--> statement-breakpoint
CREATE INDEX `grants_org` ON `grants` (`organisation_id`,`status`);--> statement-breakpoint
CREATE INDEX `grants_scheme` ON `grants` (`scheme_id`);--> statement-breakpoint
CREATE INDEX `grants_beschikking` ON `grants` (`beschikkingsnummer`);--> statement-breakpoint
CREATE UNIQUE INDEX `grants_org_reference` ON `grants` (`organisation_id`,`reference`);--> statement-breakpoint
CREATE TABLE `holidays` (
	`date` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	CONSTRAINT "holidays_date" CHECK(date IS NULL OR (length(date) = 10 AND date(date) = date))
);
--> statement-breakpoint
CREATE TABLE `import_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`format` text NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`organisation_id` integer,
	`year` integer,
	`actor` text NOT NULL,
	`source` text NOT NULL,
	`created` integer DEFAULT 0 NOT NULL,
	`updated` integer DEFAULT 0 NOT NULL,
	`unchanged` integer DEFAULT 0 NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `organisation_members` (
	`group_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	PRIMARY KEY(`group_id`, `member_id`),
	FOREIGN KEY (`group_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`archived_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_code_unique` ON `organisations` (`code`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`grant_id` integer NOT NULL,
	`kind` text NOT NULL,
	`paid_on` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`reference` text,
	`note` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "payments_cents" CHECK(amount_cents > 0 AND amount_cents <= 1000000000000000),
	CONSTRAINT "payments_date" CHECK(paid_on IS NULL OR (length(paid_on) = 10 AND date(paid_on) = paid_on))
);
--> statement-breakpoint
CREATE INDEX `payments_grant` ON `payments` (`grant_id`);--> statement-breakpoint
CREATE TABLE `reform_assumptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scenario` text DEFAULT 'spuk-reform' NOT NULL,
	`scheme_id` integer NOT NULL,
	`from_year` integer NOT NULL,
	`treatment` text NOT NULL,
	`cut_bp` integer DEFAULT 0 NOT NULL,
	`note` text,
	FOREIGN KEY (`scheme_id`) REFERENCES `schemes`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "reform_assumptions_cut" CHECK("reform_assumptions"."cut_bp" BETWEEN 0 AND 10000)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reform_assumptions_scheme` ON `reform_assumptions` (`scenario`,`scheme_id`);--> statement-breakpoint
CREATE TABLE `scheme_national_amounts` (
	`scheme_id` integer NOT NULL,
	`year` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`source` text,
	PRIMARY KEY(`scheme_id`, `year`),
	FOREIGN KEY (`scheme_id`) REFERENCES `schemes`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "scheme_national_amounts_cents" CHECK(amount_cents >= 0 AND amount_cents <= 1000000000000000)
);
--> statement-breakpoint
CREATE TABLE `scheme_spend_deadlines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scheme_id` integer NOT NULL,
	`spend_until` text NOT NULL,
	`decided_on` text,
	`note` text,
	FOREIGN KEY (`scheme_id`) REFERENCES `schemes`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "scheme_spend_deadlines_iso" CHECK(spend_until IS NULL OR (length(spend_until) = 10 AND date(spend_until) = spend_until))
);
--> statement-breakpoint
CREATE TABLE `scheme_windows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scheme_id` integer NOT NULL,
	`tranche` text NOT NULL,
	`opens_on` text,
	`closes_on` text,
	`closes_at_time` text,
	`allocation` text,
	`budget_cents` integer,
	`note` text,
	FOREIGN KEY (`scheme_id`) REFERENCES `schemes`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "scheme_windows_dates" CHECK(("scheme_windows"."opens_on" IS NULL OR "scheme_windows"."closes_on" IS NULL OR "scheme_windows"."closes_on" >= "scheme_windows"."opens_on")),
	CONSTRAINT "scheme_windows_iso" CHECK((opens_on IS NULL OR date(opens_on) = opens_on) AND (closes_on IS NULL OR date(closes_on) = closes_on)),
	CONSTRAINT "scheme_windows_budget" CHECK(coalesce(budget_cents, 0) >= 0 AND coalesce(budget_cents, 0) <= 1000000000000000)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scheme_windows_tranche` ON `scheme_windows` (`scheme_id`,`tranche`);--> statement-breakpoint
CREATE TABLE `schemes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`sisa_code` text,
	`name` text NOT NULL,
	`ministry` text NOT NULL,
	`instrument` text DEFAULT 'spuk' NOT NULL,
	`legal_basis` text,
	`executor` text,
	`recipients` text,
	`begrotingsartikel` text,
	`nature` text DEFAULT 'incidenteel' NOT NULL,
	`start_year` integer,
	`end_year` integer,
	`spend_until` text,
	`cofinancing_bp` integer,
	`cofinancing_basis` text,
	`cofinancing_fixed_cents` integer,
	`rijks_share_bp` integer,
	`carry_over_bp` integer,
	`sisa_required` integer DEFAULT true NOT NULL,
	`planned` integer DEFAULT false NOT NULL,
	`default_taakveld` text,
	`url` text,
	`notes` text,
	`provenance` text DEFAULT 'bundled' NOT NULL,
	`extra` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "schemes_years" CHECK("schemes"."end_year" IS NULL OR "schemes"."start_year" IS NULL OR "schemes"."end_year" >= "schemes"."start_year"),
	CONSTRAINT "schemes_bp" CHECK(coalesce("schemes"."cofinancing_bp", 0) BETWEEN 0 AND 100000 AND coalesce("schemes"."rijks_share_bp", 0) BETWEEN 0 AND 10000 AND coalesce("schemes"."carry_over_bp", 0) BETWEEN 0 AND 10000),
	CONSTRAINT "schemes_cofin_fixed" CHECK(coalesce(cofinancing_fixed_cents, 0) >= 0 AND coalesce(cofinancing_fixed_cents, 0) <= 1000000000000000),
	CONSTRAINT "schemes_spend_until" CHECK(spend_until IS NULL OR (length(spend_until) = 10 AND date(spend_until) = spend_until))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `schemes_code_unique` ON `schemes` (`code`);--> statement-breakpoint
CREATE INDEX `schemes_sisa_code` ON `schemes` (`sisa_code`);--> statement-breakpoint
CREATE INDEX `schemes_ministry` ON `schemes` (`ministry`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`source` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sisa_fouten_onzekerheden` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`sisa_year` integer NOT NULL,
	`sisa_code` text NOT NULL,
	`indicator_number` text,
	`fout_cents` integer DEFAULT 0 NOT NULL,
	`onzekerheid_cents` integer DEFAULT 0 NOT NULL,
	`toelichting` text,
	`updated_by` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "sisa_fo_cents" CHECK(fout_cents BETWEEN 0 AND 1000000000000000 AND onzekerheid_cents BETWEEN 0 AND 1000000000000000)
);
--> statement-breakpoint
CREATE TABLE `sisa_indicators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`regeling_id` integer NOT NULL,
	`sisa_year` integer NOT NULL,
	`format_date` text NOT NULL,
	`sisa_code` text NOT NULL,
	`number` text NOT NULL,
	`label` text NOT NULL,
	`data_type` text NOT NULL,
	`aard_controle` text NOT NULL,
	`row_dimension` text DEFAULT 'none' NOT NULL,
	`formula` text,
	`prefill` text,
	`mandatory` integer DEFAULT true NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`regeling_id`) REFERENCES `sisa_regelingen`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sisa_indicators_key` ON `sisa_indicators` (`sisa_year`,`format_date`,`sisa_code`,`number`);--> statement-breakpoint
CREATE TABLE `sisa_regelingen` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sisa_year` integer NOT NULL,
	`format_date` text NOT NULL,
	`sisa_code` text NOT NULL,
	`verstrekker` text NOT NULL,
	`name` text NOT NULL,
	`legal_basis` text,
	`ontvanger` text DEFAULT 'Gemeenten' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sisa_regelingen_key` ON `sisa_regelingen` (`sisa_year`,`format_date`,`sisa_code`);--> statement-breakpoint
CREATE TABLE `sisa_values` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`grant_id` integer NOT NULL,
	`sisa_year` integer NOT NULL,
	`indicator_id` integer NOT NULL,
	`row_no` integer DEFAULT 0 NOT NULL,
	`value_cents` integer,
	`value_bool` integer,
	`value_text` text,
	`source` text DEFAULT 'manual' NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`indicator_id`) REFERENCES `sisa_indicators`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "sisa_values_cents" CHECK(coalesce(value_cents, 0) >= -1000000000000000 AND coalesce(value_cents, 0) <= 1000000000000000)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sisa_values_key` ON `sisa_values` (`grant_id`,`sisa_year`,`indicator_id`,`row_no`);--> statement-breakpoint
CREATE TABLE `taakvelden` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`iv3_from` integer NOT NULL,
	`iv3_to` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `taakvelden_code_from` ON `taakvelden` (`code`,`iv3_from`);--> statement-breakpoint
CREATE TABLE `user_roles` (
	`user_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`user_id`, `organisation_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`is_admin` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`disabled_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `verantwoordingslijst` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`sisa_year` integer NOT NULL,
	`scheme_id` integer NOT NULL,
	`grant_id` integer,
	`verstrekker` text,
	`sisa_code` text,
	`regeling` text NOT NULL,
	`beschikkingsnummer` text,
	`amount_cents` integer,
	`opmerking` text,
	`batch_id` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`scheme_id`) REFERENCES `schemes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "verantwoordingslijst_cents" CHECK(coalesce(amount_cents, 0) >= 0 AND coalesce(amount_cents, 0) <= 1000000000000000)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `verantwoordingslijst_key` ON `verantwoordingslijst` (`organisation_id`,`sisa_year`,`scheme_id`,`beschikkingsnummer`);