"""Bulgarian-aware words for search and for similar ideas.

Words are lower-cased, stripped of punctuation, stop words are dropped, and a light
stemmer removes the endings that Bulgarian nouns and adjectives take for number,
the definite article and gender ("детската площадка", "детски площадки" and
"детска площадка" all give "дет площадк"). Similar ideas share many such stems;
their likeness is the Dice coefficient of the two sets, with title words counting
double."""

from __future__ import annotations

import re

WORD = re.compile(r"[a-zа-яѝ0-9]+", re.IGNORECASE)
MAX_TERMS = 60

STOP_WORDS = frozenset("""
а аз ако ала би бил била били било в вас ваш ваша ваше вече все всеки всички във въпреки върху
г да дали до докато е един една едно и из или им има й как каква какво като кога когато които който
към ли м ме между мен ми много може му на над най нас не него нещо ни но нас някои някой ня о обаче
около от по под пред при с са се си след сме според сред съм със също т та така те тези ти то това
този той тук у утре ч че чрез ще щом я the a an of and or to in for on with
""".split())

# Longest first, so "ите" is removed before "и".
ENDINGS = sorted(set("""
ията ията иите ският ската ското ските ският ския
ите ата ята ият ия та то те ът ят ия ски ска ско
ове еве ища ища ци
а я о е и у ъ
""".split()), key=len, reverse=True)


def stem(word: str) -> str:
    for ending in ENDINGS:
        if len(word) - len(ending) >= 3 and word.endswith(ending):
            return word[: -len(ending)]
    return word


def terms(text: str) -> list[str]:
    """The distinct stems of `text`, in order of appearance."""
    seen: dict[str, None] = {}
    for word in WORD.findall((text or "").lower()):
        if word in STOP_WORDS or len(word) < 3 and not word.isdigit():
            continue
        seen.setdefault(stem(word)[:40], None)
        if len(seen) >= MAX_TERMS:
            break
    return list(seen)


def likeness(title_a: set[str], body_a: set[str], title_b: set[str], body_b: set[str]) -> float:
    """0 (nothing shared) to 1 (the same words), title words weighing double."""
    def weighted(title, body):
        return {term: 2 for term in title} | {term: 1 for term in body - title}

    a, b = weighted(title_a, body_a), weighted(title_b, body_b)
    shared = sum(min(a[t], b[t]) for t in a.keys() & b.keys())
    total = sum(a.values()) + sum(b.values())
    return 2 * shared / total if total else 0.0
