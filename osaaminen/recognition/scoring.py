"""Scoring text units against concepts: dense and lexical channels, fused and calibrated.

Each channel gives a similarity per (unit, concept). Raw similarities are not comparable across
channels (e5 cosines are compressed near 0.8, TF-IDF cosines are mostly 0), so each row is turned into
z-scores over all concepts; the fusion is a weighted sum of the z-scores, the example votes, a spotted
label and the raw cosines of two channels. The weights and a logistic calibration of the sum into a
probability are fitted per language on the dev sets by ``benchmarks/tune_recognition.py`` and stored in
``calibration.json`` beside this module.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from osaaminen.encoders import Encoder
from osaaminen.recognition.bridge import WordBridge
from osaaminen.recognition.examples import ExampleVoter
from osaaminen.recognition.forms import FormTable, max_per_concept
from osaaminen.recognition.lexical import LexicalMatcher
from osaaminen.recognition.spotting import LabelSpotter, Spot

__all__ = ["CHANNELS", "Calibration", "ChannelScores", "ConceptScorer", "load_calibration", "zscore"]

_CALIBRATION = Path(__file__).with_name("calibration.json")


CHANNELS = ("dense_en", "dense_own", "words", "chars", "exact", "examples", "raw_dense", "raw_chars", "bridge")
"""The fusable channels, in :class:`ChannelScores` and weight order."""


@dataclass(frozen=True)
class Calibration:
    """Fusion weights and the logistic map from fused score to probability, for one language and table.

    Attributes:
        dense_en: Weight of the z-scored embedding similarity to the concepts' English labels (ESCO's
            master language, and the encoder's strongest).
        dense_own: Weight of the z-scored embedding similarity to the labels in the text's own language.
        words: Weight of the z-scored word TF-IDF channel (labels in the text's language).
        chars: Weight of the z-scored character n-gram channel (labels in the text's language).
        exact: Weight of a label written word for word in the unit (own language or English).
        examples: Weight of the votes of the nearest labelled example sentences (0..1, not z-scored).
        raw_dense: Weight of the raw cosine to the English labels. z-scores say how a concept ranks
            within a unit; raw similarities say how close it is, which is what separates a real match
            from the best of a bad lot in a unit ("Lahti (2019-)") of a long history.
        raw_chars: Weight of the raw character n-gram cosine (labels in the text's language).
        bridge: Weight of the z-scored word TF-IDF similarity of the unit rewritten into English words
            (:class:`~osaaminen.recognition.bridge.WordBridge`) to the English labels and alt labels; 0 for
            English.
        slope: ``p = 1 / (1 + exp(-(slope * fused + length * log(1 + units) + intercept)))``: monotone
            in the fused score, so the probability never reorders what the fusion ranked.
        length: See ``slope``: the best of many units scores higher by chance alone, so a long text's
            scores are discounted (the sign is fitted; it makes a threshold mean the same for a line
            and for a CV).
        intercept: See ``slope``.
        threshold: Default probability above which a match is reported (chosen for precision on dev data).
        item_penalty: Subtracted from the fused scores of an enumeration item ("keittiöt" of "tein
            laatoitustyöt, kylpyhuoneet ja keittiöt"): out of its sentence a short item matches labels
            that share a word with it but not the sense, so it must match better than a sentence to count.
    """

    dense_en: float
    dense_own: float
    words: float
    chars: float
    exact: float
    examples: float
    raw_dense: float
    raw_chars: float
    bridge: float
    slope: float
    length: float
    intercept: float
    threshold: float
    item_penalty: float = 0.0

    @property
    def weights(self) -> tuple[float, ...]:
        """The channel weights in :data:`CHANNELS` order."""
        return tuple(float(getattr(self, name)) for name in CHANNELS)

    def needed(self) -> frozenset[str]:
        """The channels this calibration weighs (a channel with weight 0 need not be computed)."""
        return frozenset(name for name in CHANNELS if getattr(self, name))

    def fuse(self, scores: ChannelScores) -> np.ndarray:
        """Weighted sum of the channels."""
        return scores.fuse(self.weights)

    def probability(self, fused: np.ndarray, units: int) -> np.ndarray:
        """Calibrated probabilities of fused scores (any shape) from a text of ``units`` evidence units."""
        logit = self.slope * fused + self.length * np.log1p(units) + self.intercept
        result: np.ndarray = 1.0 / (1.0 + np.exp(-logit))
        return result


@cache
def load_calibration() -> dict[str, dict[str, Calibration]]:
    """``{table: {language: Calibration}}`` from ``calibration.json`` (``"*"`` is the fallback language)."""
    raw = json.loads(_CALIBRATION.read_text(encoding="utf-8"))
    return {
        table: {lang: Calibration(**values) for lang, values in by_lang.items()}
        for table, by_lang in raw["calibration"].items()
    }


def calibration_for(table: str, language: str) -> Calibration:
    """The calibration of ``table`` (``skills`` / ``occupations``) for ``language``, or the fallback."""
    by_lang = load_calibration()[table]
    return by_lang.get(language, by_lang["*"])


@dataclass(frozen=True)
class ChannelScores:
    """Similarities per channel, each ``(n_units, n_concepts)``, in :data:`CHANNELS` order.

    ``dense_en``, ``dense_own``, ``words`` and ``chars`` are z-scored per unit; ``exact`` is 0 or 1;
    ``examples`` are votes in 0..1 (most concepts get none, so z-scores would blow the few votes up);
    ``raw_dense`` and ``raw_chars`` are cosines before z-scoring; ``bridge`` is z-scored (zero for English
    units and languages without parallel English labels).
    """

    dense_en: np.ndarray
    dense_own: np.ndarray
    words: np.ndarray
    chars: np.ndarray
    exact: np.ndarray
    examples: np.ndarray
    raw_dense: np.ndarray
    raw_chars: np.ndarray
    bridge: np.ndarray

    def fuse(self, weights: Sequence[float]) -> np.ndarray:
        """Weighted sum of the channels, in field order (zero weights cost nothing)."""
        fused = np.zeros_like(self.dense_en)
        for name, weight in zip(CHANNELS, weights, strict=True):
            if weight:
                fused += np.float32(weight) * getattr(self, name)
        return fused

    def rows(self, mask: np.ndarray) -> ChannelScores:
        """The units selected by ``mask``."""
        return ChannelScores(*(getattr(self, name)[mask] for name in CHANNELS))


def zscore(matrix: np.ndarray) -> np.ndarray:
    """Standardise each row (a row of zeros stays zeros).

    Examples:
        >>> zscore(np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])).astype(float).round(3).tolist()
        [[-1.225, 0.0, 1.225], [0.0, 0.0, 0.0]]
    """
    mean = matrix.mean(axis=1, keepdims=True)
    std = matrix.std(axis=1, keepdims=True)
    result: np.ndarray = (matrix - mean) / np.where(std > 0, std, 1.0)
    return result.astype(np.float32)


class ConceptScorer:
    """Scores text units against the concepts of one table with every channel.

    Each unit is compared with the labels in its own language (lexical channels and ``dense_own``) and
    with the English labels (``dense_en``): mixing the languages' forms in one channel let
    near-duplicates in one language crowd out the other (measured: Finnish sentences RP@5 0.28 mixed
    against 0.32 separate).

    Args:
        forms: Label forms of the table's concepts.
        vectors: L2-normalised passage vectors of the dense forms, one row per form selected by
            ``dense_forms`` in order (all forms when it is ``None``).
        encoder: Encodes the units (as queries).
        dense_forms: Which forms the dense channels compare with (default all).
        voter: Labelled example sentences that vote for concepts (``None``: that channel is all zeros).
        cache_key: Key under which the lexical indexes are cached (``None``: not cached).
    """

    def __init__(
        self,
        forms: FormTable,
        vectors: np.ndarray,
        encoder: Encoder,
        dense_forms: np.ndarray | None = None,
        *,
        voter: ExampleVoter | None = None,
        cache_key: str | None = None,
    ) -> None:
        self.forms = forms
        self.encoder = encoder
        if voter is not None and voter.n_concepts != len(forms.uris):
            raise ValueError(f"example votes for {voter.n_concepts} concepts, forms for {len(forms.uris)}")
        self.voter = voter
        dense = forms if dense_forms is None else forms.select(dense_forms)
        if len(vectors) != dense.size:
            raise ValueError(f"{len(vectors)} vectors for {dense.size} dense forms")
        self.languages = tuple(dict.fromkeys(str(lang) for lang in forms.lang))
        self._dense: dict[str, tuple[FormTable, np.ndarray]] = {}
        self._lexical: dict[str, LexicalMatcher] = {}
        # Lexical indexes and spotters are built (or read from the cache) on first use of a language: a
        # Finnish service never pays for the Swedish ones, nor for the English ones its weights do not use.
        self._spot_forms: dict[str, FormTable] = {}
        self._spotters: dict[str, LabelSpotter] = {}
        self._cache_key = cache_key
        self._bridges: dict[str, WordBridge | None] = {}
        for lang in self.languages:
            in_lang = dense.lang == lang
            self._dense[lang] = (dense.select(in_lang), np.ascontiguousarray(vectors[in_lang], dtype=np.float32))
            self._spot_forms[lang] = forms.select(forms.lang == lang)

    @property
    def uris(self) -> np.ndarray:
        """The concepts' URIs (column order of every score matrix)."""
        return self.forms.uris

    def own_language(self, lang: str) -> str:
        """The label language a unit in ``lang`` is compared with (English when ``lang`` has no labels)."""
        if lang in self._dense:
            return lang
        return "en" if "en" in self._dense else self.languages[0]

    def channels(
        self,
        units: Sequence[str],
        languages: Sequence[str],
        query_vectors: np.ndarray | None = None,
        *,
        needed: Callable[[str], Collection[str]] | None = None,
    ) -> ChannelScores:
        """Every channel's z-scored similarity of each unit to each concept.

        Args:
            units: The unit texts.
            languages: Each unit's language.
            query_vectors: The units' query vectors (``None``: encoded here).
            needed: For a unit language, the channels to compute (see :meth:`Calibration.needed`); the
                others stay zeros. ``None`` computes all (the tuner needs them to choose weights).
        """
        if query_vectors is None:
            query_vectors = self.encoder.encode(list(units), kind="query")
        n, m = len(units), len(self.uris)
        out = dict(zip(CHANNELS, (np.zeros((n, m), dtype=np.float32) for _ in CHANNELS), strict=True))
        own = [self.own_language(lang) for lang in languages]
        english = self.own_language("en")
        every = frozenset(CHANNELS)
        wanted = {lang: every if needed is None else frozenset(needed(lang)) for lang in dict.fromkeys(languages)}
        for lang in dict.fromkeys(own):
            rows = np.array([code == lang for code in own])
            want = frozenset().union(*(wanted[code] for code, keep in zip(languages, rows, strict=True) if keep))
            queries = query_vectors[rows]
            group = [u for u, keep in zip(units, rows, strict=True) if keep]
            if want & {"dense_en", "raw_dense"}:
                dense_en = self._dense_scores(english, queries)
                out["dense_en"][rows] = zscore(dense_en)
                out["raw_dense"][rows] = dense_en
            if "dense_own" in want:
                same = lang == english and want & {"dense_en", "raw_dense"}
                out["dense_own"][rows] = out["dense_en"][rows] if same else zscore(self._dense_scores(lang, queries))
            if "words" in want:
                out["words"][rows] = zscore(self._lexicon(lang).word_scores(group, [lang] * len(group)))
            if want & {"chars", "raw_chars"}:
                chars = self._lexicon(lang).char_scores(group)
                out["chars"][rows] = zscore(chars)
                out["raw_chars"][rows] = chars
            bridge = self._bridge(lang) if lang != english and "bridge" in want else None
            if bridge is not None:
                bridged = [bridge.translate(unit) for unit in group]
                out["bridge"][rows] = zscore(self._lexicon(english).word_scores(bridged, [english] * len(group)))
        if self.voter is not None and any("examples" in want for want in wanted.values()):
            out["examples"] = self.voter.scores(query_vectors, languages)
        # Always: a label written word for word also folds languages and points at evidence.
        for row, (unit, lang) in enumerate(zip(units, own, strict=True)):
            for spot in self.spots(unit, lang):
                out["exact"][row, spot.concept] = 1.0
        return ChannelScores(**out)

    def spots(self, unit: str, lang: str) -> list[Spot]:
        """Labels written word for word in ``unit``: in its language's labels and in the English ones."""
        own = self.own_language(lang)
        found = self._spotter(own).spot(unit)
        english = self.own_language("en")
        if english != own:
            found += self._spotter(english).spot(unit)
        return found

    def _lexicon(self, lang: str) -> LexicalMatcher:
        matcher = self._lexical.get(lang)
        if matcher is None:  # two threads may both build it; either result is the same
            key = None if self._cache_key is None else f"{self._cache_key}:{lang}"
            matcher = self._lexical[lang] = LexicalMatcher(self._spot_forms[lang]).fit(cache_key=key)
        return matcher

    def _spotter(self, lang: str) -> LabelSpotter:
        spotter = self._spotters.get(lang)
        if spotter is None:  # two threads may both build it; either result is the same
            key = None if self._cache_key is None else f"{self._cache_key}:{lang}"
            spotter = self._spotters[lang] = LabelSpotter(self._spot_forms[lang], cache_key=key)
        return spotter

    def _bridge(self, lang: str) -> WordBridge | None:
        """The word bridge from ``lang`` into English, learned from the concepts' preferred label pairs."""
        if lang not in self._bridges:  # built on first use of a language, like the spotters
            english = self.own_language("en")
            labels = self.forms.field == "label"
            own = dict(
                zip(
                    self.forms.concept[labels & (self.forms.lang == lang)],
                    self.forms.text[labels & (self.forms.lang == lang)],
                    strict=True,
                )
            )
            pairs = [
                (str(own[c]), str(text))
                for c, text in zip(
                    self.forms.concept[labels & (self.forms.lang == english)],
                    self.forms.text[labels & (self.forms.lang == english)],
                    strict=True,
                )
                if c in own
            ]
            self._bridges[lang] = WordBridge().fit(pairs) if english != lang and pairs else None
        return self._bridges[lang]

    def _dense_scores(self, lang: str, queries: np.ndarray) -> np.ndarray:
        forms, vectors = self._dense[lang]
        return max_per_concept(queries @ vectors.T, forms)

    def fused(
        self, scores: ChannelScores, languages: Sequence[str], table: str, items: Sequence[bool] | None = None
    ) -> np.ndarray:
        """Fused scores, each unit with its language's weights (less the item penalty where ``items`` says so)."""
        out = np.empty_like(scores.dense_en)
        is_item = np.zeros(len(languages), dtype=bool) if items is None else np.asarray(items, dtype=bool)
        for lang in set(languages):
            rows = np.array([code == lang for code in languages])
            calibration = calibration_for(table, lang)
            out[rows] = calibration.fuse(scores.rows(rows))
            if calibration.item_penalty:
                out[rows & is_item] -= np.float32(calibration.item_penalty)
        return out
