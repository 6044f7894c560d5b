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
