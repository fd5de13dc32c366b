"""Text handling for recognition: input checks, segmentation, language, normalisation, negation, durations.

The layer between a job seeker's free text and the matchers. It turns whatever arrived into a checked
``str`` (:func:`check_text`), cuts it into evidence units with offsets into the original
(:func:`segment`), tells their language (:func:`detect_language`), brings Finnish, Swedish and English
words to comparable forms (:func:`lemmas`, :func:`char_ngrams`, :func:`split_compound_fi`), and finds
what is denied (:func:`is_negated`) and how long things were done (:func:`extract_durations`).

Everything runs offline on bundled data: py3langid's model and simplemma's dictionaries are loaded on
first use, not on import. No function logs or prints the text, which is personal data.

Examples:
    >>> from osaaminen.text import segment, detect_language
    >>> text = "Olen tehnyt hitsausta, koneistusta ja kokoonpanoa."
    >>> detect_language(text).language
    'fi'
    >>> [s.text for s in segment(text) if s.kind == "item"]
    ['hitsausta', 'koneistusta', 'kokoonpanoa']
"""

from osaaminen.text.duration import Duration, extract_durations
from osaaminen.text.input import MAX_CHARS, check_text, is_blank
from osaaminen.text.language import SUPPORTED_LANGUAGES, LanguageGuess, detect_language, detect_segment_languages
from osaaminen.text.negation import is_negated, negated_spans
from osaaminen.text.normalise import (
    COLLOQUIAL_FI,
    Token,
    char_ngrams,
    fold,
    lemmas,
    lemmatise,
    split_compound_fi,
    standardise_fi,
    tokenize,
)
from osaaminen.text.segment import Segment, segment

__all__ = [
    "COLLOQUIAL_FI",
    "MAX_CHARS",
    "SUPPORTED_LANGUAGES",
    "Duration",
    "LanguageGuess",
    "Segment",
    "Token",
    "char_ngrams",
    "check_text",
    "detect_language",
    "detect_segment_languages",
    "extract_durations",
    "fold",
    "is_blank",
    "is_negated",
    "lemmas",
    "lemmatise",
    "negated_spans",
    "segment",
    "split_compound_fi",
    "standardise_fi",
    "tokenize",
]
