// name: get-server-components
// description: The server's product name, version and edition, for the readiness answer.
// mode: read
// returns: name: string, version: string, edition: string
// used by: GET /health/ready
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions[0] AS version, edition
