// title: Awards and who received them
// description: Every award, prize or title (Environmental Model City, Lee Kuan Yew World City
//   Prize...) and the city, organisation or project that received it, with the year.
// parameters: none
// example: c2ckg cypher --name awards
MATCH (r)-[rel:RECEIVED]->(a:Award)
RETURN DISTINCT a.name AS award, r.name AS recipient, rel.year AS year
ORDER BY award, recipient, year
