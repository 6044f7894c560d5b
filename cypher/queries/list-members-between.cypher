// name: list-members-between
// description: The companies that are members of an alliance on $before or on $after.
// param after: date — The later day
// param before: date — The earlier day
// mode: read
// returns: id: string
// used by: GET /v1/changes
MATCH (c:Company)-[r:MEMBER_OF]->(:Alliance)
WHERE any(d IN [date($before), date($after)] WHERE (r.validFrom IS NULL OR r.validFrom <= d) AND (r.validTo IS NULL OR r.validTo > d))
RETURN DISTINCT c.id AS id
ORDER BY id
