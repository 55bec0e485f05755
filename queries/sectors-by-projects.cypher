// title: Sectors by number of projects
// description: The sectors (water supply, waste management, energy...) that projects
//   address, with the number of projects addressing each, most first.
// parameters: none
// example: c2ckg cypher --name sectors-by-projects
MATCH (p:Project)-[:ADDRESSES]->(s:Sector)
RETURN s.name AS sector, count(DISTINCT p) AS projects
ORDER BY projects DESC, sector
