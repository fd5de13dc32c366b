"""Language skills: a language named in a history is reported as that language, not as four sub-skills.

ESCO has a knowledge concept for each language ("suomi", "Finnish") and under it four skills
("kirjoittaa suomea", "ymmärtää puhuttua suomea", ...), and a few domain variants ("käyttää
merenkulun englantia", "ilmailuenglanti") that a text naming the language matches as well. "Puhun
viroa ja venäjää" says which languages someone knows, not whether they write or read them; every
sub-skill matches such text about as well as the language itself, so without folding a two-language
sentence fills a profile with eight near-duplicates. Measured on the Finnish work histories (dev):
precision of the explicit skills 0.17 -> 0.34 at the default threshold. A sub-skill keeps its own
score where the text names it word for word ("kirjoittaa suomea", "merenkulkuenglanti").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from osaaminen.recognition.forms import FormTable
from osaaminen.taxonomy import Taxonomy
from osaaminen.text.finnish import VOWELS, weak_grade

__all__ = ["LanguageFold", "finnish_inflections", "language_concepts", "language_parents", "with_inflected_languages"]


def _language_flags(taxonomy: Taxonomy) -> tuple[np.ndarray, np.ndarray] | None:
    """Per skill: flagged as a language, and of type knowledge (``None``: the table has no such columns)."""
    skills = taxonomy.skills
    if "language" not in skills.columns or "type" not in skills.columns:
        return None
    is_language = skills["language"].fillna(False).to_numpy(dtype=bool)
    is_knowledge = (skills["type"].astype("string").fillna("") == "knowledge").to_numpy(dtype=bool)
    return is_language, is_knowledge


def language_concepts(taxonomy: Taxonomy) -> set[str]:
    """The URIs of the languages themselves: ESCO's knowledge concepts flagged as a language ("Finnish")."""
    flags = _language_flags(taxonomy)
    if flags is None:
        return set()
    is_language, is_knowledge = flags
    return {str(uri) for uri in taxonomy.skills.uri[is_language & is_knowledge]}


def language_parents(taxonomy: Taxonomy) -> dict[str, str]:
    """Each language sub-skill's language concept: ``{"write Finnish" uri: "Finnish" uri, ...}``.

    Sub-skills are ESCO's four skills under each language and its domain variants, whose English label
    names the language ("use maritime English", "aviation English").

    Examples:
        >>> import osaaminen as osa
        >>> tax = osa.load_esco(languages=("en",))
        >>> parents = language_parents(tax)
        >>> sorted(tax.label(u) for u, p in parents.items() if tax.label(p) == "Finnish")[:2]
        ['interact verbally in Finnish', 'understand spoken Finnish']
    """
    skills = taxonomy.skills
    flags = _language_flags(taxonomy)
    if flags is None:
        return {}
    is_language, is_knowledge = flags
    languages = {str(uri) for uri in skills.uri[is_language & is_knowledge]}
    parents: dict[str, str] = {}
    for uri in skills.uri[is_language & ~is_knowledge]:
        broader = [b for b in taxonomy.ancestors(str(uri)) if b in languages]
        if broader:
            parents[str(uri)] = broader[0]
    names = {}
    if "label_en" in skills.columns:
        names = {
            label: str(uri)
            for uri, label in zip(skills.uri, skills.label_en, strict=True)
            if uri in languages and isinstance(label, str) and label.strip()
        }
    if names:
        # Domain variants ("use maritime English", "aviation English", "Ancient Greek") are not linked
        # to their language, but match a text that names it as well as it does.
        pattern = re.compile(
            r"\b(" + "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True)) + r")\b"
        )
        for uri, label in zip(skills.uri, skills.label_en, strict=True):
            if uri in languages or uri in parents or not isinstance(label, str):
                continue
            if (match := pattern.search(label)) is not None:
                parents[str(uri)] = names[match.group(1)]
    return parents


@dataclass(frozen=True)
class LanguageFold:
    """Moves the scores of language sub-skills onto their language, in a ``(units, concepts)`` score matrix.

    Attributes:
        children: Columns of the sub-skills.
        parents: Column of each sub-skill's language.
    """

    children: np.ndarray
    parents: np.ndarray

    @classmethod
    def build(cls, taxonomy: Taxonomy, uris: Sequence[str] | np.ndarray) -> LanguageFold:
        """The fold for score matrices whose columns are ``uris`` (pairs not among them are skipped)."""
        column = {str(uri): i for i, uri in enumerate(uris)}
        pairs = [(column[c], column[p]) for c, p in language_parents(taxonomy).items() if c in column and p in column]
        children, parents = (np.array(side, dtype=np.intp) for side in zip(*pairs, strict=True)) if pairs else ([], [])
        return cls(np.asarray(children, dtype=np.intp), np.asarray(parents, dtype=np.intp))

    def apply(self, scores: np.ndarray, named: np.ndarray) -> np.ndarray:
        """Each language takes the best score of its sub-skills, which drop to the unit's lowest score.

        Args:
            scores: ``(units, concepts)`` fused scores.
            named: Same shape, non-zero where a unit names the concept word for word (the ``exact``
                channel): such a sub-skill keeps its score, and still lifts its language.

        Returns:
            A new matrix; ``scores`` is not changed.

        Examples:
            >>> fold = LanguageFold(children=np.array([1, 2]), parents=np.array([0, 0]))
            >>> fold.apply(np.array([[0.1, 0.7, 0.4, 0.2]]), np.zeros((1, 4))).tolist()
            [[0.7, 0.1, 0.1, 0.2]]
        """
        out = np.array(scores, copy=True)
        if not len(self.children) or not out.size:
            return out
        values = out[:, self.children]
        floor = out.min(axis=1, keepdims=True)
        np.maximum.at(out.T, self.parents, values.T)  # a view: rows of out.T are the concepts
        out[:, self.children] = np.where(named[:, self.children] != 0, values, floor)
        return out


def finnish_inflections(name: str) -> list[str]:
    """The forms a Finnish language name takes in a CV besides its nominative.

    The partitive ("puhun venäjää"), translative ("englanniksi") and essive ("venäjänä"). Cases a
    country's name shares ("Venäjän", "Ruotsissa": of Russia, in Sweden) are left out.

    Examples:
        >>> finnish_inflections("venäjä"), finnish_inflections("englanti")
        (['venäjää', 'venäjäksi', 'venäjänä'], ['englantia', 'englanniksi', 'englantina'])
        >>> finnish_inflections("suomi"), finnish_inflections("vietnam")
        (['suomea', 'suomeksi', 'suomena'], ['vietnamia', 'vietnamiksi', 'vietnamina'])
    """
    word = name.lower()
    if not word or " " in word or "-" in word:
        return []
    a = "a" if any(v in word for v in "aou") else "ä"
    if word[-1] not in VOWELS:  # "vietnam", "sanskrit", "jiddiš"
        return [f"{word}i{a}", f"{word}iksi", f"{word}in{a}"]
    if word == "suomi":  # the one old e-stem among ESCO's languages
        return ["suomea", "suomeksi", "suomena"]
    if word.endswith("kieli"):  # "romanikieli": the compound inflects as its last part
        return [word[:-5] + form for form in ("kieltä", "kieleksi", "kielenä")]
    weak = weak_grade(word[:-1])
    return [f"{word}{a}", f"{weak}{word[-1]}ksi", f"{word}n{a}"]


def with_inflected_languages(forms: FormTable, taxonomy: Taxonomy) -> FormTable:
    """``forms`` with the Finnish inflections of each language's Finnish label as hidden Finnish forms.

    A Finnish CV names a language in the partitive or translative ("puhun venäjää", "yhteydenpito
    englanniksi"), which neither a label spotted word for word nor a character n-gram of one ("venäjä"
    is also in "valkovenäjä") takes as the language itself.
    """
    if "label_fi" not in taxonomy.skills.columns:
        return forms
    column = {str(uri): i for i, uri in enumerate(forms.uris)}
    languages = language_concepts(taxonomy)
    skills = taxonomy.skills
    extra = [
        (column[str(uri)], form)
        for uri, label in zip(skills.uri, skills.label_fi, strict=True)
        if uri in languages and str(uri) in column and isinstance(label, str)
        for form in finnish_inflections(label)
    ]
    if not extra:
        return forms
    concept = np.concatenate([forms.concept, np.array([c for c, _ in extra], dtype=forms.concept.dtype)])
    order = np.argsort(concept, kind="stable")  # forms stay sorted by concept, as every matcher expects

    def joined(values: np.ndarray, added: list[str]) -> np.ndarray:
        return np.concatenate([values, np.array(added, dtype=object)])[order]

    return FormTable(
        uris=forms.uris,
        concept=concept[order],
        text=joined(forms.text, [form for _, form in extra]),
        lang=joined(forms.lang, ["fi"] * len(extra)),
        field=joined(forms.field, ["hidden_labels"] * len(extra)),
    )
