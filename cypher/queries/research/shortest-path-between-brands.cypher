// name: shortest-path-between-brands
// description: The shortest chain of relationships valid on a day between two brands (ties broken by the ids along the path).
// param from: string — Id of the first brand
// param to: string — Id of the second brand
// param asOf: date — The day
// mode: research
// returns: names: any, relationships: any, hops: any
MATCH (a:Brand {id: $from})
MATCH (b:Brand {id: $to})
MATCH p = ALL SHORTEST (a)(()-[r WHERE (r.validFrom IS NULL OR r.validFrom <= date($asOf)) AND (r.validTo IS NULL OR r.validTo > date($asOf))]-()){1,8}(b)
WITH p ORDER BY [n IN nodes(p) | n.id], [r IN relationships(p) | r.id]
LIMIT 1
RETURN [n IN nodes(p) | n.name] AS names, [r IN relationships(p) | type(r)] AS relationships, length(p) AS hops
