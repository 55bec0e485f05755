// title: Partners of a city
// description: The formal partnerships of a city (or any actor): sister city, friendship,
//   MOU, letter of intent... stated in either direction, with their kind and year.
// parameters: city (entity)
// example: c2ckg cypher --name partners-of --param city=Kitakyushu
MATCH (c {id: $city})-[r:PARTNER_OF]-(p)
RETURN DISTINCT p.name AS partner, r.kind AS kind, r.year AS year
