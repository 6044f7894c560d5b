// name: get-entity-names
// description: Names in other languages, former names and identifiers of entities, as stored in parallel lists.
// param ids: string[] — Ids of the entities
// mode: read
// returns: id: string, type: string, name: string, aliases: string[], country: string?, description: string?, otherNames: string[], otherNameLanguages: string[], otherNameKinds: string[], otherNameSources: string[], identifierSchemes: string[], identifierValues: string[], identifierExchanges: string[], identifierSources: string[]
// used by: GET /v1/companies/{id}, GET /v1/identifiers/{scheme}/{value}, /v1/reconcile preview, MCP tools
MATCH (n:Entity) WHERE n.id IN $ids
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS type, n.name AS name, coalesce(n.aliases, []) AS aliases,
       n.country AS country, n.description AS description,
       coalesce(n.otherNames, []) AS otherNames, coalesce(n.otherNameLanguages, []) AS otherNameLanguages,
       coalesce(n.otherNameKinds, []) AS otherNameKinds, coalesce(n.otherNameSources, []) AS otherNameSources,
       coalesce(n.identifierSchemes, []) AS identifierSchemes, coalesce(n.identifierValues, []) AS identifierValues,
       coalesce(n.identifierExchanges, []) AS identifierExchanges, coalesce(n.identifierSources, []) AS identifierSources
ORDER BY n.id
