"""Offline language identification for work histories and their segments.

Recognition matches a text against ESCO labels in its own language, so the language must be known;
job seekers rarely say it, and they mix languages ("Olen tehnyt customer service -töitä"). The
identifier is py3langid's bundled model (no download), restricted to the candidate languages, with a
cheap word-level boost for the short, chat-style texts where character n-grams alone guess poorly.
"""

from __future__ import annotations

import functools
import logging
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from osaaminen.exceptions import UnknownLanguageError
from osaaminen.text._lexicon import words

if TYPE_CHECKING:
    from osaaminen.text.segment import Segment

__all__ = ["SUPPORTED_LANGUAGES", "LanguageGuess", "detect_language", "detect_segment_languages"]

logger = logging.getLogger(__name__)

SUPPORTED_LANGUAGES = ("fi", "sv", "en")
"""Languages that recognition supports (the bundled ESCO labels); the identifier knows many more."""

_UNDETERMINED = "und"
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
# Weight, in log-odds, of a text made entirely of marker words; a long text's n-gram evidence outweighs it.
_BOOST = 2.5
_MARKER_WORDS = {
    "fi": words(
        "ja ei en eikä olen oon olin oli on ollut ollu tein teen tehnyt tehny töitä töissä työ työt mä mää "
        "minä sä myös sekä kanssa kun että mutta vuotta vuoden nyt sit sitten hommia duunissa osaan"
    ),
    "sv": words(
        "och jag har hade är var som med för på av det inte inom också arbetat jobbat arbetade jobbade "
        "år erfarenhet att till"
    ),
    "en": words("the and of with in i have has was were as for to at my experience worked work years also"),
}
_FINNISH_ENDINGS = (
    "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "nen", "inen", "ja", "jä",
    "ksi", "tti", "sin", "ista", "istä", "isen", "maan", "mään",
)  # fmt: skip
# Double vowels are common in Finnish and rare in Swedish and English; "ä" and "ö" only rule out English.
_FINNISH_VOWELS = re.compile(r"aa|ää|uu|yy|öö")


@dataclass(frozen=True)
class LanguageGuess:
    """The most likely language of a text.

    Attributes:
        language: An ISO 639-1 code, or ``"und"`` when the text has no letters.
        confidence: The probability of ``language`` among the candidates, from 0 to 1.
    """

    language: str
    confidence: float


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    # Loaded on first use, never at import; shared by every call. Each call restricts the raw scores
    # itself instead of calling set_languages, which would mutate this one.
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    try:
        return _cached_identifier(LanguageIdentifier, MODEL_DIR / MODEL_FILE)
    except Exception as exc:  # noqa: BLE001 - the shortcut failing in any way falls back to py3langid's loader
        logger.info("language model cache not used (%s)", exc)
        return LanguageIdentifier.from_model_file(MODEL_FILE)


def _cached_identifier(cls: Any, model_path: Path) -> Any:
    """py3langid's identifier from an uncompressed copy of its model in the cache directory.

    The package ships the model as an LZMA-compressed ``.npz``; decompressing it took about 0.5 s of
    every warm start. The copy is keyed by the model file's size and modification time and the package
    version, and it is built exactly as ``LanguageIdentifier.from_model_file`` builds it.
    """
    import lzma
    import shutil
    from importlib.metadata import version

    import numpy as np
    from py3langid.modelio import _to_array

    from osaaminen._cache import cache_entry, hash_key, write_entry

    stat = model_path.stat()
    entry = cache_entry("langid", hash_key(size=stat.st_size, mtime=stat.st_mtime_ns, version=version("py3langid")))
    data_path = entry / "model.npz"
    if not data_path.is_file():

        def write(folder: Path) -> None:
            with lzma.open(model_path) as src, (folder / "model.npz").open("wb") as dst:
                shutil.copyfileobj(src, dst, length=1 << 20)

        if not write_entry(entry, write):
            return cls.from_model_file(model_path)
    with np.load(data_path, allow_pickle=False) as data:
        return cls(
            np.asarray(data["ptc"]),
            np.asarray(data["pc"]),
            data["classes"].tolist(),
            _to_array(data["nextmove"]),
            data["out_feat"].tolist(),
            tk_row=_to_array(data["nextmove_row"]),
        )


def detect_language(text: str, candidates: Sequence[str] = SUPPORTED_LANGUAGES) -> LanguageGuess:
    """Guess the language of a text among ``candidates``, offline.

    py3langid's naive Bayes scores over the candidates are turned into probabilities (a softmax with
    py3langid's own length scaling). For short texts, where one or two words give the n-gram model
    little to go on, marker words ("ja", "olen", "och", "jag", "the"), Finnish case endings and letter
    patterns (``ä``, ``ö``, double vowels) nudge the guess; for long texts their weight is negligible.

    Args:
        text: The text.
        candidates: The languages to choose from, as ISO 639-1 codes.

    Returns:
        The likeliest candidate and its probability; ``LanguageGuess("und", 0.0)`` for a text without
        letters.

    Raises:
        ValueError: If ``candidates`` is empty.
        UnknownLanguageError: If a candidate is not a language the identifier knows.

    Examples:
        >>> detect_language("Olen työskennellyt hitsaajana viisi vuotta.").language
        'fi'
        >>> detect_language("Jag har arbetat som svetsare").language
        'sv'
        >>> detect_language("")
        LanguageGuess(language='und', confidence=0.0)
    """
    candidates = tuple(dict.fromkeys(candidates))
    if not candidates:
        raise ValueError("candidates is empty; give at least one language code, for example ('fi', 'sv', 'en')")
    identifier = _identifier()
    known = set(identifier.labels)
    unknown = [c for c in candidates if c not in known]
    if unknown:
        raise UnknownLanguageError(
            f"language(s) {unknown} unknown to the language identifier; use ISO 639-1 codes such as 'fi', 'sv', 'en'"
        )
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return LanguageGuess(_UNDETERMINED, 0.0)
    if len(candidates) == 1:
        return LanguageGuess(candidates[0], 1.0)
    raw = dict(identifier.rank(text))
    size = len(unicodedata.normalize("NFC", text).encode("utf-8", "surrogatepass"))
    boost = _boosts(words, candidates)
    logits = [raw[c] / math.sqrt(size) + boost[c] for c in candidates]
    top = max(logits)
    weights = [math.exp(x - top) for x in logits]
    best = max(range(len(candidates)), key=weights.__getitem__)
    return LanguageGuess(candidates[best], weights[best] / sum(weights))


def detect_segment_languages(
    segments: Sequence[Segment],
    text_language: str,
    *,
    candidates: Sequence[str] = SUPPORTED_LANGUAGES,
    min_words: int = 4,
    min_confidence: float = 0.8,
) -> list[str]:
    """Guess a language per segment of a possibly mixed-language text.

    A segment of at least ``min_words`` words whose guess reaches ``min_confidence`` keeps its own
    language. Any other segment (an item such as "Excel", a two-word line) inherits the language of
    the innermost enclosing segment that was decided, or else ``text_language``: short strings are
    guessed too poorly to override their context.

    Args:
        segments: Segments of one text, as :func:`~osaaminen.text.segment.segment` returns them
            (ordered by start offset, longer first).
        text_language: The language of the whole text, typically from :func:`detect_language`.
        candidates: The languages to choose from.
        min_words: Fewer words than this always inherit.
        min_confidence: A lower confidence always inherits.

    Returns:
        One language code per segment, in the order of ``segments``.

    Examples:
        >>> from osaaminen.text.segment import segment
        >>> text = "Olen työskennellyt varastossa kolme vuotta. I also worked as a forklift driver in Dublin."
        >>> detect_segment_languages(segment(text), "fi")
        ['fi', 'fi', 'en']
    """
    decided: dict[int, list[tuple[int, int, str]]] = {}  # per line: (start, end, language)
    languages = []
    for seg in segments:
        language = None
        if len(_WORD.findall(seg.text)) >= min_words:
            guess = detect_language(seg.text, candidates)
            if guess.confidence >= min_confidence:
                language = guess.language
        on_line = decided.setdefault(seg.line, [])
        if language is None:
            enclosing = (lang for start, end, lang in reversed(on_line) if start <= seg.start and seg.end <= end)
            language = next(enclosing, text_language)
        on_line.append((seg.start, seg.end, language))
        languages.append(language)
    return languages


def _boosts(words: list[str], candidates: Sequence[str]) -> dict[str, float]:
    hits = dict.fromkeys(("fi", "sv", "en", *candidates), 0.0)
    for word in words:
        for language, markers in _MARKER_WORDS.items():
            hits[language] += word in markers
        if len(word) >= 5 and word.endswith(_FINNISH_ENDINGS):
            hits["fi"] += 0.5
        if _FINNISH_VOWELS.search(word):
            hits["fi"] += 0.5
        if "å" in word:
            hits["sv"] += 1.0
        elif "ä" in word or "ö" in word:
            hits["fi"] += 0.3
            hits["sv"] += 0.3
    return {language: _BOOST * hits[language] / len(words) for language in candidates}
