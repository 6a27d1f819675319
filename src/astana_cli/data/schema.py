"""The shape of every data file, as TypedDicts that ``astana_cli.data.load`` checks on reading.

A key a schema does not name is an error (``DataError``), not something ignored: a prose note
written where a word list was expected was once read as a list of words. Notes have their own
keys, which the code never reads as data:

- ``about``: what the file is, at its top;
- ``note``: what a list is or why it holds what it holds, beside the list;
- ``source`` / ``sources``: where a fact comes from.

A mapping whose keys are data (months by number, modifiers by word) is a ``dict[str, ...]``: every
key is read as data there, so it can carry no note; its note stands in the object around it.
"""
import sys

if sys.version_info >= (3, 11):
    from typing import NotRequired, TypedDict
else:  # Python 3.10: the backport (typer depends on it too)
    from typing_extensions import NotRequired, TypedDict

Words = list[str]


class Noted(TypedDict):
    """A word list with its note."""
    note: str
    words: Words


# --- concepts.json -------------------------------------------------------------------------------

class Concept(TypedDict):
    id: str
    label: str
    variants: Words
    source: str
    note: NotRequired[str]


class ConceptsFile(TypedDict):
    about: str
    concepts: list[Concept]


# --- dates.json ----------------------------------------------------------------------------------

class Qualifiers(TypedDict):
    early: Words
    mid: Words
    late: Words


class Relative(TypedDict):
    past: Words
    next: Words
    current: Words
    note: NotRequired[str]


class DatesFile(TypedDict):
    about: str
    months: dict[str, Words]  # month number -> its names (both families)
    ambiguous_months: Noted
    weekdays: dict[str, Words]  # weekday number (Monday 0) -> its names
    qualifiers: Qualifiers
    relative: Relative
    month_word: Words
    year_words: Words
    time_suffix: Words
    publication_labels: Words
    hijri_months: Noted


# --- outlets.json, page_furniture.json, places.json ---------------------------------------------

class Outlet(TypedDict):
    names: Words
    source: str


class OutletsFile(TypedDict):
    about: str
    outlets: list[Outlet]


class CommentPolicyGroup(TypedDict):
    all: Words
    any: Words


class CommentPolicy(TypedDict):
    note: str
    groups: list[CommentPolicyGroup]


class PageFurnitureFile(TypedDict):
    about: str
    ends_body: Words
    skip: Words
    comment_policy: CommentPolicy


class PlacesFile(TypedDict):
    about: str
    cities: Words


# --- reporting.json ------------------------------------------------------------------------------

# A reporting verb's forms by person, number and gender (``pres_``: the imperfect; ``any``: a form
# that agrees with any speaker); the keys are not identifiers, so the functional syntax.
VerbForms = TypedDict("VerbForms", {k: Words for k in (  # type: ignore[misc]
    "3ms", "3fs", "3mp", "3md", "3fd", "3fp", "1p", "any",
    "pres_3ms", "pres_3fs", "pres_3mp", "pres_3md", "pres_3fd", "pres_3fp", "pres_1p", "pres_1s")}, total=False)


class Participles(TypedDict, total=False):
    ms: Words
    fs: Words
    mp: Words


class Verb(TypedDict):
    lemma: str
    en: str
    forms: VerbForms
    participles: NotRequired[Participles]
    speech: NotRequired[bool]
    masdar: NotRequired[Words]
    u_passive: NotRequired[bool]
    objects: NotRequired[Words]
    masdar_object: NotRequired[bool]
    via: NotRequired[str]
    weak: NotRequired[bool]
    after_claim: NotRequired[bool]


class Head(TypedDict):
    ar: Words
    en: str
    gender: str
    one: NotRequired[str]
    apposition: NotRequired[bool]
    formal: NotRequired[bool]
    org: NotRequired[bool]


class CircumstanceOpeners(TypedDict):
    note: str
    words: Words
    in_it: Words


class ReportingFile(TypedDict):
    about: str
    verbs: list[Verb]
    complementizers: Words
    not_after: Words
    blockers: Words
    object_verbs: Words
    anaphora: Words
    fillers: Words
    title_words: Words
    heads: list[Head]
    modifiers: dict[str, str]  # word -> what it says of a title's holder
    stop_words: Words
    clause_openers: Words
    be_verbs: Words
    prepositions: Words
    title_heads: Words
    relatives: Words
    function_words: Words
    impersonal: Words
    expectation: Words
    negations: Words
    verbal_nouns: Words
    deictics: Words
    occupations: Words
    attribution_openers: Words
    generic_heads: Noted
    title_links: Noted
    title_first: Noted
    topic_markers: Noted
    counterparts: Noted
    circumstance_openers: CircumstanceOpeners
    credit_verbs: Noted



# --- round_terms.json ----------------------------------------------------------------------------

class Ordinals(TypedDict):
    note: str
    standalone: dict[str, Words]  # number -> its ordinal words
    compound_units: dict[str, Words]
    teens: Words
    tens: dict[str, Words]


class Venues(TypedDict):
    astana: Words
    nur_sultan: Words
    sochi: Words
    not_the_city_after: Noted


class AstanaContext(TypedDict):
    note: str
    words: Words
    kazakh: Words


class RelativeNouns(TypedDict):
    note: str
    words: Words
    after_last: Words


class RoundRelative(TypedDict):
    past: Words
    next: Words
    current: Words
    last_before_noun: Words
    nouns: RelativeNouns


class Tense(TypedDict):
    note: str
    current: Words
    past: Words
    report: Words


class StartToday(TypedDict):
    note: str
    start: Words
    end: Words


class DayWords(TypedDict):
    note: str
    before: Words


class HeldNow(TypedDict):
    note: str
    words: Words
    recalled_after: Words


class LiveCue(TypedDict):
    note: str
    not_with: Words


class FirstRound(TypedDict):
    note: str
    first: Words
    nouns: Words


class Earlier(TypedDict):
    note: str
    yesterday: Words
    units: Words
    past: Words


class RoundTermsFile(TypedDict):
    about: str
    ordinals: Ordinals
    talk_nouns: Words
    round_nouns: Noted
    venues: Venues
    process_names: Words
    astana_context: AstanaContext
    other_processes: Noted
    filler_words: Noted
    relative: RoundRelative
    tense: Tense
    start_today: StartToday
    counted_nouns: Noted
    day_words: DayWords
    not_a_round_after: Noted
    round_nouns_plural: Noted
    held_now: HeldNow
    live_cue: LiveCue
    round_products: Noted
    opening_words: Noted
    first_round: FirstRound
    earlier: Earlier


# --- rounds.json ---------------------------------------------------------------------------------

Renamed = TypedDict("Renamed", {"from": str, "to": str, "city": str, "city_ar": str, "source": str})


class Round(TypedDict):
    round: int
    start: str  # ISO date
    end: str
    city: str
    city_ar: str
    sources: Words
    note: NotRequired[str]


class RoundsFile(TypedDict):
    about: str
    renamed: list[Renamed]
    rounds: list[Round]


# --- speakers.json -------------------------------------------------------------------------------

Role = TypedDict("Role", {"title_ar": str, "title_en": str, "from": int | None, "to": int | None,
                          "also_ar": NotRequired[Words], "shared": NotRequired[bool]})


class Person(TypedDict):
    id: str
    name: str
    gender: str
    affiliation: str
    names_ar: Words
    aliases_latin: Words
    roles: list[Role]
    source: str


class SpeakersFile(TypedDict):
    about: str
    people: list[Person]


# --- transliteration.json ------------------------------------------------------------------------

class Final(TypedDict):
    note: str
    letters: dict[str, Words]  # a final letter -> the letters it is written back as


class TransliterationFile(TypedDict):
    about: str
    source: str
    letters: dict[str, Words]  # a letter -> the letters Latin spelling confuses it with
    final: Final
    max_spellings: int


SCHEMAS: dict[str, type] = {
    "concepts": ConceptsFile, "dates": DatesFile, "outlets": OutletsFile, "page_furniture": PageFurnitureFile,
    "places": PlacesFile, "reporting": ReportingFile, "round_terms": RoundTermsFile, "rounds": RoundsFile,
    "speakers": SpeakersFile, "transliteration": TransliterationFile,
}
