"""Content bounds: where quoted or reported words end, their kind, the Quote made of them."""
from __future__ import annotations

from .article import Quote, Speaker
from .tokens import QUOTE_CHARS
from .view import SentenceView


class Content(SentenceView):
    """Content bounds: where quoted or reported words end, their kind, the Quote made of them."""

    def _quote_before(self, i: int) -> tuple[int, int] | None:
        """A quotation that ends just before the verb at ``i``: only commas between, or a comma and
        pointing words («"…"، هذا ما قاله X»، «"…"، بهذه الكلمات لخص X»)."""
        toks = self.toks
        for a, b in self.regions:
            if not (b < i and b - a > 1):
                continue
            between = range(b + 1, i)
            if all(toks[x].kind == "comma" for x in between):
                return a, b
            if b + 1 < i and toks[b + 1].kind == "comma" and i - b <= 5 and all(
                    toks[x].kind == "comma" or self.word(x) in self.lex.deictics for x in between):
                return a, b
        return None

    def _quote_end(self, m: int, limit: int) -> int:
        """A quotation opened at ``m`` ends the content when a comma or «إلا، لكن …» follows it."""
        end = next((b for a, b in self.regions if a == m), None)
        if end is None or end + 1 >= limit:
            return limit
        nxt = self.toks[end + 1]
        if nxt.kind == "comma" or self.has(end + 1, self.lex.openers) or nxt.text in self.lex.not_after:
            return end + 1
        return limit

    def _kind(self, start: int, limit: int, marker: str | None) -> str:
        """direct when the content is one quotation (or follows a colon), mixed when quotes are part
        of it, indirect otherwise."""
        toks = self.toks
        inside = [(a, b) for a, b in self.regions if start <= a < limit]
        if marker == "colon" and not inside:
            return "direct"
        if not inside:
            return "indirect"
        words = [k for k in range(start, limit) if toks[k].kind == "word"]
        quoted = [k for k in words if toks[k].quoted]
        if len(words) - len(quoted) <= 1:
            return "direct"
        return "mixed"

    def _make(self, start: int, limit: int, speaker: Speaker, kind: str, verb: str) -> Quote | None:
        toks = self.toks
        end = limit
        while end > start and (toks[end - 1].kind in ("comma", "colon") or self.has(end - 1, self.lex.openers)):
            end -= 1
        if end <= start:
            return None
        a, b = toks[start].start, toks[end - 1].end
        # keep a quotation's closing mark (or a trailing stray one) with the text
        if end < len(toks) and toks[end].kind == "quote" and end <= limit:
            b = toks[end].end
        s, e = self.orig(a, b)
        text = self.raw[s - self.s0:e - self.s0]
        if kind == "direct":
            stripped = text.strip("".join(QUOTE_CHARS) + " ")
            if stripped:
                off = text.index(stripped)
                s, e, text = s + off, s + off + len(stripped), stripped
        if not any(c.isalnum() for c in text):
            return None
        sent_end = self.s0 + len(self.raw)
        q = Quote(s, e, text, self.s0, sent_end, speaker.name, speaker.person_id, speaker.ar, kind, verb)
        self._genders[s] = speaker.gender
        return q
