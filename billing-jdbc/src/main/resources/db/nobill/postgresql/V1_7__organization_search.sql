-- Columns beside the organization's body for the operators' search (Organizations.search) and
-- for the store-wide uniqueness of the host's external reference. The body stays the record;
-- these only answer queries, and the store writes them with every insert and update.
--
-- external_ref: unique across the store, so a host finds its tenant by its own id. NULL (most
-- organizations provisioned before this version) is never a duplicate. This index is a platform
-- index, not led by org_id, like nobill_membership_user: it is read across tenants by design.
-- A duplicate is refused whatever row-level security hides: uniqueness is checked on the index.
ALTER TABLE nobill_organization ADD COLUMN external_ref VARCHAR(255);
CREATE UNIQUE INDEX nobill_organization_external_ref ON nobill_organization (external_ref);

-- country: the ISO 3166-1 code, filled here from the bodies written before; search by country
-- walks this index in org_id order, so a page stops after `limit` matches.
ALTER TABLE nobill_organization ADD COLUMN country CHAR(2);
CREATE INDEX nobill_organization_country ON nobill_organization (country, org_id);

-- The backfill reads every organization in the platform scope and writes each one in its own
-- tenant scope, as the write policy demands; both settings last for this transaction only.
SELECT set_config('nobill.scope', 'platform', true);
DO $$
DECLARE
  o UUID;
BEGIN
  FOR o IN SELECT org_id FROM nobill_organization LOOP
    PERFORM set_config('nobill.org_id', o::text, true);
    UPDATE nobill_organization SET country = (body::jsonb) ->> 'country' WHERE org_id = o;
  END LOOP;
  PERFORM set_config('nobill.org_id', '', true);
END
$$;
SELECT set_config('nobill.scope', '', true);
