"""The named rows and results of a search: what the engine passes between its steps and returns."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import NamedTuple


class SureRow(NamedTuple):
    """A sentence counted or listed without being scored (a one-word query's sure hits)."""
    id: int
    article_id: int
    idx: int


class LeanRow(NamedTuple):
    """A candidate sentence as scoring reads it."""
    id: int
    article_id: int
    idx: int
    terms: str | None


class FullRow(NamedTuple):
    """A sentence as a hit shows it: its offsets in the article's text, its text and terms."""
    id: int
    article_id: int
    idx: int
    start: int
    end: int
    text: str | None
    terms: str | None


class Found(NamedTuple):
    """A matching sentence: its score, its row (Sure, Lean or Full), the query terms it was
    scored with, and with expand or a person's other spelling the concept and the variant."""
    score: float
    row: SureRow | LeanRow | FullRow
    query_terms: str
    concept: str | None
    variant: str | None


class RoundRow(NamedTuple):
    round: int
    role: str
    start: int | None
    end: int | None
    confidence: float | None


class ArticleRow(NamedTuple):
    file: str
    title: str | None
    published: str | None
    text: str
    rounds: list


class QueryError(ValueError):
    """A query that cannot be searched; ``str(error)`` is one line for the user."""


# --- results ------------------------------------------------------------------------------------


@dataclass
class Hit:
    file: str
    article_id: int
    title: str | None
    published: str | None
    round: int | None
    score: float
    sentence: str
    match: str
    left: str
    right: str
    start: int  # offsets of the match in the article text
    end: int
    sentence_id: int = 0
    # with expand: the concept and the variant that matched; for a person's other spelling (on
    # by default), the person's id and that spelling
    concept: str | None = None
    variant: str | None = None

    def as_record(self) -> dict:
        return asdict(self)


@dataclass
class ArticleHit:
    file: str
    article_id: int
    title: str | None
    published: str | None
    round: int | None
    count: int
    score: float
    match: str

    def as_record(self) -> dict:
        return asdict(self)


@dataclass
class SearchResult:
    hits: list = field(default_factory=list)
    total_sentences: int = 0
    total_articles: int = 0
    # by="count": each article's number of matching sentences (no hit is read or aligned)
    per_article: dict = field(default_factory=dict)

