"""Subject tracking: who a continuation, a participle or a relative clause refers to."""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from astana_cli.text.arabic import title_stem

from .article import Quote, Speaker, speaker_of
from .lexicon import AMMA, ILA, TITLE_FIRST, agrees, look
from .view import SentenceView

if TYPE_CHECKING:
    from .lexicon import VerbForm


class Subjects(SentenceView):
    """Subject tracking: who a continuation, a participle or a relative clause refers to."""

    if TYPE_CHECKING:  # given by the other mixins of ``shapes.Sentence``; declared for the type checker only
        def _name_like(self, j: int) -> bool: ...  # phrases.SpeakerPhrases
        def _title_speaker(self, i: int) -> tuple[int, Speaker] | None: ...  # phrases.SpeakerPhrases
        def _label(self, i: int, limit: int) -> tuple[int, Speaker] | None: ...  # phrases.SpeakerPhrases
        def _form(self, i: int) -> VerbForm | None: ...  # cues.Cues

    def _subjects_before(self, i: int) -> list[Speaker]:
        return [s for _, s in self._subjects_at(i)]

    def _subjects_at(self, i: int) -> list[tuple[int, Speaker]]:
        """People who are the subject of a clause before token ``i``, latest first with their token
        index: a name straight after the clause's first word (a verb, «أما»), with only title words
        between («أجرى نائب الوزير X …»، «ورحب المبعوث الأممي إلى سوريا X»)."""
        lex, found = self.lex, []
        title_at = {end: start for start, (end, _) in self.titles.items()}
        for n, (end, p) in self.names.items():
            if n >= i or self.toks[n].quoted:
                continue
            k = n
            x = k
            while x - 1 >= 0 and n - x < 2 and self._name_like(x - 1) and not self.has(x - 1, lex.title_words):
                x -= 1
            if x < k and x - 1 >= 0 and (x in title_at or self.has(x - 1, lex.title_words)):
                k = x  # «وافتتح الوزير خيرت عبد الرحمانوف»: a first name in a spelling the data lacks
            while k - 1 >= 0:
                if k in title_at and title_at[k] < k:
                    k = title_at[k]  # a whole known title («المبعوث الأممي إلى سوريا»)
                elif self.toks[k - 1].kind == "quote" and not self.toks[k - 1].quoted:
                    k -= 1  # «وكان “X” قد …»: the marks around a name
                elif (self.has(k - 1, lex.title_words) or self.toks[k - 1].kind == "comma") \
                        and self.word(k - 1) != ILA:
                    k -= 1
                else:
                    break
            v = k - 1
            if v < 0:
                found.append((n, speaker_of(p, self.text_of(n, end))))
                continue
            first = v == 0 or self.toks[v - 1].kind == "comma"
            if first and self.toks[v].kind == "word" and not any(
                    self.has(v, t) for t in (lex.object_verbs, lex.prepositions, lex.fillers, lex.title_words)):
                found.append((n, speaker_of(p, self.text_of(n, end))))
        return sorted(found, key=lambda x: -x[0])

    def _new_subject(self, i: int) -> Speaker | None:
        """A person who became the subject of a clause of this sentence after its last quote
        («أما X فقد حمّل …» before «معتبراً»): the latest, if any."""
        for n, s in self._subjects_at(i):
            if n > self._last_trigger:
                return s
            break
        return None

    def _anaphora(self, i: int, gender: str | None, earlier: Sequence[Quote] = (),
                  content: int | None = None) -> Speaker | None:
        """A continuation: a subject named since the sentence's last quote, else that quote's speaker
        («رأى X أن …، وقال إن …»), else the subject of this sentence, else the latest speaker that
        agrees. Never a person the content opens with in the third person (``content``: its first
        token): «وأشار إلى أن المبعوث سوف …» is not the envoy speaking of himself."""
        spoken_of = self._spoken_of(content) if content is not None else None

        def fits(s: Speaker) -> bool:
            return agrees(gender, s.gender) and not (spoken_of and spoken_of(s))

        s = self._new_subject(i)
        if s is not None and fits(s):
            return s
        for q in reversed(earlier):
            g = self._gender_of(q)
            sp = Speaker(q.speaker, q.speaker_id, q.speaker_ar, g)
            if fits(sp):
                return sp
        for s in self._subjects_before(i):
            if fits(s):
                return s
        if self._opaque_subject(i):
            return None
        for s, n in self.art.recent:
            if self.number - n > 3:
                break
            if fits(s):
                return s
        if not self.art.recent or self.art.recent[0][1] < self.number - 1:
            for s in self.art.subjects_of(self.number - 1):  # a sentence skipped for having no verb
                if fits(s):
                    return s
        return None

    def _spoken_of(self, start: int):
        """A test of whether a speaker is the person the content starting at token ``start`` names in
        its first words: by name, or by a definite title word of theirs («المبعوث» for the envoy)."""
        ids, heads = set(), set()
        for k in range(start, min(len(self.toks), start + 8)):
            if k in self.names:
                ids.add(self.names[k][1].id)
            w = self.word(k)
            if w.startswith(("ال", "وال")) and len(w) > 4 and not self.has(k, self.lex.heads):
                heads.add(title_stem(w))
        if not ids and not heads:
            return None

        def test(s: Speaker) -> bool:
            if s.person_id is None:
                return False
            if s.person_id in ids:
                return True
            return any(t.split() and title_stem(t.split()[0]) in heads for t in self.art.gaz.titles_of(s.person_id))
        return test

    def _genitive_subject(self, i: int, gender: str | None) -> Speaker | None:
        """«خلال زيارة الرئيس X إلى …، حيث أعلن أن»: the person named in the phrase before «حيث»
        (behind a noun, not a preposition or a verb), the latest that agrees."""
        lex = self.lex
        title_at = {end: start for start, (end, _) in self.titles.items()}
        for n, (end, p) in sorted(self.names.items(), reverse=True):
            if n >= i or self.toks[n].quoted:
                continue
            k = n
            while k - 1 >= 0:
                if k in title_at and title_at[k] < k:
                    k = title_at[k]
                elif self.has(k - 1, lex.title_words) and self.word(k - 1) != ILA:
                    k -= 1
                elif self.toks[k - 1].kind == "comma" and k == n and ((k - 1) in title_at or self.has(k - 2, lex.title_words)
                                                                      or self.has(k - 2, lex.modifiers)):
                    k -= 1  # «على لسان المتحدث باسم …، X، …، حيث قال»: a comma between the title and the name
                else:
                    break
            v = self.word(k - 1)
            if not v or self.has(k - 1, lex.prepositions) or self.has(k - 1, lex.blockers) \
                    or self.has(k - 1, lex.object_verbs) or lex.verb(v):
                continue
            if agrees(gender, p.gender):
                return speaker_of(p, self.text_of(n, end))
        return None

    def _opaque_subject(self, i: int) -> bool:
        """Does the sentence open with a clause whose subject is a title the extraction could not
        resolve («وقرأ نائب الوزير X البيان، ثم أعلن …»)? Then a continuation is that person's,
        never an earlier speaker's."""
        lex = self.lex
        if i < 2 or self.toks[0].kind != "word" or self._form(0) or self.has(0, lex.prepositions) \
                or self.has(0, lex.fillers) or self.word(0) in AMMA:
            return False
        w = self.word(1)
        return bool(w) and (bool(self.has(1, lex.title_heads)) or bool(look(w, lex.occupations))
                            or w in TITLE_FIRST)

    def _antecedent(self, r: int) -> Speaker | None:
        """The noun phrase a relative pronoun at ``r`` refers to («أيمن سوسان، الذي»، «البيان الختامي،
        الذي»): a known person, a known title or a source ending right before it; None otherwise."""
        lex, toks = self.lex, self.toks
        e = r
        while e > 0 and toks[e - 1].kind == "comma":
            e -= 1
        for n, (end, p) in self.names.items():
            if end == e and not toks[n].quoted:
                return speaker_of(p, self.text_of(n, end))
        for a, (end, _) in self.titles.items():
            if end == e:
                hit = self._title_speaker(a)
                if hit:
                    return hit[1]
        for a in range(max(0, e - 3), e):
            if toks[a].kind == "word" and self.has(a, lex.heads):
                hit = self._label(a, e)
                if hit and hit[0] == e:
                    return hit[1]
        return None

    def _gender_of(self, q: Quote) -> str | None:
        if q.speaker_id:
            p = self.art.gaz.get(q.speaker_id)
            return p.gender if p else None
        return self._genders.get(q.start)
