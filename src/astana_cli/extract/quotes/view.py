"""The token view of one sentence: tokens, quotations, known names and titles, offsets."""
from __future__ import annotations

from astana_cli.extract.speakers import Person
from astana_cli.text.arabic import normalize_with_map

from .article import ArticleMemory, Quote, Speaker
from .lexicon import Lexicon, look
from .tokens import quote_regions, tokenize


class SentenceView:
    """One sentence of an article as tokens, with its quotations, known names and titles
    (``raw`` = text[s0:s0+len(raw)]). The other parts of the extraction are mixins over it."""

    def __init__(self, art: ArticleMemory, lex: Lexicon, raw: str, s0: int, number: int):
        self.art, self.lex, self.raw, self.s0, self.number = art, lex, raw, s0, number
        self.norm, self.omap = normalize_with_map(raw)
        self.toks = tokenize(self.norm)
        self.regions = quote_regions(self.toks)
        # known names: token index of the first word -> (index after the last word, person)
        self.names: dict[int, tuple[int, Person]] = {}
        starts = {t.start: i for i, t in enumerate(self.toks)}
        ends = {t.end: i for i, t in enumerate(self.toks)}
        for a, b, p in art.gaz.find_names_norm(self.norm):
            i = starts.get(a) if a in starts else starts.get(a - 1)  # a leading و is its own char
            j = ends.get(b)
            if i is not None and j is not None:
                self.names[i] = (j + 1, p)
        for a, b in list(self.regions):
            if a + 1 in self.names and self.names[a + 1][0] == b:  # «وكان “طعمة” قد …»: a name, not a quote
                self.regions.remove((a, b))
                for k in range(a + 1, b):
                    self.toks[k].quoted = False
        self.titles: dict[int, tuple[int, str]] = {}
        for a, b, t in art.gaz.find_titles_norm(self.norm):
            i = starts.get(a) if a in starts else starts.get(a - 1)
            j = ends.get(b)
            if i is not None and j is not None:
                self.titles[i] = (j + 1, t)
        self._genders: dict[int, str | None] = {}  # quote start -> its speaker's gender
        self._pending: Speaker | None = None  # the speaker of a verb that has no content yet
        self._last_trigger = -1  # token index of the verb of the latest quote of the sentence
        self._last_end = 0  # token index after the latest quote's content
        self._consumed: set[int] = set()  # verbs read as part of another attribution («حسبما قال X»)
        self._extra: list[Quote | None] = []  # a second quote found by the same verb (split quotations); None: none made

    def orig(self, a: int, b: int) -> tuple[int, int]:
        """Article offsets of the normalized sentence span [a, b)."""
        if b <= a:
            return self.s0 + self.omap[a], self.s0 + self.omap[a]
        return self.s0 + self.omap[a], self.s0 + self.omap[b - 1] + 1

    def text_of(self, i: int, j: int) -> str:
        """Original text of tokens [i, j)."""
        if j <= i:
            return ""
        s, e = self.orig(self.toks[i].start, self.toks[j - 1].end)
        return self.raw[s - self.s0:e - self.s0]

    def word(self, i: int) -> str:
        return self.toks[i].text if 0 <= i < len(self.toks) and self.toks[i].kind == "word" else ""

    def has(self, i: int, table) -> str | None:
        """The entry of ``table`` that token ``i`` is, allowing و/ف and the article (see ``look``)."""
        return look(self.word(i), table)
