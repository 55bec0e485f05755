// title: Plans formulated with support
// description: Plans, strategies and master plans, who formulated them, and who else
//   supported them (with the mode of support, such as planning or advice, and its year).
// parameters: none
// example: c2ckg cypher --name plans-with-support
MATCH (f)-[:FORMULATED]->(p:Plan|Agreement)<-[r:SUPPORTS]-(s)
WHERE s <> f
RETURN DISTINCT p.name AS plan, f.name AS formulated_by, s.name AS supported_by, r.kind AS mode, r.year AS year
ORDER BY plan, formulated_by, supported_by, mode
