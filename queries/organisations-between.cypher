// title: Organisations between two cities
// description: The organisations (bureaus, agencies, companies, NGOs, institutes, networks)
//   that have a relation with both of two cities, and which relation each way.
//   Edges without a relation node (country and location facts of the catalog) are left out.
// parameters: a (entity), b (entity)
// example: c2ckg cypher --name organisations-between --param a=Kitakyushu --param b="Phnom Penh"
MATCH (a {id: $a})-[r1]-(x:LocalGovernment|NationalGovernmentBody|InternationalOrganisation|ResearchInstitute|University|Company|NGO|CityNetwork)-[r2]-(b {id: $b})
WHERE r1.relation IS NOT NULL AND r2.relation IS NOT NULL
RETURN DISTINCT x.name AS organisation, x.class AS class, r1.prop AS relation_a, r2.prop AS relation_b
