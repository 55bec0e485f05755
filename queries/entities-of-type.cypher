// title: Entities of a type
// description: Every entity of one ontology class (City, Technology, FundingScheme, NGO...),
//   with its name.
// parameters: type (class)
// example: c2ckg cypher --name entities-of-type --param type=Technology
MATCH (e)
WHERE e.class = $type
RETURN e.id AS entity, e.name AS name
ORDER BY name, entity
