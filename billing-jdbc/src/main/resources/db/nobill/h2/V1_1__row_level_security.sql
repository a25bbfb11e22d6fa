-- H2 has no row-level security; this script keeps the migration history the same shape on
-- both databases. Structural scoping (repositories bound to one organization) is the wall.
SELECT 1;
