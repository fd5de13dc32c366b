"""Finnish against the same sentences in English: issue 4's parity target, with the tuning optimism shown.

The 40 Finnish dev sentences are translations of TECH, HOUSE and TECHWOLF sentences whose English
originals are not in the project; ``data/en_dev/`` has them translated back into English by a translator
who saw only the Finnish. This script prints skill RP@5 of the fused ranking (the calibration is
monotone, so ``rank_skills`` ranks alike) on:

1. the English back-translations, with the committed English weights (tuned on TECH / HOUSE
   validation, never on these sentences);
2. the Finnish sentences, with the committed Finnish weights (tuned on these very sentences and the
   Finnish histories: in-sample, so optimistic);
3. the Finnish sentences, 2-fold cross-validated: the Finnish weights are searched again (from scratch,
   not from the committed ones) on half of the sentences plus the histories, and scored on the other
   half; the mean over both halves is what the weights give on sentences they were not tuned on.

Run: ``.venv/bin/python benchmarks/finnish_parity.py`` (about 3 minutes; default encoder).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import devsets
import tune_recognition as tuning

import osaaminen as osa


def main() -> None:
    rec = osa.SkillRecogniser(osa.load_esco())
    uris = rec._ensure_index().scorer("skills").uris
    english = tuning.prepare(rec, devsets.english_backtranslations(), "skills", "RP@5")
    finnish = tuning.prepare(rec, devsets.finnish_sentences(), "skills", "RP@5")
    histories = tuning.prepare(rec, devsets.finnish_histories(), "skills", "RP@10")
    en_weights, fi_weights = tuning._committed("skills", "en"), tuning._committed("skills", "fi")
    if en_weights is None or fi_weights is None:
        raise SystemExit("calibration.json has no English or Finnish skill weights")

    held_out = []
    for fold in (0, 1):
        train = [item for i, item in enumerate(finnish) if i % 2 != fold]
        test = [item for i, item in enumerate(finnish) if i % 2 == fold]
        weights, _ = tuning.fit_weights([train, histories], uris, "skills", "fi", None)
        held_out.append((tuning.quality([test], uris, weights, "skills"), len(test)))
    cross_validated = sum(score * n for score, n in held_out) / sum(n for _, n in held_out)

    rows = {
        "English back-translations, English weights (not tuned on them)": tuning.quality(
            [english], uris, en_weights, "skills"
        ),
        "Finnish, Finnish weights tuned on them (in-sample)": tuning.quality([finnish], uris, fi_weights, "skills"),
        "Finnish, 2-fold cross-validated Finnish weights": cross_validated,
    }
    print(f"\n{len(finnish)} sentences, skill RP@5 of the fused ranking:")
    for name, value in rows.items():
        print(f"  {name:<66} {value:.3f}")
    print("  per fold (held-out half):", ", ".join(f"{score:.3f}" for score, _ in held_out))


if __name__ == "__main__":
    main()
