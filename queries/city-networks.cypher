// title: City networks and their members
// description: Every network or alliance of cities (CITYNET, the Kitakyushu Initiative
//   Network, C40...) with its members and the year they joined, when stated.
// parameters: none
// example: c2ckg cypher --name city-networks
MATCH (m)-[r:MEMBER_OF]->(n:CityNetwork)
RETURN DISTINCT n.name AS network, m.name AS member, m.class AS class, r.year AS year
ORDER BY network, member, year
