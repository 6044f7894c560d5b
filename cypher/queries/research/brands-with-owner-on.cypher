// name: brands-with-owner-on
// description: The brands an alliance's members own on a day, each with its owner.
// param alliance: string — Id of the alliance
// param asOf: date — The day
// mode: research
// returns: brand: any, owner: any, via: any, sources: any
MATCH (c:Company)-[m:MEMBER_OF]->(:Alliance {id: $alliance})
WHERE (m.validFrom IS NULL OR m.validFrom <= date($asOf)) AND (m.validTo IS NULL OR m.validTo > date($asOf))
MATCH (c)-[o:OWNS_BRAND]->(b:Brand)
WHERE (o.validFrom IS NULL OR o.validFrom <= date($asOf)) AND (o.validTo IS NULL OR o.validTo > date($asOf))
RETURN b.name AS brand, c.name AS owner, o.via AS via, o.sources AS sources
ORDER BY brand, owner
