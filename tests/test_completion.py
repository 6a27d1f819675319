"""Completion of speaker names: prefixes compared by ``arabic.name_key``."""
from astana_cli import completion


def names(incomplete: str) -> set[str]:
    return {n for n, _ in completion.speakers(None, incomplete)}


def test_latin_prefixes_in_any_case_or_accents():
    assert "Alexander Lavrentiev" in names("lavr")
    assert names("Çavuş") == names("cavus") and "Mevlüt Çavuşoğlu" in names("cavus")


def test_arabic_prefixes_in_any_spelling():
    assert "دي مستورا" in names("دي مس") and "ستافان دي مستورا" in names("دي مس")
    assert names("مِستور") == names("مستور")


def test_a_run_of_words_and_a_hyphen():
    assert "Bashar al-Jaafari" in names("al j")
    assert "Bashar al-Jaafari" in names("al-")
    assert "Alexander Lavrentiev" not in names("al-")


def test_nothing_typed_lists_everyone_and_nonsense_nothing():
    assert len(names("")) > 40
    assert names("zzzq") == set()
