"""Who said what: quotations and reported speech in Arabic news, with their speakers.

``extract_quotes(text, published, gazetteer)`` walks the sentences of an article. A sentence with no
reporting verb, colon or quote mark is skipped at once. In the others, each reporting verb
(«قال، أكدت، يرى، مضيفاً …», every form listed in ``data/reporting.json``) opens a quote:

1. the *content* starts at the first marker after the verb: أن/إن (indirect), a colon or a quote
   mark (direct), and runs to the next reporting verb of the sentence or its end. Without a marker,
   a speech verb followed by a named person and a comma takes the rest as direct speech
   («وقال X، ننتظر …»), and a verb that governs a noun takes the rest as indirect speech
   («أعلن X استعداده …», «شدد X على …»);
2. the *speaker* is looked for, in this order, between the verb and the content: a known person
   (with nothing but title words between verb and name; never a name behind «مع، عن، الذي …»),
   a known title (resolved through a name the article gave it, or through the gazetteer when the
   title had a single holder that year), an organisation or anonymous source («مصدر، وزارة،
   البيان، روسيا …», labelled in English from the lexicon); then before the verb («وكانت الوزارة
   قد أكدت»); last, for a continuation («وقال إن …», «وأضافت …», «أعلن على أثرها …»), the subject of
   the sentence or the latest speaker whose gender agrees with the verb;
3. a participle («مضيفاً، لافتاً، داعياً …») continues the previous speaker of the sentence, unless
   a new subject was named since («أما X فقد حمّل …، معتبراً أن …» is X's).

Further shapes: the subject before the verb after «أما X ف(قد)» and «وكان X أعلن»; the antecedent of
«الذي/التي» («X، الذي قال إن»: X, a title or a source, never the last speaker); «نقل … عن X قوله»;
a bare title referring back («الوزير الكازاخي» -> the last person named with that title); the
attribution after the claim («…، وفق ما أكده X»، «"…"، بحسب X»، split quotations «"…"، يقول X، "…"»);
a verb whose subject follows a reported أن/إن («قال X إن الوفد طالب …») stays inside the content.
A speaker phrase must be a known person (also in a spelling the data lacks: ``fuzzy_person``), a
title, a source of the lexicon or a name after a title; prepositions, adverbs and time words never
are (then the verb continues the previous speaker, or the quote is dropped).

A person named inside the quoted words, or as an object («التقى X»، «كلفت X»), is a mention, never
the speaker. When no speaker can be found the quote is dropped unless the text names one as a
phrase, which then becomes its label: a wrong person is worse than no quote.

The package, one seam a module: ``lexicon`` (the reporting vocabulary and word tests), ``tokens``
(tokens, quotations, the sentences read together), ``article`` (the records, and what one article
remembers: names, titles, recent speakers), ``view`` (one sentence as tokens), then the parts of
the sentence reader, each a mixin over the view: ``phrases`` (speaker phrases), ``subjects``
(continuations and antecedents), ``cues`` (verbs, verbal nouns, content markers), ``content`` (the
bounds and kind of the words), and ``shapes`` (each cue read as a quote).
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from astana_cli.extract.speakers import Gazetteer
from astana_cli.text.arabic import (
    collapse,
    map_chars,
    normalize,
    normalized_runs,
    one_to_one,
    sentences,
)

from .article import ArticleMemory, Mention, Quote
from .lexicon import load_lexicon, look
from .shapes import Sentence
from .tokens import CHEAP, WORDS, reading_units

__all__ = ["Mention", "Quote", "extract_quotes", "find_mentions"]


def extract_quotes(text: str, published: date | None = None, gazetteer: Gazetteer | None = None) -> list[Quote]:
    """Every quotation and reported statement of ``text`` with its speaker (see the module docstring)."""
    if not text:
        return []
    gaz = gazetteer or Gazetteer.load()
    lex = load_lexicon()
    art = ArticleMemory(gaz, published.year if published else None, text)
    out: list[Quote] = []
    # The test each sentence must pass, for the whole text at once: a sentence holds no colon or quote
    # mark the text lacks (normalizing adds none), and each of its verb words or verbal nouns is a
    # letter run of the normalized text (a sentence ends at white space or punctuation).
    if lex.trigger_runs is not None and not CHEAP.search(text) and lex.trigger_runs.isdisjoint(normalized_runs(text)):
        return out
    art.spans = sentences(text)
    mapped = map_chars(text) if one_to_one(text) else None  # then a sentence's mapped form is a slice
    previous: list[int] = []  # the places in ``out`` of the quotes of the sentence just read
    for n, (s0, s1) in reading_units(text, art.spans):
        raw = text[s0:s1]
        quick = normalize(raw) if mapped is None else collapse(mapped[s0:s1])
        attributes = quick.startswith(lex.attribution_openers)
        if not attributes and not CHEAP.search(quick) and lex.verb_words.isdisjoint(WORDS.findall(quick)) \
                and not lex.verbal_noun_at_b.search(quick):
            previous = []
            continue
        sentence = Sentence(art, lex, raw, s0, n)
        if attributes:  # «جاء ذلك على لسان X»: the words before were X's, whoever they were credited to
            _credit(out, previous, sentence.attributed_speaker(), lex)
        found = sentence.quotes()
        previous = list(range(len(out), len(out) + len(found)))
        out.extend(found)
    return out


def _credit(out: list[Quote], places: list[int], speaker, lex) -> None:
    """Give the quotes at ``places`` that no known person was credited with to ``speaker``, unless
    an institution spoke them in its own name («أعلنت الوزارة …» stays the ministry's)."""
    if speaker is None or speaker.person_id is None:
        return
    for i in places:
        words = normalize(out[i].speaker_ar).split()
        head = lex.heads.get(look(words[0], lex.heads) or "") if words else None
        if out[i].speaker_id is None and not (head and head.get("formal")):
            out[i] = replace(out[i], speaker=speaker.name, speaker_id=speaker.person_id, speaker_ar=speaker.ar)


def find_mentions(text: str, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Every occurrence of a known person's name in ``text``."""
    gaz = gazetteer or Gazetteer.load()
    return [Mention(p.id, s, e, text[s:e]) for s, e, p in gaz.find_names(text)]
