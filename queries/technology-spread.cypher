// title: How a technology or practice spread
// description: Who developed a technology or practice (U-BCF, the Takakura composting method,
//   the Phnom Penh Water Miracle...), where it was introduced and spread to, and who
//   deploys it, in order of year.
// parameters: technology (entity)
// example: c2ckg cypher --name technology-spread --param technology=U-BCF
MATCH (t {id: $technology})-[r:DEVELOPED_BY|INTRODUCED_IN|SPREAD_TO]->(o)
RETURN DISTINCT r.prop AS step, o.name AS other, o.class AS class, r.year AS year
UNION
MATCH (t {id: $technology})<-[r:DEPLOYS]-(o)
RETURN DISTINCT r.prop AS step, o.name AS other, o.class AS class, r.year AS year
