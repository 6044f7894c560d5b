// name: get-relationship-sources
// description: The source ids of relationships (stakes, memberships …) by id, so that computed answers can cite them.
// param ids: string[] — Ids of the relationships
// mode: read
// returns: id: string, sources: string[]
// used by: MCP look_through and controller tools
MATCH ()-[r]->() WHERE r.id IN $ids
RETURN r.id AS id, coalesce(r.sources, []) AS sources
ORDER BY id
