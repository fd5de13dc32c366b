"""Lexical matching: lemma and character n-gram TF-IDF between text and label forms.

Two channels, both cosine similarities of TF-IDF vectors, best form per concept:

* *words*: words and word bigrams, lemmatised for English (simplemma); strong where text and label
  share words ("operate a forklift" ~ "operate forklift");
* *characters*: 3–5-grams inside word boundaries of the folded text; robust to Finnish inflection and
  compounds ("trukinkuljettajana" ~ "trukinkuljettaja", "hitsasin" ~ "hitsata").
"""

from __future__ import annotations

import itertools
import json
import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy import sparse

from osaaminen._cache import cache_entry, hash_key, write_entry
from osaaminen.recognition.forms import FormTable, max_per_concept
from osaaminen.text.normalise import fold, lemmas, standardise_fi, tokenize

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer

__all__ = ["LexicalMatcher", "TfidfTransform", "char_wb_ngrams"]

_SEPARATOR = "\x1f"  # between a language code and the text, so the analyzer knows how to lemmatise
_SCHEMA = 4  # bump when the features, the forms or the file layout change

logger = logging.getLogger(__name__)


def _words_vectorizer(**kwargs: Any) -> TfidfVectorizer:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer=_word_features, sublinear_tf=True, dtype=np.float32, **kwargs)


def _chars_vectorizer(**kwargs: Any) -> TfidfVectorizer:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer=_char_features, sublinear_tf=True, dtype=np.float32, **kwargs)


_WHITESPACE = re.compile(r"\s\s+")


def char_wb_ngrams(text: str, low: int = 3, high: int = 5) -> list[str]:
    """Character n-grams inside word boundaries, padded with a space: scikit-learn's ``char_wb``.

    Examples:
        >>> char_wb_ngrams("ab trukki", 3, 4)
        [' ab', 'ab ', ' ab ', ' tr', 'tru', 'ruk', 'ukk', 'kki', 'ki ', ' tru', 'truk', 'rukk', 'ukki', 'kki ']
    """
    grams: list[str] = []
    for word in _WHITESPACE.sub(" ", text).split():
        padded = f" {word} "
        length = len(padded)
        for n in range(low, high + 1):
            offset = 0
            grams.append(padded[offset : offset + n])
            while offset + n < length:
                offset += 1
                grams.append(padded[offset : offset + n])
            if offset == 0:  # a short word is counted once
                break
    return grams


def _char_features(text: str) -> list[str]:
    return char_wb_ngrams(fold(text))


class TfidfTransform:
    """The query side of a fitted TF-IDF index: sublinear term frequency times idf, L2-normalised.

    The same arithmetic as scikit-learn's ``TfidfVectorizer(sublinear_tf=True).transform`` (a test
    checks it), without importing scikit-learn, which cost a warm start about 0.6 s.

    Args:
        vocabulary: Term -> column.
        idf: Inverse document frequency per column.
        analyzer: Text -> terms.

    Examples:
        >>> tfidf = TfidfTransform({"a": 0, "b": 1}, np.array([1.0, 2.0]), str.split)
        >>> tfidf.transform(["a b b", "c"]).toarray().astype(float).round(3).tolist()
        [[0.283, 0.959], [0.0, 0.0]]
    """

    def __init__(self, vocabulary: dict[str, int], idf: np.ndarray, analyzer: Callable[[str], list[str]]) -> None:
        self.vocabulary = vocabulary
        self.idf = np.asarray(idf, dtype=np.float32)
        self.analyzer = analyzer

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """``(len(texts), len(vocabulary))`` TF-IDF rows."""
        indptr, indices, counts = [0], [], []
        for text in texts:
            found = Counter(col for term in self.analyzer(text) if (col := self.vocabulary.get(term)) is not None)
            for col in sorted(found):
                indices.append(col)
                counts.append(found[col])
            indptr.append(len(indices))
        index = np.asarray(indices, dtype=np.int64)
        data = (np.log(np.asarray(counts, dtype=np.float32)) + 1.0) * self.idf[index]
        matrix = sparse.csr_matrix((data, index, np.asarray(indptr)), shape=(len(texts), len(self.idf)))
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        scale = np.repeat(np.where(norms > 0, 1.0 / np.where(norms > 0, norms, 1.0), 0.0), np.diff(matrix.indptr))
        matrix.data = (matrix.data * scale).astype(np.float32)
        return matrix


# Languages whose words are lemmatised with simplemma. Its Finnish and Swedish dictionaries take
# several seconds to load in every new process, which would break the warm-start target; for those
# languages the character channel carries inflection instead, and words are only folded (and
# colloquial Finnish standardised).
_LEMMATISED = frozenset({"en"})


def _word_features(tagged: str) -> list[str]:
    lang, _, text = tagged.partition(_SEPARATOR)
    if lang in _LEMMATISED:
        words = [lemma for lemma, _ in lemmas(text, lang)]
    elif lang == "fi":
        words = [standardise_fi(fold(token.text)) for token in tokenize(text)]
    else:
        words = [fold(token.text) for token in tokenize(text)]
    words = [word for word in words if any(ch.isalnum() for ch in word)]
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


class LexicalMatcher:
    """Word and character TF-IDF similarity between texts and the label forms of concepts.

    Args:
        forms: The label forms to match against.

    Examples:
        >>> import numpy as np
        >>> from osaaminen.recognition.forms import FormTable
        >>> forms = FormTable(np.array(["u1", "u2"], dtype=object), np.array([0, 1]),
        ...                   np.array(["operate forklift", "weld metal"], dtype=object),
        ...                   np.array(["en", "en"], dtype=object), np.array(["label", "label"], dtype=object))
        >>> words, chars = LexicalMatcher(forms).fit().scores(["I operated forklifts"], ["en"])
        >>> int(words[0].argmax()), int(chars[0].argmax())
        (0, 0)
    """

    def __init__(self, forms: FormTable) -> None:
        self.forms = forms

    def fit(self, *, cache_key: str | None = None) -> LexicalMatcher:
        """Build both TF-IDF indexes over the forms.

        Args:
            cache_key: When given, the fitted indexes (vocabularies, idf weights, form matrices; no
                pickles) are kept in the cache directory under this key and read back next time,
                which takes a fraction of the ~10 s that fitting ESCO's 100,000 forms takes.
        """
        if cache_key is not None:
            entry = cache_entry("lexical", hash_key(key=cache_key, schema=_SCHEMA, sklearn=version("scikit-learn")))
            if self._read(entry):
                return self
        tagged = [f"{lang}{_SEPARATOR}{text}" for lang, text in zip(self.forms.lang, self.forms.text, strict=True)]
        words, chars = _words_vectorizer(), _chars_vectorizer()
        self.word_matrix_ = words.fit_transform(tagged).T.tocsr()
        self.char_matrix_ = chars.fit_transform(list(self.forms.text)).T.tocsr()
        self.words_ = TfidfTransform(words.vocabulary_, words.idf_, _word_features)
        self.chars_ = TfidfTransform(chars.vocabulary_, chars.idf_, _char_features)
        if cache_key is not None:
            write_entry(entry, self._write)
        return self

    def _write(self, folder: Path) -> None:
        for name, vectorizer, matrix in (
            ("words", self.words_, self.word_matrix_),
            ("chars", self.chars_, self.char_matrix_),
        ):
            vocabulary = sorted(vectorizer.vocabulary, key=vectorizer.vocabulary.__getitem__)
            (folder / f"{name}.vocabulary.json").write_text(json.dumps(vocabulary, ensure_ascii=False), "utf-8")
            np.save(folder / f"{name}.idf.npy", vectorizer.idf)
            # Uncompressed: decompressing took most of the ~1 s a warm start spent reading this cache.
            sparse.save_npz(folder / f"{name}.matrix.npz", matrix, compressed=False)
        (folder / "meta.json").write_text(json.dumps({"forms": self.forms.size}), "utf-8")

    def _read(self, entry: Path) -> bool:
        if not (entry / "meta.json").is_file():
            return False
        try:
            if json.loads((entry / "meta.json").read_text("utf-8"))["forms"] != self.forms.size:
                return False
            loaded = {}
            for name, analyzer in (("words", _word_features), ("chars", _char_features)):
                vocabulary = json.loads((entry / f"{name}.vocabulary.json").read_text("utf-8"))
                idf = np.load(entry / f"{name}.idf.npy", allow_pickle=False)
                vectorizer = TfidfTransform({term: i for i, term in enumerate(vocabulary)}, idf, analyzer)
                matrix = sparse.load_npz(entry / f"{name}.matrix.npz").tocsr()
                if matrix.shape != (len(vocabulary), self.forms.size):
                    return False
                loaded[name] = (vectorizer, matrix)
        except (OSError, ValueError, KeyError, EOFError) as exc:  # EOFError: np.load of an empty file
            logger.info("lexical index cache %s unreadable (%s); rebuilding it", entry, exc)
            return False
        (self.words_, self.word_matrix_), (self.chars_, self.char_matrix_) = loaded["words"], loaded["chars"]
        return True

    def scores(self, texts: Sequence[str], languages: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Word and character similarity of each text to each concept, ``(len(texts), n_concepts)`` each."""
        return self.word_scores(texts, languages), self.char_scores(texts)

    def char_scores(self, texts: Sequence[str]) -> np.ndarray:
        """Character n-gram similarity of each text to each concept, ``(len(texts), n_concepts)``."""
        return max_per_concept(self.chars_.transform(list(texts)) @ self.char_matrix_, self.forms)

    def word_scores(self, texts: Sequence[str], languages: Sequence[str]) -> np.ndarray:
        """Word similarity of each text to each concept, ``(len(texts), n_concepts)``."""
        tagged = [f"{lang}{_SEPARATOR}{text}" for lang, text in zip(languages, texts, strict=True)]
        return max_per_concept(self.words_.transform(tagged) @ self.word_matrix_, self.forms)
