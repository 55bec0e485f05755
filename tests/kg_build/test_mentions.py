from c2ckg.kg_build.mentions import MentionFinder


def test_case_and_acronym_rules():
    finder = MentionFinder({"jica": ["Japan International Cooperation Agency", "JICA"]})
    found = finder.find("the japan international cooperation agency (JICA), not Jica")
    assert [m.surface for m in found] == ["japan international cooperation agency", "JICA"]


def test_whole_words_only():
    finder = MentionFinder({"oda": ["ODA"], "dalian": ["Dalian"]})
    assert finder.find("CODA Dalians") == []


def test_offsets_and_possessive():
    text = "Kitakyushu's experts"
    [m] = MentionFinder({"k": ["Kitakyushu"]}).find(text)
    assert (m.start, m.end, text[m.start:m.end]) == (0, 10, "Kitakyushu")
