// A company's id and name, to tell an unknown company (404) from one without stakes.
MATCH (c:Company {id: $id})
RETURN c.id AS id, c.name AS name
