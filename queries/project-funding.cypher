// title: Projects and who funded them
// description: Every project with the funding scheme (JCM, ODA loan, grant aid, JICA
//   Partnership Program...) or organisation that funds it, and the year.
// parameters: none
// example: c2ckg cypher --name project-funding --format csv
MATCH (f)-[r:FUNDS]->(p:Project)
RETURN DISTINCT p.name AS project, f.name AS funder, f.class AS class, r.year AS year
ORDER BY project, funder, year
