// title: City-to-city partnerships
// description: Every formal partnership between two cities, with its kind and year, as
//   stated (subject city first).
// parameters: none
// example: c2ckg cypher --name city-partnerships --format markdown
MATCH (a:City)-[r:PARTNER_OF]->(b:City)
RETURN DISTINCT a.name AS city, b.name AS partner, r.kind AS kind, r.year AS year
ORDER BY city, partner, year, kind
