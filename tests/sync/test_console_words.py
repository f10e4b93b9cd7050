"""The classroom console's texts of a count: English says "1 settlement … needs" and
"2 settlements … need"; Chinese has one form; a language without the text falls back."""

from __future__ import annotations

from seller_desk.sandbox.console.i18n import NOTES, note_text, words_text
from seller_desk.sandbox.console.scenarios import WHY, Result


def test_english_counts_of_one_are_singular_and_others_plural():
    one = Result("not_yet", "needs_evidence", {"count": "1"})
    two = Result("not_yet", "needs_evidence", {"count": "2"})
    assert one.text("en") == "1 settlement exceeds the quota without trade evidence."
    assert two.text("en") == "2 settlements exceed the quota without trade evidence."
    assert one.text("zh_CN") == "1 笔结汇超出额度且未关联贸易单证。"
    assert Result("done", "declarations", {"count": "1"}).text("en") == "1 list synced."
    assert Result("done", "declarations", {"count": "3"}).text("en") == "3 lists synced."
    assert (Result("wrong", "missing_rate", {"count": "1"}).text("en")
            == "1 FX record has no USD equivalent yet.")
    assert (Result("wrong", "missing_rate", {"count": "0"}).text("en")
            == "0 FX records have no USD equivalent yet.")


def test_the_trainers_notes_count_the_same_way():
    assert (note_text({"key": "fx_evidence", "params": {"count": "1"}}, "en")
            == "1 settlement beyond the US$50,000 quota needs trade evidence.")
    assert (note_text({"key": "fx_evidence", "params": {"count": "4"}}, "en")
            == "4 settlements beyond the US$50,000 quota need trade evidence.")
    assert (note_text({"key": "fx_evidence", "params": {"count": "1"}}, "zh_CN")
            == "1 笔结汇超出 5 万美元额度，需要贸易单证。")


def test_a_language_without_the_text_falls_back_to_english_then_the_key():
    words = {"en": "{count} things", "en_one": "1 thing", "zh_CN": "{count} 件"}
    assert words_text(words, "de", {"count": "1"}, "key") == "1 thing"
    assert words_text(words, "de", {"count": "2"}, "key") == "2 things"
    assert words_text({}, "en", {"count": "1"}, "the-key") == "the-key"
    assert words_text(words, "zh_CN", {"count": "1"}, "key") == "1 件"


def test_no_english_text_says_s_in_brackets_and_each_singular_has_its_plural():
    for table in (WHY, NOTES):
        for key, words in table.items():
            assert "(s)" not in words.get("en", ""), key
            if "en_one" in words:
                assert "{count}" in words["en"] and "{count}" not in words["en_one"], key
