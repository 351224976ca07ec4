-- Digests are compared byte for byte: COLLATE "C". Under the database's own collation (C.UTF-8 here, en_US.UTF-8 or
-- zh_CN.UTF-8 elsewhere) every comparison in the device key and the one-per-device and one-per-phone indexes went
-- through the C library's strcoll, the largest single cost of finding a vote's place in those indexes. No order of
-- digests means anything, so nothing that reads them changes. Forward-only.
ALTER TABLE scenarios.device ALTER COLUMN digest TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE scenarios.vote ALTER COLUMN device TYPE text COLLATE "C", ALTER COLUMN phone TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE scenarios.phone_code ALTER COLUMN phone TYPE text COLLATE "C";
