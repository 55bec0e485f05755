// title: Quantities reported in a unit
// description: Every number the documents report in one unit (households, trainees,
//   percent, experts, tonnes-per-day...), with what it describes, its year and qualifier.
// parameters: unit (text)
// example: c2ckg cypher --name quantities --param unit=households
MATCH (m:Measurement)-[:ABOUT]->(e)
WHERE m.unit = $unit
RETURN e.name AS entity, m.quantity AS quantity, m.value AS value, m.year AS year, m.qualifier AS qualifier
ORDER BY entity, quantity, year, value
