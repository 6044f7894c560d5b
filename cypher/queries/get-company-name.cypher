// name: get-company-name
// description: A company's id and name, to tell an unknown company (404) from one without stakes.
// param id: string — Id of the entity
// mode: read
// returns: id: string, name: string
// used by: GET /v1/ownership/effective, GET /v1/ownership/controller
MATCH (c:Company {id: $id})
RETURN c.id AS id, c.name AS name
