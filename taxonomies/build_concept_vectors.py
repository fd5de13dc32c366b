"""Build the shipped concept vectors: the default encoder's vectors of the bundled taxonomy's dense forms.

Embedding every label form on 2 cores takes many minutes, which would make a user's first recognition
slow; this script computes them once and writes them, int8-quantised, to
``taxonomies/esco/v<version>/index/<encoder id>/`` (``vectors.npz`` with the texts, codes and scales,
and ``meta.json`` with the encoder id, the taxonomy fingerprint, the recipe and a checksum). The
recogniser takes a form's vector from there only when the form's exact text and the encoder id match.

Run from the project root: ``.venv/bin/python taxonomies/build_concept_vectors.py`` (about 10 minutes on
2 cores); ``--vectors FILE.npy --texts FILE.json`` reuses vectors computed before for the same texts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path

import numpy as np

import osaaminen as osa
from osaaminen.encoders import default_encoder
from osaaminen.recognition.forms import build_forms
from osaaminen.recognition.index import TABLES, dense_form_mask
from osaaminen.recognition.vectors import index_folder, quantize


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vectors", type=Path, help="a .npy of vectors computed before, row i for texts[i]")
    parser.add_argument("--texts", type=Path, help="the JSON list of texts those vectors are for")
    args = parser.parse_args()

    tax = osa.load_esco()
    encoder = default_encoder()
    texts: list[str] = []
    for table in TABLES:
        forms = build_forms(tax, table)
        mask = dense_form_mask(forms, table)
        texts.extend(str(t) for t in forms.text[mask])
    texts = list(dict.fromkeys(texts))
    print(f"{len(texts):,} distinct dense forms")

    known: dict[str, np.ndarray] = {}
    if args.vectors and args.texts:
        old_texts = json.loads(args.texts.read_text(encoding="utf-8"))
        old = np.load(args.vectors, mmap_mode="r")
        known = {t: old[i] for i, t in enumerate(old_texts) if i < len(old)}
    missing = [t for t in texts if t not in known]
    started = time.perf_counter()
    if missing:
        print(f"encoding {len(missing):,} forms with {encoder.id} ...")
        fresh = encoder.encode(missing, kind="passage", batch_size=256, show_progress_bar=True)
        known.update(zip(missing, fresh, strict=True))
    vectors = np.stack([known[t] for t in texts]).astype(np.float32)
    codes, scales = quantize(vectors)

    folder = index_folder(tax.version, encoder.id)
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / "vectors.npz"
    np.savez_compressed(data, codes=codes, scales=scales)
    (folder / "texts.json").write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    meta = {
        "encoder_id": encoder.id,
        "taxonomy_version": tax.version,
        "taxonomy_fingerprint": tax.fingerprint,
        "forms": len(texts),
        "dim": int(vectors.shape[1]),
        "quantisation": "int8, symmetric, one float32 scale per vector",
        "sha256": hashlib.sha256(data.read_bytes()).hexdigest(),
        "texts_sha256": hashlib.sha256((folder / "texts.json").read_bytes()).hexdigest(),
    }
    (folder / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in folder.iterdir()) / 2**20
    print(f"wrote {folder} ({size:.1f} MB) in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
