// title: Evidence for an edge
// description: The documents and sentences, with character offsets, that state the relations
//   between two entities (in either direction).
// parameters: a (entity), b (entity)
// example: c2ckg cypher --name edge-evidence --param a=res:kitakyushu --param b=res:phnom-penh
MATCH (s {id: $a})<-[:SUBJECT]-(r:Relation)-[:OBJECT]->(o {id: $b})
MATCH (r)-[:WAS_DERIVED_FROM]->(e:Evidence)
RETURN s.id AS subject, r.prop AS predicate, o.id AS object, r.year AS year, e.document AS document, e.start AS start, e.`end` AS `end`, e.sentence AS sentence
UNION ALL
MATCH (s {id: $b})<-[:SUBJECT]-(r:Relation)-[:OBJECT]->(o {id: $a})
MATCH (r)-[:WAS_DERIVED_FROM]->(e:Evidence)
RETURN s.id AS subject, r.prop AS predicate, o.id AS object, r.year AS year, e.document AS document, e.start AS start, e.`end` AS `end`, e.sentence AS sentence
