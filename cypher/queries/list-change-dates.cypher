// name: list-change-dates
// description: Every distinct date stored on a node or relationship (validFrom, validTo, occurredOn, observedOn, …), ascending, with the dataset version read in the same transaction. Dated answers compare asOf only with stored dates, so every day between two of these dates gets the same answer.
// mode: read
// returns: version: string?, dates: string[]
// used by: the response cache (time epochs)
CALL () {
  MATCH (n)
  UNWIND keys(n) AS k
  WITH n[k] AS v
  UNWIND CASE WHEN v IS :: LIST<ANY> THEN v ELSE [v] END AS d
  WITH d WHERE d IS :: DATE
  RETURN d
  UNION
  MATCH ()-[r]->()
  UNWIND keys(r) AS k
  WITH r[k] AS v
  UNWIND CASE WHEN v IS :: LIST<ANY> THEN v ELSE [v] END AS d
  WITH d WHERE d IS :: DATE
  RETURN d
}
WITH d ORDER BY d
WITH collect(toString(d)) AS dates
OPTIONAL MATCH (s:Dataset {id: 'current'})
RETURN s.version AS version, dates
