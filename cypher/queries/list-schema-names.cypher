// Names and states of the indexes present; constraint-backed indexes share their constraint's name.
SHOW INDEXES YIELD name, state
WHERE name IN $names
RETURN name, state
