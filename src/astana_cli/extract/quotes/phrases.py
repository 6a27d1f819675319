"""Speaker phrases: a known person, a title, a source or a name, after or before the verb."""
from __future__ import annotations

from astana_cli.extract.speakers import Person
from astana_cli.text.arabic import title_stem

from .article import Speaker, speaker_of
from .lexicon import AMMA, look
from .view import SentenceView


class SpeakerPhrases(SentenceView):
    """Speaker phrases: a known person, a title, a source or a name, after or before the verb."""

    def _title_speaker(self, i: int) -> tuple[int, Speaker] | None:
        """A known title starting at token ``i``, resolved or labelled: (index after it, speaker)."""
        if i not in self.titles:
            return None
        j, title = self.titles[i]
        ar = self.text_of(i, j)
        pos = self.orig(self.toks[i].start, self.toks[i].end)[0]
        p = self.art.named_holder(title, pos)
        if p is None:
            holders = self.art.gaz.title_holders(title, self.art.year)
            p = holders[0] if len(holders) == 1 else self.art.mentioned_holder(title, pos)
        if p is None:
            p = self.art.introduced_as(title.split(), pos)
        if p is not None:
            return j, speaker_of(p, ar)
        return j, Speaker(self.art.gaz.title_en(title), None, ar, None)

    def _label(self, i: int, limit: int) -> tuple[int, Speaker] | None:
        """An organisation or anonymous source whose head word is token ``i``; the phrase runs to a
        stop word, a comma or ``limit`` (at most 7 words)."""
        lex = self.lex
        if i >= limit or (not self.has(i, lex.heads) and self.toks[i].kind != "quote"):
            return None
        if self.toks[i].kind == "quote":  # a name in quotes: «"وفد الثورة العسكري" في بيان …»
            end = next((k for a, k in self.regions if a == i), None)
            if end is None or end >= limit or end - i > 6:
                return None
            phrase = [self.word(k) for k in range(i + 1, end)]
            j = end + 1
        else:
            j = i
            while j < limit and j - i < 7 and self.toks[j].kind == "word" and (j == i or (
                    self.word(j) not in lex.stop and not self.word(j).startswith(("بال", "لل")))):
                j += 1
            phrase = [self.word(k) for k in range(i, j)]
        ar = self.text_of(i, j).strip('"«»“”„‘’ ')
        head = lex.heads.get(look(phrase[0], lex.heads) or "") if phrase else None
        if head and head.get("apposition") and any(
                not (look(w, lex.heads) or look(w, lex.modifiers) or look(w, lex.title_words)) for w in phrase):
            x = next(x for x, w in enumerate(phrase)
                     if not (look(w, lex.heads) or look(w, lex.modifiers) or look(w, lex.title_words)))
            if x > 0 and len(phrase) - x >= 2 and all(self._name_like(i + y) and i + y not in self.names
                                                      for y in range(x, len(phrase))):
                ar = self.text_of(i + x, j)  # «الخبير العسكري أحمد حمادة»: the name, without the title
            return j, Speaker(ar, None, ar, head["gender"])
        return j, Speaker(self._english(phrase) or ar, None, ar, self._gender(phrase))

    def _english(self, phrase: list[str]) -> str:
        """English label of a source phrase from the lexicon's head words and modifiers, or ''."""
        lex = self.lex
        heads = [lex.heads[h] for h in (look(w, lex.heads) for w in phrase) if h]
        if not heads:
            return ""
        first, one = heads[0], False
        if first["en"] == "" and len(heads) > 1:  # «أحد أعضاء …»: one of
            first, one = heads[1], True
        countries, mods, org = [], [], ""
        for w in phrase[1:]:
            m = lex.modifiers.get(look(w, lex.modifiers) or "")
            if m and m in lex.countries:
                countries.append(m)
            elif m:
                mods.append(m)
        for h in heads:
            if h is not first and h.get("org") and not first.get("org"):
                org = h["en"]
                break
        head = first.get("one", first["en"]) if one else first["en"]
        if first.get("org") and first["en"] in lex.countries:
            return first["en"]
        parts = countries[:1] + [m for m in mods if m not in head and m != org] + ([org] if org and org not in mods else []) + [head]
        out, seen = [], set()
        for p in " ".join(x for x in parts if x).split():
            if p not in seen:
                seen.add(p)
                out.append(p)
        return " ".join(out)

    def _gender(self, phrase: list[str]) -> str | None:
        for w in phrase:
            key = look(w, self.lex.heads)
            if key:
                h = self.lex.heads[key]
                if h["en"]:
                    return h["gender"]
        return None

    def _after(self, i: int, limit: int) -> tuple[str, int, Speaker | None]:
        """Look for the speaker in tokens (i, limit): ("person"|"title"|"label", end, speaker),
        ("anaphora", i + 1, None) when the span holds no subject, ("unknown", …) otherwise."""
        lex, toks = self.lex, self.toks
        k = i + 1
        while k < limit and toks[k].kind == "comma":
            k += 1
        if k >= limit:
            return "anaphora", k, None
        for phrase in lex.anaphora:
            if tuple(self.word(k + x) for x in range(len(phrase))) == phrase:
                return "anaphora", k + len(phrase), None
        # a known person, with only title words (and at most a few others) before the name; after
        # a source word («مصدر، البيان، الوزارة») the phrase is the speaker, after a person word
        # («المتحدث، مسؤول») only an apposition of title words may lead to a name
        head = lex.heads.get(self.has(k, lex.heads) or "")
        max_others = 4 if head is None else 0 if head.get("apposition") else -1
        others = 0
        for j in range(k, limit if max_others >= 0 else k):
            if j in self.names and not toks[j].quoted:
                end, p = self.names[j]
                before = j - 1 if toks[j - 1].kind != "quote" else j - 2  # «يرد على "X"»: the marks do not count
                if before >= k and self.has(before, lex.prepositions):  # «في رسالة إلى X»: not the speaker
                    break
                return "person", end, speaker_of(p, self.text_of(j, end))
            t = toks[j]
            if t.kind == "word":
                if t.quoted and self._short_quote(j):  # «رئيس وفد "الائتلاف" X»: part of the title
                    continue
                if self.has(j, lex.blockers) or lex.verb(t.text) or t.quoted:
                    break
                if not (self.has(j, lex.title_words) or self.has(j, lex.modifiers) or j == k and head):
                    others += 1
                    if others > max_others:
                        break
        hit = self._title_speaker(k)
        if hit:
            named = self._named_after(hit[0], limit) or self._name_before_marker(hit[0], limit)
            if named:  # «نائب وزير الخارجية الكازاخي X»: X, known by another spelling or unknown
                return "person", named[0], named[1]
            return "title", hit[0], hit[1]
        hit = self._label(k, limit)
        if hit:
            comma = self._comma_after_phrase(hit[0], limit) if head is not None and head.get("apposition") else None
            if comma is not None:
                named = self._known_at(comma + 1) or self._named_after(comma, limit)  # «المتحدث باسم …، X، إن»: X
                if named and named[0] < limit and (toks[named[0]].kind in ("comma", "colon")
                                                   or self.word(named[0]) in lex.comp):
                    self.art.remember_name(named[1])
                    return ("person" if named[1].person_id else "label"), named[0], named[1]
            if head is not None and head.get("apposition") and all(
                    self.has(x, lex.heads) or self.has(x, lex.modifiers) for x in range(k, hit[0])):
                # «وأشار المسؤول التركي إلى أن»: the latest person named with such a title, else the label
                holder = self.art.titled_like(self.word(k), [self.word(x) for x in range(k + 1, hit[0])],
                                              self.orig(toks[k].start, toks[k].end)[0])
                if holder is None and hit[0] == k + 1 and self.word(k).startswith(("ال", "وال")):
                    holder = self._recent_titled(self.word(k))  # «وقال المتحدث للصحفيين …»: the spokesman just quoted
                if holder is not None:
                    return "person", hit[0], speaker_of(holder, self.text_of(k, hit[0]))
            return "label", hit[0], hit[1]
        w = self.word(k)
        if toks[k].kind != "word" or self.has(k, lex.fillers) or w in lex.comp or self.has(k, lex.prepositions) \
                or self.has(k, lex.stop) or w.startswith(("بال", "لل")):
            return "anaphora", k, None  # «وأشار إلى أنه»، «حذر من أن»، «اكتفى بالقول»: no subject here
        hit = self._resolve_phrase(k, limit)
        if hit:
            return "person" if hit[1].person_id else "unknown", hit[0], hit[1]
        j = k
        while j < limit and j - k < 6 and toks[j].kind == "word" and (j == k or self.word(j) not in lex.stop):
            j += 1
        return "unknown", j, None  # not a person, title, source or name: no speaker (precision first)

    def _known_at(self, j: int) -> tuple[int, Speaker] | None:
        """The known person whose name starts at token ``j`` (outside quotations): (end, speaker)."""
        if j not in self.names or self.toks[j].quoted:
            return None
        end, p = self.names[j]
        return end, speaker_of(p, self.text_of(j, end))

    def _comma_after_phrase(self, e: int, limit: int) -> int | None:
        """The comma that ends a speaker phrase at ``e``, also after a short phrase that continues it
        with a preposition («المتحدث السابق باسم الوفد إلى أستانا، X، …»); None if none does."""
        toks, lex = self.toks, self.lex
        if e < limit and toks[e].kind == "comma":
            return e
        if e < limit and self.has(e, lex.prepositions):
            for x in range(e + 1, min(limit, e + 5)):
                if toks[x].kind == "comma":
                    return x
                if toks[x].kind != "word" or toks[x].quoted or lex.verb(self.word(x)) or self.word(x) in lex.comp:
                    return None
        return None

    def _name_before_marker(self, e: int, limit: int) -> tuple[int, Speaker] | None:
        """A known person named at the end of a long title, right before the content marker at
        ``limit`` («رئيس وفد … إلى الجولة … من محادثات … معاون الوزير الدكتور X أن …»): the title's
        holder, whatever words describe the office between. Not a name behind a preposition."""
        toks, lex = self.toks, self.lex
        for j in range(e, min(limit, e + 22)):
            t = toks[j]
            if j in self.names and not t.quoted:
                end, p = self.names[j]
                after = end if end >= limit or toks[end].kind != "comma" else end + 1
                if after != limit or self.has(j - 1, lex.prepositions):
                    return None
                return end, speaker_of(p, self.text_of(j, end))
            if t.kind != "word" or t.quoted or lex.verb(t.text) or t.text in lex.comp:
                return None
        return None

    def _recent_titled(self, head: str) -> Person | None:
        """The person quoted in this or the previous sentence whose title opens with ``head`` (a bare
        definite title word: «المتحدث» after the spokesman's words), when he is the latest speaker."""
        head_s = title_stem(head)
        for sp, n in self.art.recent[:1]:
            if self.number - n > 1 or sp.person_id is None:
                return None
            if any(t.split() and title_stem(t.split()[0]) == head_s for t in self.art.gaz.titles_of(sp.person_id)):
                return self.art.gaz.get(sp.person_id)
        return None

    def _short_quote(self, j: int) -> bool:
        """Is token ``j`` inside a quotation of at most three words (a name in quotes)?"""
        return any(a < j < b and b - a <= 4 for a, b in self.regions)

    def _name_like(self, j: int) -> bool:
        """Could word ``j`` be part of a personal name? Not a function word, a title, a source word,
        a verb, a word with the article or a preposition, nor a number."""
        lex, w = self.lex, self.word(j)
        if not w or self.toks[j].quoted or w.isdigit() or len(w) < 2 or w.startswith(("ال", "بال", "لل", "وال")):
            return False
        if w[0] in "بلك" and (w[1:] in lex.function_words or w[1:].startswith("ال")):
            return False  # «بكل»، «لذلك»: a preposition and a word, not a name
        return not (look(w, lex.not_name) or lex.verb(w))

    def _named_after(self, j: int, limit: int, titled: bool = True) -> tuple[int, Speaker] | None:
        """One to three name-like words at ``j`` that end the speaker phrase (a comma, a marker, a
        stop word or ``limit`` follows): the person they name (by a spelling the data lacks), else,
        after title words (``titled``), the name itself as the label. A comma may stand before the
        name after a title («وزير الخارجية، X»)."""
        if titled and j + 1 < limit and self.toks[j].kind == "comma":
            j += 1
        e = j
        while e < limit and e - j < 4 and self._name_like(e) and not (e - j >= 2 and self._to_outlet(e, limit)):
            e += 1
        if e == j or e - j > 3:
            return None
        if e < limit and self.toks[e].kind == "word" and not (
                self.has(e, self.lex.stop) or self.has(e, self.lex.fillers) or self.word(e) in self.lex.comp
                or self.word(e) in self.lex.masdar or self._to_outlet(e, limit)):
            return None
        ar = self.text_of(j, e)
        p = self.art.gaz.fuzzy_person([self.word(x) for x in range(j, e)])
        if p is not None:
            return e, speaker_of(p, ar)
        known = self.art.named_by_surname([self.word(x) for x in range(j, e)])
        if known is not None:  # «وأضاف أبو X»: the surname of a name the article gave before
            return e, known
        if e - j < 2 or not (titled or self._occupation_after(e, limit)):
            return None  # a single unknown word, or words with no title before or after them: too weak
        sp = Speaker(ar, None, ar, None)
        if titled:
            self.art.remember_name(sp)
        return e, sp

    def _to_outlet(self, e: int, limit: int) -> bool:
        """«… لنورث برس إن»: a word with the preposition ل opening an outlet, then أن/إن soon."""
        w = self.word(e)
        return len(w) > 3 and w[0] == "ل" and not w.startswith("لل") and any(
            self.word(x) in self.lex.comp for x in range(e + 1, min(len(self.toks), e + 4)))

    def _occupation_after(self, e: int, limit: int) -> bool:
        """«قالت X، الرئيسة المشتركة لـ…، إن»: a comma and a title or an occupation after a name."""
        if e + 1 >= limit or self.toks[e].kind != "comma":
            return False
        w = self.word(e + 1)
        return bool(w) and (e + 1 in self.titles or bool(look(w, self.lex.occupations))
                            or bool(self.has(e + 1, self.lex.title_heads))
                            or bool(self.has(e + 1, self.lex.title_words) and self.has(e + 1, self.lex.heads) is None
                                    and not self.has(e + 1, self.lex.modifiers)))

    def _resolve_phrase(self, k: int, limit: int) -> tuple[int, Speaker] | None:
        """A speaker phrase that is not a known name, title or source: a bare title referring back
        («الوزير الكازاخي» -> the latest person named with that title), or title words followed by a
        name in a spelling the data lacks, or an unknown name."""
        lex = self.lex
        j = k
        while j < limit and j - k < 8 and self.toks[j].kind == "word" and not self.toks[j].quoted and (
                self.has(j, lex.title_words) or self.has(j, lex.modifiers) or self.has(j, lex.title_heads)):
            j += 1
        if j > k and self.has(k, lex.title_heads):
            head = self.word(k)
            mods = [self.word(x) for x in range(k + 1, j) if self.word(x).startswith(("ال", "وال"))]
            end_ok = j >= limit or self.toks[j].kind != "word" or self.has(j, lex.stop) or self.has(j, lex.fillers) \
                or self.word(j) in lex.comp
            if end_ok:
                p = self.art.titled_before(head, mods, self.orig(self.toks[k].start, self.toks[k].end)[0])
                if p is not None:
                    return j, speaker_of(p, self.text_of(k, j))
        if j - k >= 2 and self.has(k, lex.title_words) and not self.has(k, lex.modifiers) and (
                j >= limit or self.toks[j].kind != "word" or self.word(j) in lex.comp
                or self.has(j, lex.prepositions)):
            # «وأضاف رئيس الوفد: …»، «وشدد معاون الوزير على أن»: the person named so before (no one
            # named so: no speaker, the title alone could be anyone)
            p = self.art.titled_like(self.word(k), [self.word(x) for x in range(k + 1, j)],
                                     self.orig(self.toks[k].start, self.toks[k].end)[0])
            if p is not None:
                return j, speaker_of(p, self.text_of(k, j))
        return self._named_after(j, limit, titled=j > k)

    def _before(self, i: int) -> Speaker | None:
        """The subject written before a verb without conjunction: «إلا أن الوزارة قالت»، «وكان
        مصدر … قد أعلن»."""
        lex, toks = self.lex, self.toks
        w = self.word(i)
        if (w[:1] == "ف" and lex.verbs.get(w) is None) or self.word(i - 1) == "فقد":
            # «أما X فقد رد …»، «أما X، فرأى …»: the topic after «أما» is the subject
            b = next((k for k in range(i - 1, max(-1, i - 16), -1) if self.word(k) in AMMA), None)
            if b is None:
                return None
            e = i - 1 if self.word(i - 1) == "فقد" else i
            return self._phrase_speaker(b + 1, e) or self._topic_name(b + 1, e)
        if w[:1] in "وف" and lex.verbs.get(w) is None:
            return None  # «وقال»: a new clause, nothing before it belongs to it
        if self.word(i - 1) in ("ثم", "وثم", "حيث", "وحيث"):
            return None  # «…، ثم أعلن»: the subject of the clause before, found as a continuation
        if i > 1 and toks[i - 1].kind == "comma":
            # «وكان X، أعلن، يوم الأربعاء، أن»: كان, its subject, a comma and the verb
            b = next((k for k in range(i - 2, max(-1, i - 16), -1)
                      if self.word(k) in lex.be or toks[k].kind != "word" and toks[k].kind != "comma"
                      or lex.verb(self.word(k))), None)
            if b is not None and self.word(b) in lex.be and b + 1 < i - 1:
                return self._phrase_speaker(b + 1, i - 1)
            return None
        j = i - 1
        if self.word(j) == "قد":
            b = next((k for k in range(j - 1, max(-1, j - 20), -1) if self.word(k) in lex.be or self.word(k) in AMMA),
                     None)
            if b is None:
                return None
            a, e = b + 1, j
        else:
            a = i
            while a - 1 >= 0 and toks[a - 1].kind == "word" and self.word(a - 1) not in lex.comp \
                    and not self.has(a - 1, lex.openers) and not lex.verb(self.word(a - 1)) and i - a < 12 \
                    and self.word(a) not in lex.be:
                a -= 1
            e = i
            if a < i - 1 and self.word(a) in lex.be:
                a += 1  # «وكان X أعلن قبيل الاجتماع أن»: كان and a past verb without قد
            elif a == i or i - a > 8 or (a - 1 >= 0 and toks[a - 1].kind == "word" and self.word(a - 1) not in lex.comp
                                         and not self.has(a - 1, lex.openers)):
                return None
        return self._phrase_speaker(a, e)

    def _amma_topic(self, i: int) -> bool:
        """Does verb ``i`` («فرأى»، «فقد أكد») close a topic opened by «أما» in this sentence?"""
        w = self.word(i)
        if not ((w[:1] == "ف" and self.lex.verbs.get(w) is None) or self.word(i - 1) == "فقد"):
            return False
        return any(self.word(k) in AMMA for k in range(i - 1, max(-1, i - 16), -1))

    def _topic_name(self, a: int, e: int) -> Speaker | None:
        """The name that ends the topic of «أما» after title words the lexicon lacks («أما كبير مستشاري
        الوزير X، فرأى»): a known person ending the phrase, else two or three name-like words (the last
        may carry the article) after at least one other word."""
        while e > a and self.toks[e - 1].kind == "comma":
            e -= 1
        for n, (end, p) in self.names.items():
            if a <= n and end == e and not self.toks[n].quoted:
                return speaker_of(p, self.text_of(n, end))
        x = e
        while x > a and e - x < 3 and (self._name_like(x - 1) or (
                x == e and self.word(x - 1).startswith("ال") and len(self.word(x - 1)) > 4
                and not look(self.word(x - 1), self.lex.not_name) and self._name_like(x - 2))):
            x -= 1
        if e - x < 2 or x <= a or self.has(x - 1, self.lex.prepositions):
            return None
        guess = self.art.gaz.fuzzy_person([self.word(y) for y in range(x, e)])
        ar = self.text_of(x, e)
        if guess is not None:
            return speaker_of(guess, ar)
        sp = Speaker(ar, None, ar, None)
        self.art.remember_name(sp)
        return sp

    def _phrase_speaker(self, a: int, e: int) -> Speaker | None:
        """The speaker named by tokens [a, e) before its verb: a known person (title words may lead
        to the name), a known title, a bare title or a name in another spelling, a source."""
        lex = self.lex
        while e > a and self.toks[e - 1].kind == "comma":
            e -= 1
        if e <= a:
            return None
        for n in range(a, e):
            if n in self.names:
                end, p = self.names[n]
                if end <= e and all(self.has(x, lex.title_words) or self.has(x, lex.modifiers) or self.has(x, lex.heads)
                                    or self.toks[x].kind in ("comma", "quote") or self._short_quote(x)
                                    for x in range(a, n)):
                    return speaker_of(p, self.text_of(n, end))
                break
        hit = self._title_speaker(a)
        if hit:
            named = self._named_after(hit[0], e)
            return (named or hit)[1]
        if self.has(a, lex.heads) or self.toks[a].kind == "quote":
            hit = self._label(a, e)
            return hit[1] if hit else None
        hit = self._resolve_phrase(a, e)
        return hit[1] if hit else None
