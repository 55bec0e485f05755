// title: Actors of a programme
// description: Who implements, takes part in, funds, supports or established a programme
//   (or a project or plan that is part of it), and through which part.
// parameters: programme (entity)
// example: c2ckg cypher --name programme-actors --param programme="Eco-Town Project"
MATCH (a)-[r:IMPLEMENTS|PARTICIPATES_IN|FUNDS|SUPPORTS|ESTABLISHED]->(p {id: $programme})
RETURN DISTINCT a.name AS actor, a.class AS class, r.prop AS role, p.name AS via
UNION
MATCH (a)-[r:IMPLEMENTS|PARTICIPATES_IN|FUNDS|SUPPORTS|ESTABLISHED]->(x)-[:PART_OF]->(p {id: $programme})
RETURN DISTINCT a.name AS actor, a.class AS class, r.prop AS role, x.name AS via
