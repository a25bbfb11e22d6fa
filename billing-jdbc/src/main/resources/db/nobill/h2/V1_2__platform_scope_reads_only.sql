-- H2 has no row-level security; this script keeps the migration history the same shape on
-- both databases (see the PostgreSQL script of the same version).
SELECT 1;
