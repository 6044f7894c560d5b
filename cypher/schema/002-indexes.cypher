// Full-text search over names and aliases (aliases is a list of strings).
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases];
// Trusts' stakes are looked up by their economic beneficiary in look-through ownership.
CREATE INDEX stake_economic_beneficiary IF NOT EXISTS FOR ()-[s:HOLDS_STAKE]-() ON (s.economicBeneficiary);
// A statement's retracted versions are looked up by its id (stakes-known-at, for every stake).
CREATE INDEX retracted_statement IF NOT EXISTS FOR (r:Retracted) ON (r.statementId);
// GET /v1/changes starts from the stakes that began or ended in its window: a range seek on either day, where a
// scan of every stake's days took 13M db hits on a million stakes for a one-month window.
CREATE INDEX stake_valid_from IF NOT EXISTS FOR ()-[s:HOLDS_STAKE]-() ON (s.validFrom);
CREATE INDEX stake_valid_to IF NOT EXISTS FOR ()-[s:HOLDS_STAKE]-() ON (s.validTo);
// A claim's sources and quotes are looked up by relationship id (include=sources, the MCP look-through's citations).
// An index is per relationship type, so one per type: without them each lookup scanned every relationship, 300 ms
// on a million stakes. The queries that use them name every type (checked by test/integration/db/relationship-ids.test.ts).
CREATE INDEX rel_id_member_of IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.id);
CREATE INDEX rel_id_holds_stake IF NOT EXISTS FOR ()-[r:HOLDS_STAKE]-() ON (r.id);
CREATE INDEX rel_id_holds_role IF NOT EXISTS FOR ()-[r:HOLDS_ROLE]-() ON (r.id);
CREATE INDEX rel_id_owns_brand IF NOT EXISTS FOR ()-[r:OWNS_BRAND]-() ON (r.id);
CREATE INDEX rel_id_renamed_to IF NOT EXISTS FOR ()-[r:RENAMED_TO]-() ON (r.id);
CREATE INDEX rel_id_has_plan IF NOT EXISTS FOR ()-[r:HAS_PLAN]-() ON (r.id);
CREATE INDEX rel_id_has_target IF NOT EXISTS FOR ()-[r:HAS_TARGET]-() ON (r.id);
CREATE INDEX rel_id_uses_platform IF NOT EXISTS FOR ()-[r:USES_PLATFORM]-() ON (r.id);
CREATE INDEX rel_id_concerns IF NOT EXISTS FOR ()-[r:CONCERNS]-() ON (r.id);
CREATE INDEX rel_id_focuses_on IF NOT EXISTS FOR ()-[r:FOCUSES_ON]-() ON (r.id);
CREATE INDEX rel_id_develops IF NOT EXISTS FOR ()-[r:DEVELOPS]-() ON (r.id);
CREATE INDEX rel_id_has_observation IF NOT EXISTS FOR ()-[r:HAS_OBSERVATION]-() ON (r.id);
CREATE INDEX rel_id_involves IF NOT EXISTS FOR ()-[r:INVOLVES]-() ON (r.id);
