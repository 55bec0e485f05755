// title: Quantities about an entity
// description: Every number the documents report about one entity (non-revenue water in
//   Phnom Penh, households composting in Surabaya...), with unit, year and qualifier.
// parameters: entity (entity)
// example: c2ckg cypher --name quantities-about --param entity="Phnom Penh"
MATCH (m:Measurement)-[:ABOUT]->(e {id: $entity})
RETURN m.quantity AS quantity, m.value AS value, m.unit AS unit, m.year AS year, m.qualifier AS qualifier
ORDER BY quantity, year, value
