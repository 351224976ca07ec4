-- A rate limit's key (route and address) is compared byte for byte: COLLATE "C" spares every hit's index search the
-- C library's strcoll under the database's own collation. Forward-only.
ALTER TABLE platform.rate_limit ALTER COLUMN key TYPE text COLLATE "C";
