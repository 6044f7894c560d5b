// name: headcount-claims
// description: Every reported headcount of every alliance, side by side with its precision, date and sources.
// mode: research
// returns: alliance: any, employees: any, precision: any, observedOn: any, sources: any
MATCH (a:Alliance)-[:HAS_OBSERVATION]->(o:Observation {kind: 'headcount'})
RETURN a.name AS alliance, o.value AS employees, o.precision AS precision, o.observedOn AS observedOn, o.sources AS sources
ORDER BY alliance, observedOn IS NULL, observedOn
