"""The data files are read against their schemas: a key no schema names is an error, not a word."""
from __future__ import annotations

import json
from importlib import resources

import pytest

from astana_cli import data
from astana_cli.data import DataError, check
from astana_cli.data.schema import SCHEMAS, Noted, ReportingFile, RoundsFile

FILES = sorted(p.name[:-5] for p in resources.files("astana_cli.data").iterdir() if p.name.endswith(".json"))


def test_every_data_file_has_a_schema():
    assert FILES == sorted(SCHEMAS)


@pytest.mark.parametrize("name", FILES)
def test_every_data_file_fits_its_schema(name):
    assert data.load(name) is data.load(name)  # read once


def _reporting() -> dict:
    return json.loads(resources.files("astana_cli.data").joinpath("reporting.json").read_text(encoding="utf-8"))


def test_a_note_where_a_word_list_was_expected_is_rejected():
    d = _reporting()
    d["blockers_note"] = "words that stop the search for a speaker"
    with pytest.raises(DataError, match=r"reporting\.json: unknown key 'blockers_note'.*'note'"):
        check(d, ReportingFile, "reporting.json")


def test_a_note_inside_a_word_list_is_rejected():
    d = _reporting()
    d["verbs"][0]["forms"]["note"] = ["the forms of قال"]
    with pytest.raises(DataError, match=r"verbs\[0\]\.forms: unknown key 'note'"):
        check(d, ReportingFile, "reporting.json")


def test_wrong_types_and_missing_keys_are_named():
    with pytest.raises(DataError, match=r"x\.words: expected a list, found a string"):
        check({"note": "n", "words": "ab"}, Noted, "x")
    with pytest.raises(DataError, match=r"x\.words\[1\]: expected str, found a number"):
        check({"note": "n", "words": ["a", 3]}, Noted, "x")
    with pytest.raises(DataError, match=r"x: missing key 'words'"):
        check({"note": "n"}, Noted, "x")
    with pytest.raises(DataError, match=r"rounds\.json\.rounds\[0\]\.round: expected int, found a boolean"):
        check({"about": "", "renamed": [], "rounds": [{"round": True, "start": "", "end": "", "city": "",
                                                       "city_ar": "", "sources": []}]}, RoundsFile, "rounds.json")


def test_notes_have_their_place():
    check({"note": "why these words", "words": ["كلمة"]}, Noted, "x")  # no error


def test_an_unknown_file_is_an_error():
    with pytest.raises(DataError, match="no schema"):
        data.load("nonexistent")
