"""Generate a synthetic corpus for the search benchmark (JSONL, one article a line: {"title", "text"}).

    python bench/gen_corpus.py N OUT.jsonl [--seed 17] [--words 300]

Each article is ``--words`` words (about 2 KB) of sentences made of generated Arabic words drawn from
a Zipf distribution (exponent 1.0) over a vocabulary of ``max(50_000, 10 * N)`` invented words, so
the vocabulary actually used grows past 200,000 distinct words at N = 100,000. Into 10 % of the
articles go one to three real sentences from corpus/ (one in five with a letter changed or a clitic
added), so that a phrase of the real articles such as «خفض التصعيد» occurs in about 1 % of the
articles. The same N and seed always give the same file.
"""
from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from astana_cli.text import arabic  # noqa: E402

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويةىأإآؤئ"
CLITICS = ["", "", "", "و", "ال", "وال", "بال", "لل"]
REAL_SHARE = 0.10  # share of articles that get real sentences


def corpus_sentences() -> list[str]:
    out = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out += [text[s:e] for s, e in arabic.sentences(text) if len(arabic.words(text[s:e])) >= 4]
    return out


def make_vocabulary(rng: random.Random, size: int) -> list[str]:
    seen: set[str] = set()
    vocab = []
    while len(vocab) < size:
        word = "".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 9)))
        if word not in seen:
            seen.add(word)
            vocab.append(word)
    return vocab


def mutate(rng: random.Random, sentence: str) -> str:
    """One word of ``sentence`` with a letter replaced, dropped or a clitic added."""
    ws = arabic.words(sentence)
    s, e, w = rng.choice(ws)
    kind = rng.random()
    if kind < 0.4 and len(w) > 3:
        i = rng.randrange(len(w))
        w = w[:i] + rng.choice(LETTERS) + w[i + 1:]
    elif kind < 0.7 and len(w) > 4:
        i = rng.randrange(len(w))
        w = w[:i] + w[i + 1:]
    else:
        w = rng.choice(["و", "ب", "ل"]) + w
    return sentence[:s] + w + sentence[e:]


def generate(n: int, seed: int = 17, words_per_article: int = 300):
    """Yield ``n`` articles as dicts {"title", "text"}."""
    rng = random.Random(seed)
    real = corpus_sentences()
    vocab = make_vocabulary(rng, max(50_000, 10 * n))
    cum = list(itertools.accumulate(1.0 / r for r in range(1, len(vocab) + 1)))
    for i in range(n):
        drawn = rng.choices(vocab, cum_weights=cum, k=words_per_article)
        sentences, pos = [], 0
        while pos < len(drawn):
            k = rng.randint(6, 18)
            chunk = drawn[pos:pos + k]
            pos += k
            chunk[0] = rng.choice(CLITICS) + chunk[0]
            sentences.append(" ".join(chunk) + rng.choice([".", ".", "،", "؟"]))
        if rng.random() < REAL_SHARE:
            for _ in range(rng.randint(1, 3)):
                s = rng.choice(real)
                if rng.random() < 0.2:
                    s = mutate(rng, s)
                sentences.insert(rng.randrange(len(sentences) + 1), s)
        paras = ["\n".join([" ".join(sentences[j:j + 4]) for j in range(0, len(sentences), 4)])]
        yield {"title": f"مقال تجريبي {i}", "text": "\n".join(paras)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--words", type=int, default=300)
    args = ap.parse_args()
    with open(args.out, "w", encoding="utf-8") as fh:
        for doc in generate(args.n, args.seed, args.words):
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
