// name: list-schema-names
// description: Names and states of the indexes present; constraint-backed indexes share their constraint's name.
// param names: string[] — Constraint and index names
// mode: read
// returns: name: string, state: string
// used by: GET /health/ready
SHOW INDEXES YIELD name, state
WHERE name IN $names
RETURN name, state
