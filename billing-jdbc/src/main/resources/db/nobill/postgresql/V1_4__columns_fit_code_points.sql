-- PostgreSQL's varchar(n) counts code points, as the core's text policy does, so every column
-- already fits its limit; H2's V1_4 widens the columns H2 measures in UTF-16 units. This script
-- keeps the migration history the same shape on both databases.
SELECT 1;
