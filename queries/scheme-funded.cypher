// title: What a funding scheme funded
// description: The projects, programmes, facilities, plans and actors that a funding scheme
//   (or any funder) funds, with their class and the year.
// parameters: scheme (entity)
// example: c2ckg cypher --name scheme-funded --param scheme=JCM
MATCH (s {id: $scheme})-[r:FUNDS]->(x)
RETURN DISTINCT x.name AS funded, x.class AS class, r.year AS year
ORDER BY funded, year
