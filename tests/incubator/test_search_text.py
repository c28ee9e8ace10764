"""Chinese search terms: characters and pairs, for indexing and for queries alike."""

from cms.search import cjk_index_text, cjk_search_query


def test_index_text_holds_characters_and_pairs_of_chinese_runs():
    terms = cjk_index_text("岗位补贴2026年").split()
    assert {"岗", "位", "补", "贴", "岗位", "位补", "补贴", "年", "2026"} <= set(terms)


def test_index_text_counts_repeats_for_ranking():
    assert cjk_index_text("补贴，补贴").split().count("补贴") == 2


def test_text_without_chinese_adds_nothing():
    assert cjk_index_text("Staff-cost subsidy") == ""


def test_query_becomes_pairs_and_keeps_other_words():
    assert cjk_search_query("岗位补贴 2026年度") == "岗位 位补 补贴 2026 年度"


def test_single_character_query_stays_a_character():
    assert cjk_search_query("补") == "补"


def test_query_without_chinese_is_unchanged():
    assert cjk_search_query("day care") == "day care"
