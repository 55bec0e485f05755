// title: Who supports an entity, and how
// description: The cities and organisations that support a city, organisation, project or
//   plan: experts, trainees, training, advice, technical cooperation... with the year.
// parameters: entity (entity)
// example: c2ckg cypher --name supporters-of --param entity=Mandalay
MATCH (s)-[r:SUPPORTS]->(e {id: $entity})
RETURN DISTINCT s.name AS supporter, r.kind AS mode, r.year AS year
ORDER BY supporter, year, mode
