// title: What happened in a year or period
// description: Every relation dated within a period (agreements signed, projects funded,
//   visits, awards, technologies introduced...), by year. For one year give it twice.
// parameters: from (year), to (year)
// example: c2ckg cypher --name events-in-period --param from=2016 --param to=2017
MATCH (s)<-[:SUBJECT]-(r:Relation)-[:OBJECT]->(o)
WHERE r.year >= $from AND r.year <= $to
RETURN DISTINCT r.year AS year, s.name AS subject, r.prop AS relation, o.name AS object
ORDER BY year, subject, relation, object
