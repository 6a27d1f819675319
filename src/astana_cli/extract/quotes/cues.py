"""Cue detection: reporting verbs and verbal nouns, what is not speech, and where the content starts."""
from __future__ import annotations

from astana_cli.text.arabic import QUOTE_PAIRS

from .lexicon import ILA, VerbForm, look
from .view import SentenceView


class Cues(SentenceView):
    """Cue detection: reporting verbs and verbal nouns, what is not speech, and where the content starts."""

    def _form(self, i: int) -> VerbForm | None:
        """The reporting form of word ``i``; also a verb with an object pronoun after «ما» («هذا ما
        قاله X»)."""
        w = self.word(i)
        f = self.lex.verb(w)
        if f is None and self.word(i - 1) in ("ما", "وما") and not self.toks[i].quoted:
            for suf in ("ه", "ها"):
                if w.endswith(suf) and len(w) - len(suf) >= 3:
                    f = self.lex.verb(w[:-len(suf)])
                    if f is not None and not f.participle:
                        return f
            return None
        if f is not None and look(w, {"بين"}) and "\u0651" not in self.text_of(i, i + 1):
            # «بين» is the preposition, unless it opens a clause with a known name or title after it
            if not ((i == 0 or self.toks[i - 1].kind == "comma") and (i + 1 in self.names or i + 1 in self.titles)):
                return None
        return f

    def _verbal_noun(self, i: int) -> str | None:
        """«بإعلانه أن»، «بتأكيدها أن»، «بقوله إن»: ب + a verbal noun + a subject pronoun, with a
        complementizer, a colon or a quotation straight after. The gender of the pronoun, or None."""
        w = self.word(i)
        if w[:1] == "و":
            w = w[1:]
        if w[:1] != "ب":
            return None
        for suf, g in (("هما", "p"), ("هم", "p"), ("ها", "f"), ("ه", "m")):
            if w.endswith(suf) and w[1:-len(suf)] in self.lex.verbal_nouns:
                nxt = i + 1
                while nxt < len(self.toks) and self.toks[nxt].kind == "comma":
                    nxt += 1
                if nxt < len(self.toks) and (self.toks[nxt].kind in ("colon", "quote")
                                             or self.word(nxt) in self.lex.comp):
                    return g
                return None
        return None

    def _not_speech(self, i: int, form: VerbForm) -> bool:
        """A reporting verb that reports nobody's words: a passive («يُكشف، أُعلن، ذُكر» with their
        damma), an impersonal narrator's clause («ويذكر أن»، «يشار إلى أن»), a negated verb («لم
        يكشف عن»), or a future event («من المقرر أن يعلن …»)."""
        lex = self.lex
        raw = self.text_of(i, i + 1)
        body = raw[1:] if len(raw) > 3 and raw[0] in "وف" and lex.verbs.get(self.word(i)) is None else raw
        if not form.participle and len(body) > 1 and body[1] == "\u064f" and (not form.present or form.u_passive):
            return True
        prev = self.word(i - 1)
        if prev in lex.negations:
            return True
        if prev in lex.comp and look(self.word(i - 2), lex.expectation):
            return True
        w = self.word(i)
        stem = w[1:] if w[:1] in "وف" and w not in lex.impersonal else w
        if stem in lex.impersonal:
            nxt = self.word(i + 1)
            if nxt in lex.comp or (nxt == ILA and self.word(i + 2) in lex.comp):
                return True
        return False

    def _reported(self, i: int, prev: int) -> bool:
        """Is the verb at ``i`` part of the words reported by an earlier verb at ``prev``: its subject
        stands right after that verb's أن/إن («قال X إن الوفد طالب …»، «أكد أن طهران تدعو …»)?
        Not after «إلا أن، غير أن» (a new clause with its own speaker)."""
        lex, toks = self.lex, self.toks
        if i == 0 or toks[i - 1].kind != "word" or lex.verb(self.word(i - 1)) or self.word(i - 1) in ("قد", "فقد"):
            return False
        for c in range(i - 1, max(prev, i - 5), -1):
            if toks[c].kind != "word" or self.has(c, lex.openers) or self.word(c) in lex.be:
                return False
            w = self.word(c)
            if w in lex.comp or (w[:1] == "و" and w[1:] in lex.comp):
                if any(x in self.names or x in self.titles for x in range(c + 1, i)):
                    return False  # «أفادت الوكالة أن الوزير X قال إن»: a person's words, quoted in turn
                return c > prev + 1 and self.word(c - 1) not in lex.not_after and not self.has(c - 1, lex.openers)
        return False

    def _marker(self, i: int, limit: int, via: str | None) -> tuple[str | None, int]:
        """The first content marker after the verb: ("comp"|"colon"|"quote", token index)."""
        lex, toks = self.lex, self.toks
        for j in range(i + 1, min(limit, i + 32)):
            t = toks[j]
            if t.kind == "colon":
                return "colon", j
            if t.kind == "quote" and not t.quoted and t.text in QUOTE_PAIRS:
                end = next((b for a, b in self.regions if a == j), None)
                if end is None:
                    continue
                # a short name in quotes followed by more speaker words: part of the speaker
                later = any(toks[k].kind == "colon" or toks[k].text in lex.comp for k in range(end + 1, min(limit, end + 20)))
                if end - j <= 5 and later and j == i + 1:
                    continue
                soon = any(toks[k].text in lex.comp for k in range(end + 1, min(limit, end + 4)))
                if end - j <= 5 and soon:  # «لـ"عنب بلدي" أن …»: an outlet's name, not the quote
                    continue
                if end - j <= 3 and j > i + 1 and toks[j - 1].kind == "word" and end + 1 < limit \
                        and toks[end + 1].kind in ("comma", "word") and toks[j - 1].text not in lex.comp:
                    continue  # «رئيس الوفد في مباحثات "أستانة"، X، …»: a name marked inside a phrase
                return "quote", j
            if t.kind == "word" and not t.quoted and t.text in lex.comp and self.word(j - 1) not in lex.not_after:
                return "comp", j
            if via is None and t.kind == "word" and t.text in lex.masdar:
                return "comp", j
        return None, -1

    def _circumstance_end(self, k: int, limit: int) -> int:
        """The token after the circumstances that open at ``k`` and each end in a comma: a
        prepositional or time phrase («في ختام الاجتماع،»، «أثناء لقائه X،»، «يوم الأربعاء،») or a name
        in apposition to one («، X،»); ``k`` when there is none. The words after them are the speaker's
        content («وأعلن X، في ختام الاجتماع، حصول …»)."""
        lex, toks = self.lex, self.toks
        x, end, parts = k, k, 0
        while x < limit and parts < 4:
            opens = self.has(x, lex.prepositions) or self.has(x, lex.fillers) or x in self.names \
                or self.word(x) in lex.circumstance
            if not opens or self.word(x) in lex.comp:
                break
            c = next((y for y in range(x + 1, min(limit, x + 14)) if toks[y].kind != "word" or toks[y].quoted
                      or lex.verb(self.word(y)) or self.word(y) in lex.comp), None)
            if c is None or toks[c].kind != "comma":
                if self.word(x) in lex.circumstance_in_it and x + 1 < limit and toks[x + 1].kind == "word":
                    return x + 1  # «أكد فيها المشاركة»
                break
            x = c
            while x < limit and toks[x].kind == "comma":
                x += 1
            end, parts = x, parts + 1
        return end

    def _opens_object(self, form: VerbForm, k: int) -> bool:
        """Does token ``k`` open the content of ``form`` without أن/إن: its preposition («شدد على»),
        or, for a verb that governs one, a verbal noun («أعلن استعداده»)?"""
        w = self.word(k)
        if not w:
            return False
        if any(w == o or (len(o) == 1 and w.startswith(o) and len(w) > 3) for o in form.objects):
            return True
        return form.masdar_object and not self.has(k, self.lex.fillers) and w not in self.lex.comp
