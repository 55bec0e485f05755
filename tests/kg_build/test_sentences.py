from c2ckg.kg_build.sentences import split


def test_offsets_point_into_the_text():
    text = "First one. Second one!\n\n# Heading\n- bullet item\nA\tB\tC"
    sentences = split(text)
    assert [s.text for s in sentences] == ["First one.", "Second one!", "# Heading", "- bullet item", "A\tB\tC"]
    for s in sentences:
        assert text[s.start:s.end] == s.text


def test_soft_wrapped_lines_join_but_paragraphs_do_not():
    text = "The city sent experts to the\nwater authority in 1993.\n\nNext paragraph here."
    assert [s.text.replace("\n", " ") for s in split(text)] == [
        "The city sent experts to the water authority in 1993.", "Next paragraph here."]


def test_abbreviations_and_footnote_marks():
    text = "Nippon Steel Co. Ltd. built it.<sup>3</sup> Then Dr. Sato came."
    assert [s.text for s in split(text)] == ["Nippon Steel Co. Ltd. built it.<sup>3</sup>", "Then Dr. Sato came."]


def test_real_report_sentences_are_bounded(corpus_dir):
    text = (corpus_dir / "002_6fa685373c4dc005.txt").read_text(encoding="utf-8")
    sentences = split(text)
    assert len(sentences) > 1500
    assert all(text[s.start:s.end] == s.text for s in sentences)
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:]))


def test_a_table_row_is_one_sentence_even_with_full_stops_in_cells():
    text = "Intro text.\n1990\tGlobal 500 Award (UNEP)\tFirst city. Only one.\n2011\tGrand Cross\tWater."
    assert [s.text for s in split(text)] == [
        "Intro text.", "1990\tGlobal 500 Award (UNEP)\tFirst city. Only one.", "2011\tGrand Cross\tWater."]


def test_numbered_captions_stay_whole():
    text = "**Table 4.3. Examples of agreements**\nFigure 2.2. Transition of policy"
    assert [s.text for s in split(text)] == ["**Table 4.3. Examples of agreements**", "Figure 2.2. Transition of policy"]


def test_text_wrapped_at_a_fixed_width_joins_its_lines():
    text = ("The officials travelled for a week-long study tour arranged by the International\n"
            "Center for Environmental Technology Transfer, which has trained many engineers over the\n"
            "years. A short title line\n\n"
            "Our engineers visited the plant with the staff of the Ministry of Natural Resources and\n"
            "Environment of the province, and met the director of the works and several of his staff.\n")
    texts = [s.text for s in split(text)]
    assert texts[0].startswith("The officials") and texts[0].endswith("over the\nyears.")
    assert "A short title line" in texts
    assert texts[-1].startswith("Our engineers") and "Resources and\nEnvironment" in texts[-1]


def test_short_lines_without_a_wrap_width_stay_apart():
    text = "Contact\nInternational Relations Division\nHiroshima City\n"
    assert [s.text for s in split(text)] == ["Contact", "International Relations Division", "Hiroshima City"]


def test_an_indented_line_carries_on_its_bullet():
    text = "- Experts from the Environment Bureau advised the Sanitation and Parks\n  Agency on routes.\n- Next item"
    assert [s.text for s in split(text)] == [
        "- Experts from the Environment Bureau advised the Sanitation and Parks\n  Agency on routes.", "- Next item"]
