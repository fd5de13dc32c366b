"""Finnish-aware normalisation: tokens, folding, lemmas, spoken-Finnish forms, n-grams, compounds.

Finnish packs case endings and compounds into one word: "trukinkuljettajana" (as a forklift driver)
must meet the ESCO label "trukinkuljettaja" and the skill "trukin ajaminen". Job seekers also write as
they speak ("mä oon tehny kassahommia"). The functions here bring both sides of a match to comparable
forms; offsets of :class:`Token` point into the caller's text so evidence can be highlighted.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Container
from dataclasses import dataclass
from typing import Any

__all__ = [
    "COLLOQUIAL_FI",
    "Token",
    "char_ngrams",
    "fold",
    "lemmas",
    "lemmatise",
    "split_compound_fi",
    "standardise_fi",
    "tokenize",
]

# Letters and digits, joined by hyphens next to a letter ("B-ajokortti", "covid-19", not "2019-2023") and
# apostrophes between letters; "++" and "#" stay on a word ("C++", "C#"), and so does a Finnish case
# ending after a colon ("SAP:n", "C#:lla").
_TOKEN = re.compile(
    r"[^\W_]+(?:(?:(?<=[^\W\d_])-(?=[^\W_])|-(?=[^\W\d_])|['\u2019](?=[^\W\d_]))[^\W_]+)*(?:\+\+|#)?"
    r"(?::[^\W\d_]{1,5}\b)?(?!\w)"
)
_COLON_ENDING = re.compile(r":[^\W\d_]{1,5}$")
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
        "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
        "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
    }
)  # fmt: skip

COLLOQUIAL_FI: dict[str, str] = {
    # pronouns
    "mä": "minä", "mää": "minä", "mie": "minä", "sä": "sinä", "sää": "sinä", "sie": "sinä",
    "mun": "minun", "sun": "sinun", "mul": "minulla", "mulla": "minulla", "sul": "sinulla",
    "sulla": "sinulla", "mulle": "minulle", "multa": "minulta", "meil": "meillä", "meijän": "meidän",
    # olla, tehdä and other frequent verbs
    "oon": "olen", "oot": "olet", "oo": "ole", "ollu": "ollut", "tehny": "tehnyt",
    "oli": "oli", "menny": "mennyt", "tullu": "tullut", "käyny": "käynyt",
    # work itself
    "duuni": "työ", "duunia": "työ", "duunissa": "työ", "duunit": "työ", "duuneja": "työ",
    "duuneissa": "työ", "duunari": "työntekijä", "homma": "työ", "hommat": "työt", "hommia": "työt",
    "hommissa": "työt", "kassahommat": "kassatyöt",
    # small words
    "sit": "sitten", "kans": "kanssa", "tääl": "täällä", "siel": "siellä", "vähä": "vähän", "nii": "niin",
}  # fmt: skip
"""Spoken and learner Finnish forms and the standard forms that the lemmatiser knows.

Keys are lower-case. :func:`standardise_fi` also rewrites the suffixes ``-hommat``, ``-hommia``,
``-hommissa`` (and other forms of *homma*, "job, thing") to ``-työt``/``-työ`` and ``-duuni`` forms to
``-työ`` ("siivoushommia" → "siivoustyöt", "kesäduuni" → "kesätyö"), and adds the missing ``-t`` of
spoken past participles ("tehny" → "tehnyt", "opiskellu" → "opiskellut"). Essive forms such as
"kokkina" are standard Finnish and are left alone.
"""

_HOMMA_SUFFIX = re.compile(r"(?<=[^\W\d_]{3})-?(homm(?:at|ia|issa|iin|ista|eja|ille)|hom(?:ma|maa|massa))$")
_DUUNI_SUFFIX = re.compile(r"(?<=[^\W\d_]{3})-?duun(?:i|ia|issa|it|eja|eissa|iin|ista)$")
_SPOKEN_PARTICIPLE = re.compile(r"(?:[^\W\d_]{3}n[uy]|[^\W\d_](?:ll|rr|ss)[uy])$")


@dataclass(frozen=True)
class Token:
    """A word of a text, with its offsets: ``text[start:end] == token.text``."""

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Split a text into words, keeping compounds and tool names whole.

    Hyphenated compounds ("B-ajokortti"), names such as "C++", "C#", "3D" and "SAP", with a Finnish
    case ending after a colon ("SAP:n"), are one token each; "ISO 9001" is two. Punctuation is
    dropped; "Node.js" gives "Node" and "js".

    Examples:
        >>> [t.text for t in tokenize("B-ajokortti, C++ ja ISO 9001 (3D-mallinnus).")]
        ['B-ajokortti', 'C++', 'ja', 'ISO', '9001', '3D-mallinnus']
        >>> tokenize("SAP")[0]
        Token(text='SAP', start=0, end=3)
    """
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def fold(text: str) -> str:
    r"""Lower-case, NFKC-normalise, and turn typographic quotes and dashes into ASCII ones.

    ``ä``, ``ö`` and ``å`` are kept: they distinguish Finnish words ("tyo" is not "työ").
    Soft hyphens and zero-width characters are removed. The length can change.

    Examples:
        >>> fold("\u201cTyönjohto\u201d \u2013 \uff2c\uff36\uff29\u2011asennus")
        '"työnjohto" - lvi-asennus'
    """
    return unicodedata.normalize("NFKC", text).lower().translate(_TYPOGRAPHY)


def standardise_fi(word: str) -> str:
    """Rewrite a spoken or learner Finnish word to its standard form, from :data:`COLLOQUIAL_FI`.

    Returns the standard form in lower case, or ``word`` unchanged when there is no rule for it.

    Examples:
        >>> standardise_fi("Mä"), standardise_fi("oon"), standardise_fi("tehny")
        ('minä', 'olen', 'tehnyt')
        >>> standardise_fi("siivoushommia"), standardise_fi("kokkina")
        ('siivoustyöt', 'kokkina')
    """
    lower = word.lower()
    if lower in COLLOQUIAL_FI:
        return COLLOQUIAL_FI[lower]
    homma = _HOMMA_SUFFIX.search(lower)
    if homma:
        return lower[: homma.start()] + ("työt" if homma.group(1).startswith("homm") else "työ")
    duuni = _DUUNI_SUFFIX.search(lower)
    if duuni:
        return lower[: duuni.start()] + "työ"
    if _SPOKEN_PARTICIPLE.search(lower):
        return lower + "t"
    return word


@functools.lru_cache(maxsize=1)
def _simplemma() -> Any:
    # Imported on first use: simplemma loads a language's dictionary (~2 s for Finnish) lazily itself.
    import simplemma
    from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES

    return simplemma, frozenset(SUPPORTED_LANGUAGES)


@functools.lru_cache(maxsize=65_536)
def lemmatise(word: str, lang: str) -> str:
    """The dictionary form of a word, folded (see :func:`fold`), from simplemma.

    For Finnish compounds that simplemma does not know, where it tends to keep only the first part
    ("kassatyöt" → "kassa"), the word is split before its longest known final part instead
    ("kassa" + "työt" → "kassatyö"). A case ending after a colon is dropped ("SAP:ssa" → "sap").
    Words without letters, and words of languages simplemma does not support, come back folded.

    Args:
        word: One word.
        lang: The word's language, an ISO 639-1 code.

    Examples:
        >>> lemmatise("hitsausta", "fi"), lemmatise("Welders", "en"), lemmatise("arbetade", "sv")
        ('hitsaus', 'welder', 'arbeta')
        >>> lemmatise("kassatöitä", "fi"), lemmatise("metalliosien", "fi")
        ('kassatyö', 'metalliosa')
    """
    simplemma, supported = _simplemma()
    ending = _COLON_ENDING.search(word)
    if ending and ending.start() > 0:
        return fold(word[: ending.start()])
    if lang not in supported or not any(c.isalpha() for c in word):
        return fold(word)
    if lang == "fi" and not simplemma.is_known(word, lang="fi"):
        compound = _lemmatise_fi_compound(word.lower(), simplemma)
        if compound is not None:
            return fold(compound)
    return fold(simplemma.lemmatize(word, lang=lang))


def _lemmatise_fi_compound(word: str, simplemma: Any) -> str | None:
    for cut in range(3, len(word) - 2):
        head, tail = word[:cut], word[cut:]
        if simplemma.is_known(tail, lang="fi") and simplemma.is_known(head, lang="fi"):
            # Finnish compounds inflect only their last part: the head stays as written ("trukin").
            return head + str(simplemma.lemmatize(tail, lang="fi"))
    return None


def lemmas(text: str, lang: str) -> list[tuple[str, Token]]:
    """The folded lemma of each token of a text, with the token; Finnish is standardised first.

    Examples:
        >>> [lemma for lemma, _ in lemmas("mä oon tehny kassahommia", "fi")]
        ['minä', 'olla', 'tehdä', 'kassatyö']
        >>> [lemma for lemma, _ in lemmas("Worked with forklifts", "en")]
        ['work', 'with', 'forklift']
    """
    result = []
    for token in tokenize(text):
        word = standardise_fi(token.text) if lang == "fi" else token.text
        result.append((lemmatise(word, lang), token))
    return result


def char_ngrams(text: str, n_min: int = 3, n_max: int = 5) -> list[str]:
    """Character n-grams of the folded words of a text, padded with a space at each word boundary.

    As scikit-learn's ``analyzer="char_wb"``: inflected forms and compounds share many n-grams with
    their parts ("trukinkuljettaja" with "trukki" and "kuljettaja"), so they match without a lemmatiser.
    A word shorter than ``n`` gives itself, padded, once.

    Raises:
        ValueError: If ``n_min`` is below 1 or above ``n_max``.

    Examples:
        >>> char_ngrams("Työ", 3, 4)
        [' ty', 'työ', 'yö ', ' työ', 'työ ']
    """
    if not 1 <= n_min <= n_max:
        raise ValueError(f"need 1 <= n_min <= n_max, got n_min={n_min}, n_max={n_max}")
    grams = []
    for token in tokenize(fold(text)):
        padded = f" {token.text} "
        for n in range(n_min, n_max + 1):
            if len(padded) <= n:
                grams.append(padded)
                break
            grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


def split_compound_fi(word: str, vocabulary: Container[str], *, min_part: int = 3) -> list[str]:
    """Split a Finnish compound into parts found in a vocabulary.

    The split is greedy from the end: the longest final part that is known (as written, as its lemma,
    or as the nominative of a genitive "-n" or an "-is" compound stem: "trukin" → "trukki",
    "ihmis" → "ihminen") is taken, and the rest is split again. Parts are returned as the vocabulary
    spells them. Hyphens split too ("B-ajokortti").

    Limits: only parts in ``vocabulary`` are found, so a compound with an unknown part is not split;
    greediness can choose a wrong split where a long final part swallows the end of the previous one;
    linking elements other than "-n" and "-is" (and vowel changes inside the word) are not undone.

    Args:
        word: One word.
        vocabulary: Known parts, folded and in dictionary form (for example the words of ESCO labels).
        min_part: The shortest part, in characters.

    Returns:
        The parts; ``[fold(word)]`` when no split covers the whole word.

    Examples:
        >>> split_compound_fi("trukinkuljettaja", {"trukki", "kuljettaja"})
        ['trukki', 'kuljettaja']
        >>> split_compound_fi("metalliosien", {"metalli", "osa"})
        ['metalli', 'osa']
        >>> split_compound_fi("hitsaaja", {"metalli"})
        ['hitsaaja']
    """
    folded = fold(word)
    parts: list[str] = []
    for piece in filter(None, folded.split("-")):
        found = _split(piece, vocabulary, min_part, {})
        parts.extend(found if found is not None else [piece])
    return parts or [folded]


def _split(word: str, vocabulary: Container[str], min_part: int, memo: dict[str, list[str] | None]) -> list[str] | None:
    # Memoised by substring: each head is split once, however many tails try it.
    if word in memo:
        return memo[word]
    whole = _known_part(word, vocabulary)
    result = [whole] if whole is not None else None
    for cut in range(min_part, len(word) - min_part + 1):
        if result is not None:
            break
        tail = _known_part(word[cut:], vocabulary)
        head = _split(word[:cut], vocabulary, min_part, memo) if tail is not None else None
        if tail is not None and head is not None:
            result = [*head, tail]
    memo[word] = result
    return result


def _known_part(part: str, vocabulary: Container[str]) -> str | None:
    candidates = [part]
    if part.endswith("is"):
        candidates.append(part[:-1] + "nen")
    if part.endswith(("n", "s")):
        candidates.append(part[:-1])
    candidates.append(lemmatise(part, "fi"))
    return next((c for c in candidates if c in vocabulary), None)
