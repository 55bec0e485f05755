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


def test_spacing_variants_keep_offsets_in_the_original_text():
    finder = MentionFinder({"hp": ["Hai Phong"], "pp": ["Phnom Penh"], "k": ["Kitakyushu"]})
    text = "Hai  Phong and Phnom\n    Penh; Kitakyushu, then Hai\t \tPhong and Phnom\r\nPenh"
    found = finder.find(text)
    assert [(m.entity, m.start, m.end, m.surface) for m in found] == [
        ("hp", 0, 10, "Hai  Phong"), ("pp", 15, 29, "Phnom\n    Penh"), ("k", 31, 41, "Kitakyushu"),
        ("hp", 48, 59, "Hai\t \tPhong"), ("pp", 64, 75, "Phnom\r\nPenh")]
    assert all(m.surface == text[m.start:m.end] for m in found)


def test_a_blank_line_still_parts_two_names():
    finder = MentionFinder({"hp": ["Hai Phong"], "hai": ["Hai"]})
    assert [m.surface for m in finder.find("Hai\n\nPhong and Hai \n \nPhong")] == ["Hai", "Hai"]


def test_offsets_after_many_runs_stay_exact():
    finder = MentionFinder({"d": ["Da Nang"], "y": ["YUSA"]})
    text = "x  y\n  z   " * 3 + "YUSA met Da   Nang;\n\nDa Nang  again"
    found = finder.find(text)
    assert [text[m.start:m.end] for m in found] == ["YUSA", "Da   Nang", "Da Nang"]
    assert all(m.surface == text[m.start:m.end] for m in found)
