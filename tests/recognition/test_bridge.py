"""The word bridge into English and its channel."""

from __future__ import annotations

import numpy as np

import osaaminen as osa
from osaaminen.encoders import HashingEncoder
from osaaminen.recognition.bridge import WordBridge
from osaaminen.recognition.index import build_index
from tests.toy_esco import S_WELD

PAIRS = [
    ("hitsata metalliosia", "weld metal parts"),
    ("hitsata putkia", "weld pipes"),
    ("käyttää trukkia", "operate forklift"),
    ("huoltaa trukkia", "maintain forklift"),
    ("siivota huoneita", "clean rooms"),
]


def test_bridge_learns_from_label_pairs_and_survives_inflection() -> None:
    bridge = WordBridge().fit(PAIRS)
    # "putkia" is in one pair only: an association seen once is not trusted
    assert bridge.translate("Hitsasin putkia ja trukkityöt") == "weld forklift"
    assert bridge.translate("siivosin") == ""
    assert bridge.translate("") == ""
    assert WordBridge().fit([]).translate("hitsata") == ""


def test_bridge_channel_is_zero_for_english_units(toy: osa.Taxonomy) -> None:
    scorer = build_index(toy, HashingEncoder(dim=64)).skills
    scores = scorer.channels(["weld metal parts", "hitsaan metalliosia"], ["en", "fi"])
    assert not scores.bridge[0].any()
    assert np.isfinite(scores.bridge).all()
    assert S_WELD in set(scorer.uris)
