-- reports area: holidays carry the law or decree they come from; Eerste Paasdag and Eerste Pinksterdag are
-- Sundays, not Atw art. 3 days, so the computed rows for them go (days a beheerder added stay).
ALTER TABLE `holidays` ADD `source` text;
--> statement-breakpoint
DELETE FROM `holidays` WHERE `kind` = 'atw' AND `name` IN ('Eerste Paasdag', 'Eerste Pinksterdag');
--> statement-breakpoint
UPDATE `holidays` SET `source` = 'Algemene termijnenwet art. 3 lid 1 en 2 (wetten.overheid.nl)' WHERE `kind` = 'atw';
