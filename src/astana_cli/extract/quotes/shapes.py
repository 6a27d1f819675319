"""Quote shapes: each reporting cue of a sentence read as a quote with its speaker."""
from __future__ import annotations

from .article import Quote, Speaker, speaker_of
from .content import Content
from .cues import Cues
from .lexicon import AMMA, agrees
from .phrases import SpeakerPhrases
from .subjects import Subjects


class Sentence(SpeakerPhrases, Subjects, Cues, Content):
    """The quotes of one sentence."""

    def quotes(self) -> list[Quote]:
        lex, toks = self.lex, self.toks
        out: list[Quote] = []
        triggers = [i for i, t in enumerate(toks) if t.kind == "word" and not t.quoted and self._form(i)
                    and not self.has(i, lex.fillers)  # «مجدداً» is an adverb, never «مجدّداً» renewing
                    and self.word(i - 1) not in lex.noun_before]  # «في وصفه للوضع»: a noun after a preposition
        triggers = [i for x, i in enumerate(triggers) if not (x and self._reported(i, triggers[x - 1]))]
        nouns = [i for i, t in enumerate(toks) if t.kind == "word" and not t.quoted and self._verbal_noun(i)
                 and not any(x < i and not any(toks[c].kind == "comma" for c in range(x, i)) for x in triggers)]
        triggers = sorted(triggers + nouns)
        headline = self._headline()
        if headline:
            out.append(headline)
        for x, i in enumerate(triggers):
            if i in self._consumed:
                continue
            limit = triggers[x + 1] if x + 1 < len(triggers) else len(toks)
            q = self._quote(i, limit, out)
            out.extend(e for e in self._extra if e and all(o.start != e.start for o in out))
            self._extra.clear()
            if q:
                out.append(q)
                self._last_trigger, self._last_end = i, limit
        # subjects of this sentence join the recent speakers (for «وقال إن» in the next one)
        for s in reversed(self._subjects_before(len(toks))):
            self.art.recent.insert(0, (s, self.number))
        for q in out:
            self.art.recent.insert(0, (Speaker(q.speaker, q.speaker_id, q.speaker_ar, self._gender_of(q)), self.number))
        del self.art.recent[12:]
        return out

    def _quote(self, i: int, limit: int, earlier: list[Quote]) -> Quote | None:
        lex, toks = self.lex, self.toks
        form = self._form(i)
        if form is None:
            g = self._verbal_noun(i)
            return self._masdar_quote(i, limit, g) if g else None
        if self._not_speech(i, form):
            return None
        verb_text = self.text_of(i, i + 1)
        if form.participle:
            speaker = self._new_subject(i)  # «أما X فقد حمّل …، معتبراً أن»: X, not the last speaker
            if speaker is not None:
                pass
            elif earlier:
                q = earlier[-1]
                speaker = Speaker(q.speaker, q.speaker_id, q.speaker_ar, self._gender_of(q))
            elif self._pending is not None:  # «وقال X معلقا: …»
                speaker = self._pending
            elif self.art.recent and self.art.recent[0][1] == self.number - 1:
                speaker = self.art.recent[0][0]
            if speaker is None or not agrees(form.gender, speaker.gender):
                return None
            start = i + 1
            kind_m, m = self._marker(i, limit, None)
            if kind_m in ("colon", "quote") and m > start:
                # «وتابع قائلاً، في رده على سؤال …: "…"»: the words follow the colon or the quotation mark
                start = m + 1 if kind_m == "colon" else m
            while start < limit and (toks[start].kind in ("comma", "colon") or toks[start].text in lex.comp):
                start += 1
            if start >= limit:
                return None
            colon = any(toks[x].kind == "colon" for x in range(i + 1, start))
            marker = "quote" if toks[start].kind == "quote" else "colon" if colon else None
            return self._make(start, limit, speaker, self._kind(start, limit, marker), verb_text)

        if form.after_claim and i > 0 and (toks[i - 1].kind == "comma" or (
                i > 1 and toks[i - 2].kind == "comma" and self.has(i - 1, lex.deictics))):
            return self._after_claim(i, verb_text)  # «…، وفق ما أكده X»، «…، وذلك وفقاً لما صرح به X»

        # the speaker: after «عن» for «نقل عن X قوله»; the content starts at «قوله» or after it
        first = i
        if form.via:
            via_at = next((k for k in range(i + 1, min(limit, i + 12)) if self.word(k) == form.via), None)
            if via_at is None:
                return None
            first = via_at
            said = next((k for k in range(first + 1, min(limit, first + 16)) if self.word(k) in lex.masdar), None)
            kind_m, m = ("comp", said) if said is not None else self._marker(first, limit, form.via)
        else:
            kind_m, m = self._marker(i, limit, form.via)
        span_end = m if kind_m else limit
        how, np_end, speaker = self._after(first, span_end)
        if how != "anaphora" and not form.via and self.word(i - 1) in ("قد", "فقد"):
            subject = self._before(i)  # «وكان X قد أبلغ الدبلوماسيين بأن»: X, not the addressee
            if subject is not None:
                how, speaker = "before", subject  # the addressee phrase stays skipped
        if how in ("anaphora", "unknown") and not form.via:
            subject = self._before(i)  # «إلا أن الوزارة قالت …»
            if subject is not None:
                how, np_end, speaker = "before", i + 1, subject
            elif self.word(i - 1) in lex.relatives:  # «X، الذي قال إن»: the antecedent or nobody
                speaker = self._antecedent(i - 1)
                if speaker is None:
                    return None
                how = "before"
        if how == "anaphora" and self._amma_topic(i):
            return None  # «أما X، فرأى»: X's words or nobody's, never the previous speaker's
        if how == "anaphora" and self.word(i - 1) in ("حيث", "وحيث"):
            speaker = self._genitive_subject(i, form.gender)  # «زيارة X …، حيث أعلن»: X or nobody
            if speaker is None:
                return None
        elif how == "anaphora":
            speaker = self._anaphora(i, form.gender, earlier, m + 1 if kind_m in ("comp", "colon") else m if kind_m else None)
            if speaker is None:
                return None
        elif how == "unknown" and speaker is None:
            return None
        # every way on has a speaker: _after gives one with "person", "title" and "label", and the
        # branches above gave one to "before" and "anaphora" or returned, as for "unknown" without one
        assert speaker is not None
        if how == "person" and not form.via and not agrees(form.gender, speaker.gender):
            return None
        if how in ("person", "label") and speaker.person_id is None and speaker.gender is None \
                and form.gender in ("m", "f"):
            speaker = Speaker(speaker.name, None, speaker.ar, form.gender)  # «قالت X، الرئيسة …»
        if how in ("person", "title", "label"):
            self._pending = speaker  # a participle right after may carry the content
        k = np_end  # first token after the speaker
        while k < limit and toks[k].kind == "comma":
            k += 1
        obj = k < limit and self._opens_object(form, k)
        if not obj and how in ("person", "title", "label", "anaphora") and not (kind_m == "comp" and m < limit):
            after = self._circumstance_end(k, limit)  # «وأعرب X، أثناء لقائه Y في موسكو، عن …»
            if after > k and after < limit and self._opens_object(form, after):
                k, obj = after, True
        if obj and kind_m == "comp" and how == "label" and any(x in self.names or x in self.titles for x in range(k, m)):
            obj = False  # «أعلن مكتب المبعوث … X أن …»: the genitive runs on to the name, the words follow أن
        first_half = self._quote_before(i) if how in ("person", "title", "label") and not form.via else None
        if first_half and any(toks[x].kind == "word" for x in range(first_half[1] + 1, i)):
            # «"…"، هذا ما قاله X»، «"…"، بهذه الكلمات لخص X …»: the quotation is his, whatever follows
            return self._make(first_half[0], first_half[1] + 1, speaker, "direct", verb_text)
        if first_half and np_end < limit and toks[np_end].kind == "comma" and k < limit \
                and toks[k].kind == "word" and self.word(k) not in lex.comp and not lex.verb(self.word(k)):
            # «"…"، أضاف X، في إشارة إلى …»: the quotation before the verb is his, the rest is the narrator's
            return self._make(first_half[0], first_half[1] + 1, speaker, "direct", verb_text)
        if first_half and kind_m is None and not obj:
            # «"…"، قال X للصحفيين في فندق "…" حيث …»: the quotation is his, the rest is the narrator's
            return self._make(first_half[0], first_half[1] + 1, speaker, "direct", verb_text)
        if kind_m and not (obj and k < m):
            start = m + 1 if kind_m in ("comp", "colon") else m
            if kind_m == "comp" and toks[m].text in lex.masdar:  # «قوله، إن …»
                while start < limit and (toks[start].kind == "comma" or toks[start].text in lex.comp):
                    start += 1
            end = self._quote_end(m, limit) if kind_m == "quote" else limit
            if start >= end:
                return None
            if first_half and kind_m == "quote" and self.word(i)[:1] not in "وف":
                # «"…"، يقول X، "…"»: both halves are his
                self._extra.append(self._make(first_half[0], first_half[1] + 1, speaker, "direct", verb_text))
            return self._make(start, end, speaker, self._kind(start, end, kind_m), verb_text)
        if how in ("person", "title", "label") and all(
                toks[x].kind != "word" or self.has(x, lex.fillers) for x in range(k, limit)):
            if first_half:  # «"الاتفاق صامد"، قال لافروف»
                return self._make(first_half[0], first_half[1] + 1, speaker, "direct", verb_text)
        if form.weak or how == "unknown" or k >= limit or limit - k < 2:
            return None
        if obj:
            return self._make(k, limit, speaker, self._kind(k, limit, "comp"), verb_text)
        if form.speech and (how == "person" or how == "title" and speaker.person_id) \
                and toks[np_end].kind == "comma" and not self.has(k, lex.fillers):
            return self._make(k, limit, speaker, "direct", verb_text)  # «وقال X، ننتظر …»
        return None

    def _masdar_quote(self, i: int, limit: int, gender: str) -> Quote | None:
        """«فاجأ X الحضور بإعلانه أن …»: the content after the verbal noun, the speaker the subject of
        its clause («وكان X قد فاجأ …»، «فاجأ X …»)."""
        kind_m, m = self._marker(i, limit, "-")
        if not kind_m or m > i + 2:
            return None
        speaker = None
        q = next((k for k in range(i - 1, max(-1, i - 22), -1) if self.word(k) in ("قد", "فقد")), None)
        if q is not None and q + 1 < i and self.word(q + 1):  # «وكان X قد فاجأ …»
            b = next((k for k in range(q - 1, max(-1, q - 14), -1)
                      if self.word(k) in self.lex.be or self.word(k) in AMMA), None)
            speaker = self._phrase_speaker(b + 1, q) if b is not None else None
        if speaker is None:
            speaker = next((s for _, s in self._subjects_at(i)), None)
        if speaker is None or not agrees(gender, speaker.gender):
            return None
        self._pending = speaker
        start = m + 1 if kind_m in ("comp", "colon") else m
        end = self._quote_end(m, limit) if kind_m == "quote" else limit
        if start >= end:
            return None
        return self._make(start, end, speaker, self._kind(start, end, kind_m), self.text_of(i, i + 1))

    def _after_claim(self, i: int, verb_text: str) -> Quote | None:
        """«…، وفق ما أكده X»، «…، بحسب ما صرح به X للصحفيين»، «…، حسبما قال X»، «…، بحسب X»: the
        words before the comma are X's (the quotation when one ends there). The speaker must be
        named and nothing but fillers may follow him."""
        lex, toks = self.lex, self.toks
        n = len(toks)
        k = i + 1
        if self.word(k) in ("ما", "لما"):
            k += 1
        w = self.word(k)
        if w and (lex.verb(w) or (w[-1:] == "ه" and lex.verb(w[:-1])) or (w[-2:] == "ها" and lex.verb(w[:-2]))):
            self._consumed.add(k)
            k += 1
            if self.word(k) in ("به", "بها"):
                k += 1
        how, end, speaker = self._after(k - 1, n)
        if how not in ("person", "title", "label") or speaker is None:
            return None
        if any(self.word(x) in lex.comp for x in range(end, min(n, end + 3))):
            return None  # «…، بحسب X، فإن …»: the claim follows him, not before
        addressee = (self.word(end)[:1] == "ل" or self.has(end, lex.prepositions)) and not any(
            lex.verb(self.word(x)) or self.word(x) in lex.comp for x in range(end, n))  # «… لوكالة الأنباء»، «… في ختام …»
        if not addressee and any(toks[x].kind == "word" and not self.has(x, lex.fillers) and not self.has(x, lex.stop)
                                 for x in range(end, n)) and not any(toks[x].kind == "comma" for x in range(end, min(n, end + 2))):
            return None
        if self.has(i - 1, lex.deictics):
            i -= 1  # the claim ends before «وذلك»
        for x in range(i + 1, n):
            if toks[x].kind == "word" and lex.verb(toks[x].text):
                self._consumed.add(x)
        q = self._quote_before(i)
        if q and q[1] - q[0] <= 3 and q[0] > 0 and toks[q[0] - 1].kind == "word":
            q = None  # «… بصيغة "أستانا"، وذلك وفقاً لما …»: a name marked at the end of the claim
        if q:
            return self._make(q[0], q[1] + 1, speaker, "direct", verb_text)
        start = self._last_end
        first_comp = next((x for x in range(start, min(i - 1, start + 4)) if self.word(x) in lex.comp), None)
        if first_comp is not None:
            start = first_comp + 1  # «ومن المنتظر أن …»: the claim starts after أن
        if i - 1 - start < 2:
            return None
        return self._make(start, i - 1, speaker, self._kind(start, i - 1, "comp"), verb_text)

    def attributed_speaker(self) -> Speaker | None:
        """The person a sentence like «جاء ذلك على لسان وزير الخارجية، X، …» names in its first words:
        the first known name there, not behind a preposition («… خلال لقائه مع X» names no speaker)."""
        lex = self.lex
        for n in sorted(self.names):
            end, p = self.names[n]
            if n > 16 or self.toks[n].quoted:
                return None
            b = n - 1
            while b >= 0 and (self.toks[b].kind == "comma" or self.has(b, lex.title_words)
                              or self.has(b, lex.modifiers) or b in self.titles):
                b -= 1
            if b >= 0 and self.has(b, lex.prepositions) and self.has(b, lex.heads) is None:
                continue
            return speaker_of(p, self.text_of(n, end))
        return None

    def _headline(self) -> Quote | None:
        """«NAME: words» / «TITLE NAME: words» at the start of a sentence, also with a circumstance
        between the name and the colon («X في آخر مشاركة له: words»)."""
        toks, lex = self.toks, self.lex
        colon = next((k for k, t in enumerate(toks[:14]) if t.kind == "colon"), None)
        if colon is None or colon + 1 >= len(toks):
            return None
        for n, (end, p) in self.names.items():
            circumstance = end < colon and colon - end <= 7 and self.has(end, lex.prepositions) and not any(
                toks[x].kind != "word" or toks[x].quoted or lex.verb(self.word(x)) or x in self.names
                for x in range(end, colon))
            if (end == colon or circumstance) and n < 8 and all(
                    self.has(k, lex.title_words) or toks[k].kind == "comma" for k in range(0, n)):
                sp = speaker_of(p, self.text_of(n, end))
                return self._make(colon + 1, len(toks), sp, "direct", self.text_of(colon, colon + 1))
        return None
