"""The ontology's terms as Python names, and the namespaces the project binds.

``C2C`` mirrors ``ontology/c2c.ttl``: a typo such as ``C2C.partnerof`` raises instead of
minting a new IRI. ``tests/ontology/test_terms.py`` checks that the two declare the same
set of terms.

>>> C2C.partnerOf.n3(NAMESPACES_MANAGER)
'c2c:partnerOf'
>>> RES["kitakyushu"].n3(NAMESPACES_MANAGER)
'res:kitakyushu'
"""
from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/c2c-kg/ontology"
RESOURCE_IRI = "https://w3id.org/c2c-kg/resource/"


class C2C(DefinedNamespace):
    """Terms of the c2c-kg ontology (``ontology/c2c.ttl``)."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # classes
    Agent: URIRef
    Agreement: URIRef
    Award: URIRef
    City: URIRef
    CityNetwork: URIRef
    Company: URIRef
    Country: URIRef
    Event: URIRef
    Evidence: URIRef
    Facility: URIRef
    FundingScheme: URIRef
    InfluenceDirection: URIRef
    Initiative: URIRef
    InternationalOrganisation: URIRef
    LocalGovernment: URIRef
    Measurement: URIRef
    NGO: URIRef
    NationalGovernmentBody: URIRef
    Organisation: URIRef
    PartnershipKind: URIRef
    Person: URIRef
    Place: URIRef
    Plan: URIRef
    Programme: URIRef
    Project: URIRef
    Region: URIRef
    Relation: URIRef
    ResearchInstitute: URIRef
    Sector: URIRef
    SourceDocument: URIRef
    SupportMode: URIRef
    Technology: URIRef
    University: URIRef

    # object properties
    about: URIRef
    addresses: URIRef
    affiliatedWith: URIRef
    awardedBy: URIRef
    concerns: URIRef
    cooperatesWith: URIRef
    country: URIRef
    deployedBy: URIRef
    deploys: URIRef
    developed: URIRef
    developedBy: URIRef
    document: URIRef
    established: URIRef
    establishedBy: URIRef
    formulated: URIRef
    formulatedBy: URIRef
    fundedBy: URIRef
    funds: URIRef
    hasMember: URIRef
    hasPart: URIRef
    hasParticipant: URIRef
    hostedBy: URIRef
    hosts: URIRef
    implementedBy: URIRef
    implements: URIRef
    introducedIn: URIRef
    locatedIn: URIRef
    memberOf: URIRef
    mentionedIn: URIRef
    operatedBy: URIRef
    operates: URIRef
    partOf: URIRef
    participatesIn: URIRef
    partnerOf: URIRef
    partnershipKind: URIRef
    received: URIRef
    receivedBy: URIRef
    signed: URIRef
    spreadTo: URIRef
    supportMode: URIRef
    supportedBy: URIRef
    supports: URIRef
    visited: URIRef

    # annotation properties
    influence: URIRef

    # datatype properties
    contextEndOffset: URIRef
    contextLocator: URIRef
    contextStartOffset: URIRef
    contextText: URIRef
    confidence: URIRef
    date: URIRef
    endOffset: URIRef
    endYear: URIRef
    extracted: URIRef
    extractionRule: URIRef
    geonamesId: URIRef
    isoCode: URIRef
    locator: URIRef
    qualifier: URIRef
    quantityKind: URIRef
    sentenceText: URIRef
    startOffset: URIRef
    startYear: URIRef
    unit: URIRef
    value: URIRef
    wikidataId: URIRef
    year: URIRef

    # controlled values
    BothWays: URIRef
    NoInfluence: URIRef
    ObjectToSubject: URIRef
    SubjectToObject: URIRef
    Advice: URIRef
    CapacityBuilding: URIRef
    CooperationAgreement: URIRef
    EnvironmentalSisterCity: URIRef
    Equipment: URIRef
    Experts: URIRef
    Friendship: URIRef
    FriendshipAndCooperation: URIRef
    JointDeclaration: URIRef
    LetterOfIntent: URIRef
    MOU: URIRef
    Planning: URIRef
    SisterCity: URIRef
    StrategicPartnership: URIRef
    Survey: URIRef
    TechnicalCooperation: URIRef
    Trainees: URIRef
    Training: URIRef


RES = Namespace(RESOURCE_IRI)
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
GEONAMES = Namespace("https://sws.geonames.org/")
WIKIDATA = Namespace("http://www.wikidata.org/entity/")

NAMESPACES: dict[str, Namespace] = {
    "c2c": Namespace(ONTOLOGY_IRI + "#"),
    "res": RES,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "skos": Namespace(str(SKOS)),
    "prov": Namespace(str(PROV)),
    "dcterms": Namespace(str(DCTERMS)),
    "org": ORG,
    "schema": SCHEMA,
    "foaf": FOAF,
    "gn": GEONAMES,
    "wd": WIKIDATA,
}


def bind_namespaces(graph: Graph) -> Graph:
    """Bind the project's prefixes on ``graph`` (replacing rdflib's defaults) and return it."""
    for prefix, ns in NAMESPACES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


NAMESPACES_MANAGER = bind_namespaces(Graph(bind_namespaces="none")).namespace_manager
