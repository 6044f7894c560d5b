// name: brands-by-owner-country
// description: How many brands the companies of each country own on a day, and which.
// param asOf: date — The day
// mode: research
// returns: country: any, brands: any, names: any
MATCH (c:Company)-[o:OWNS_BRAND]->(b:Brand)
WHERE (o.validFrom IS NULL OR o.validFrom <= date($asOf)) AND (o.validTo IS NULL OR o.validTo > date($asOf))
WITH c.country AS country, b ORDER BY b.name
RETURN country, count(b) AS brands, collect(b.name) AS names
ORDER BY country
