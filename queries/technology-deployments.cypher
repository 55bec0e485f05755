// title: Technologies deployed, where and by whom
// description: Every technology or practice and the city, organisation, project or facility
//   that deploys it, with the deployer's class and the year.
// parameters: none
// example: c2ckg cypher --name technology-deployments
MATCH (x)-[r:DEPLOYS]->(t:Technology)
RETURN DISTINCT t.name AS technology, x.name AS deployer, x.class AS class, r.year AS year
ORDER BY technology, deployer, year
