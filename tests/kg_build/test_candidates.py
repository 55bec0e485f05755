"""New entity candidates proposed from text: acronyms, heads, quoted names, named methods."""
import pytest

from c2ckg.kg_build.candidates import guess_type, propose


def _found(text):
    return {(c.name, c.type, c.rule) for c in propose(text)}


@pytest.mark.parametrize("text,expected", [
    ("The Pearl River Delta Energy Office (PRDEO) opened.", ("Pearl River Delta Energy Office", "LocalGovernment", "acronym")),
    ("Staff of the Overseas Green Cooperation Center, Japan (OGCC) came.", ("Overseas Green Cooperation Center", "ResearchInstitute", "acronym")),
    ("It met Mekong Solar Engineering Co., Ltd. in May.", ("Mekong Solar Engineering Co., Ltd.", "Company", "head")),
    ("A grant from the Lotus Climate Fund helped.", ("Lotus Climate Fund", "FundingScheme", "head")),
    ("Officials of the Ministry of Urban Water attended.", ("Ministry of Urban Water", "NationalGovernmentBody", "head")),
    ("The city joined the “Blue Harbour Partnership” last year.", ("Blue Harbour Partnership", "CityNetwork", "quoted")),
    ("They copied the Fukuoka method for landfills.", ("Fukuoka method", "Technology", "method")),
    ("JICA supported the Hanoi Metro Line project.", ("Hanoi Metro Line", "Project", "named")),
    ("Hue adopted the Sapporo snow melting system.", ("Sapporo snow melting system", "Technology", "method")),
    ("Staff of Sapporo's Snow Energy Bureau came.", ("Snow Energy Bureau", "LocalGovernment", "head")),
    ("Delegates from Lotus Bay Province came.", ("Lotus Bay Province", "Region", "head")),
    ("The Lotus Industrial Estate grew.", ("Lotus Industrial Estate", "Facility", "head")),
    ("Write to the Overseas Relations Division.", ("Overseas Relations Division", "LocalGovernment", "head")),
    ("The city adopted the Clean Harbour Action Plan 2021-2025 last year.", ("Clean Harbour Action Plan 2021-2025", "Plan", "head")),
    ("It is paid by the Green Harbour Programme of the Ministry of Water.", ("Green Harbour Programme", "Programme", "head")),
    ("Both cities are members of the Polar Cities Forum.", ("Polar Cities Forum", "CityNetwork", "head")),
    ("Both cities spoke at the Polar Cities Forum.", ("Polar Cities Forum", "Event", "head")),
    ("It won a prize of the Japan Society of Civil Engineers.", ("Japan Society of Civil Engineers", "NGO", "head")),
    ("Engineers of the Kyoto City Environmental Policy Bureau came.", ("Kyoto City Environmental Policy Bureau", "LocalGovernment", "head")),
    ("Lotus Prefecture and Pearl Province signed it.", ("Lotus Prefecture", "Region", "head")),
    ("Lotus Prefecture and Pearl Province signed it.", ("Pearl Province", "Region", "head")),
    ("It hired Lotus-based Pearl Electric Power Company.", ("Pearl Electric Power Company", "Company", "head")),
    ("The Hanoi People's Committee met.", ("Hanoi People's Committee", "LocalGovernment", "head")),
    ("Lotus joined the Global Covenant of Mayors for Climate & Energy.", ("Global Covenant of Mayors for Climate & Energy", "CityNetwork", "head")),
    ("Power comes from the Lotus Drain pumping station now.", ("Lotus Drain pumping station", "Facility", "named")),
    ("Lotus joined the 100 Resilient Cities programme.", ("100 Resilient Cities", "Programme", "named")),
    ("The Lotus Prefectural Government met the Pearl Provincial Government.", ("Pearl Provincial Government", "LocalGovernment", "head")),
    ("Staff of the Lotus Provincial Administrative Organization came.", ("Lotus Provincial Administrative Organization", "LocalGovernment", "head")),
    ("Officials of Minamata City came.", ("Minamata", "City", "city")),
    ("The ship sailed the Sea of Lotus.", ("Sea of Lotus", "Region", "head")),
    ("Both cities are members of LotusNet.", ("LotusNet", "CityNetwork", "network")),
    ("Pearl Gas piloted heat-only boilers at four schools.", ("heat-only boilers", "Technology", "device")),
    ("A waste heat recovery boiler was installed at the plant.", ("waste heat recovery boiler", "Technology", "device")),
    ("They installed a 400 kW floating solar system on the ponds.", ("floating solar system", "Technology", "device")),
    ("It was copied by the neighbouring cities of Marikina and Pasig.", ("Pasig", "City", "listed")),
    ("It spread to the provinces of Vinh Long and Hau Giang.", ("Hau Giang", "Region", "listed")),
    ("Wetlands around Lake Biwa and Dongting Lake recovered.", ("Lake Biwa", "Region", "head")),
    ("Wetlands around Lake Biwa and Dongting Lake recovered.", ("Dongting Lake", "Region", "head")),
    ("Water flows to Metro Manila.", ("Metro Manila", "Region", "head")),
    ("It was conferred by UN-Water in 2013.", ("UN-Water", "InternationalOrganisation", "head")),
    ("Ask the International Affairs Division of Kumamoto City.", ("International Affairs Division", "LocalGovernment", "head")),
    ("The Lotus Wetland Pilot ended.", ("Lotus Wetland Pilot", "Project", "head")),
    ("In 2011, Mr. Khamphan Sisouvong came.", ("Khamphan Sisouvong", "Person", "person")),
    ("Mayor Hiroshi Tanabe signed it.", ("Hiroshi Tanabe", "Person", "person")),
    ("They installed LED street lights in 2020.", ("LED street lights", "Technology", "device")),
    ("The city introduced electric buses.", ("electric buses", "Technology", "device")),
    ("We provided acoustic leak detection.", ("acoustic leak detection", "Technology", "device")),
    ("We brought the \"Sakai eco-point system\" to them.", ("Sakai eco-point system", "Technology", "quoted")),
    ("It was named by the Cabinet Office of Japan.", ("Cabinet Office of Japan", "NationalGovernmentBody", "head")),
    ("It joined the Green Cities Programme for Zero-Carbon Society.", ("Green Cities Programme for Zero-Carbon Society", "Programme", "head")),
    ("Bacolod is the capital of the province of Negros Occidental.", ("Negros Occidental", "Region", "listed")),
    ("It won the Wetland City Accreditation under the Ramsar Convention.", ("Wetland City Accreditation", "Award", "head")),
])
def test_each_pattern_proposes_a_typed_candidate(text, expected):
    assert expected in _found(text)


def test_the_acronym_is_kept_and_the_name_starts_at_its_first_initial():
    [cand] = [c for c in propose("In 2019 the city and the Harbour Energy Research Institute (HERI) met.") if c.acronym]
    assert (cand.name, cand.acronym) == ("Harbour Energy Research Institute", "HERI")
    assert "In 2019 the city and the Harbour Energy Research Institute (HERI) met."[cand.start:cand.end] == cand.name


@pytest.mark.parametrize("text", [
    "They signed a Memorandum of Understanding (MOU).",   # generic agreement words
    "Project Structure",                                   # a heading, head word first
    "The results were good and the method worked.",        # no capitalised name
    "Japan uses this model widely.",                        # no "the" before a described method
    "Training took place in 2019 Award categories",        # digits and tabs are no names
    "Towards a Sustainable Society and a Global Society.",  # "Society" heads a name only with "of"
    "It wants to be an Environmental Model City and a Zero-Carbon City.",  # kinds of city, not names
    "The city is a smart city; Smart City plans grew.",     # a word also written in lowercase
    "They visited the Japanese incineration plant.",        # a facility described, not named
    "They adopted the same method and installed a new system.",  # no kind of device named
    "Niigata and the City Government of Bacolod met.",       # a kind of body, named by its city
    "The Mayor of Kanazawa and Mayor The Lotus met.",        # a title before "of", or before no name
])
def test_generic_phrases_are_not_proposed(text):
    assert propose(text) == []


def test_type_follows_the_head_and_its_context():
    assert guess_type("Da Nang Water Bureau") == "LocalGovernment"
    assert guess_type("Japan Water Bureau") == "NationalGovernmentBody"
    assert guess_type("Asian Infrastructure Bank") == "InternationalOrganisation"
    assert guess_type("Hanoi Savings Bank") == "Company"
    assert guess_type("Green Street Cafe") is None
