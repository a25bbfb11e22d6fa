-- Columns beside the organization's body for the operators' search (Organizations.search) and
-- for the store-wide uniqueness of the host's external reference. The body stays the record;
-- these only answer queries, and the store writes them with every insert and update.
--
-- external_ref: unique across the store, so a host finds its tenant by its own id. NULL (most
-- organizations provisioned before this version) is never a duplicate. This index is a platform
-- index, not led by org_id, like nobill_membership_user: it is read across tenants by design.
-- Up to 255 code points, so 510 UTF-16 units on H2 (see V1_4).
ALTER TABLE nobill_organization ADD COLUMN external_ref VARCHAR(510);
CREATE UNIQUE INDEX nobill_organization_external_ref ON nobill_organization (external_ref);

-- country: the ISO 3166-1 code, filled here from the bodies written before; search by country
-- walks this index in org_id order, so a page stops after `limit` matches.
ALTER TABLE nobill_organization ADD COLUMN country CHAR(2);
UPDATE nobill_organization SET country = REGEXP_SUBSTR(body, '"country":"([A-Z]{2})"', 1, 1, '', 1);
CREATE INDEX nobill_organization_country ON nobill_organization (country, org_id);
