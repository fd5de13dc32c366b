"""Build the shipped concept vectors: the default encoder's vectors of the bundled taxonomy's dense forms.

Embedding every label form on 2 cores takes many minutes, which would make a user's first recognition
slow; this script computes them once and writes them, quantised, to
``taxonomies/esco/v<version>/index/<encoder id>/`` (``vectors.npz`` with the texts' 64-bit keys, the
codes and the scales, and ``meta.json`` with the encoder id, the taxonomy fingerprint, the recipe, the
bits and a checksum). The recogniser takes a form's vector from there only when the form's exact text
and the encoder id match.

The label vectors are stored at 4 bits around their mean vector (stored as ``centre``), which halves
them at no measurable cost. It also embeds the labelled example sentences
(``taxonomies/build_examples.py``) as queries, int8, into the ``examples/`` subfolder, for the
recogniser's example-voting channel.

Run from the project root: ``.venv/bin/python taxonomies/build_concept_vectors.py`` (about 12 minutes on
2 cores; ``--part examples`` for the examples alone, about 6 minutes). Texts already in the shipped
index keep their vectors, so adding example sentences only encodes the new ones; ``--vectors FILE.npy
--texts FILE.json`` also reuses vectors computed before for the same texts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path

import numpy as np

import osaaminen as osa
from osaaminen.encoders import EncodeKind, Encoder, default_encoder
from osaaminen.recognition.examples import RECIPE as EXAMPLES_RECIPE
from osaaminen.recognition.examples import bundled_examples
from osaaminen.recognition.forms import build_forms
from osaaminen.recognition.index import TABLES, dense_form_mask
from osaaminen.recognition.vectors import PrecomputedVectors, index_folder, load_precomputed, quantize, text_keys


def _write(
    folder: Path,
    texts: list[str],
    vectors: np.ndarray,
    meta: dict[str, object],
    *,
    bits: int = 8,
    centre: np.ndarray | None = None,
) -> None:
    codes, scales = quantize(vectors.astype(np.float32), bits=bits, centre=centre)
    keys = text_keys(texts)
    if len(set(keys.tolist())) != len(texts):
        raise SystemExit("two texts share a 64-bit key: change the key function")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "texts.json").unlink(missing_ok=True)  # the texts themselves are no longer shipped
    data = folder / "vectors.npz"
    # uncompressed: quantised codes barely compress, and reading is faster
    if centre is None:
        np.savez(data, keys=keys, codes=codes, scales=scales)
    else:
        np.savez(data, keys=keys, codes=codes, scales=scales, centre=centre.astype(np.float32))
    how = "int8" if bits == 8 else "4-bit (two codes in -7..7 a byte)"
    meta = {
        **meta,
        "dim": int(vectors.shape[1]),
        "bits": bits,
        "quantisation": f"{how}, symmetric, one float32 scale per vector"
        + (", of the residual from the stored mean vector `centre`" if centre is not None else ""),
        "keys": "64-bit BLAKE2b of each text's UTF-8 bytes (osaaminen.recognition.vectors.text_keys)",
        "sha256": hashlib.sha256(data.read_bytes()).hexdigest(),
    }
    (folder / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file()) / 2**20
    print(f"wrote {folder} ({size:.1f} MB)")


def _centre(shipped: PrecomputedVectors | None, vectors: np.ndarray) -> np.ndarray:
    return shipped.centre if shipped is not None and shipped.centre is not None else vectors.mean(axis=0)


def _encode(
    encoder: Encoder,
    texts: list[str],
    kind: EncodeKind,
    old_vectors: Path | None,
    old_texts: Path | None,
    shipped: PrecomputedVectors | None = None,
) -> np.ndarray:
    known: dict[str, np.ndarray] = {}
    if shipped is not None:  # re-quantising a shipped vector gives back the same codes
        vectors, found = shipped.lookup(texts)
        known = dict(zip((t for t, f in zip(texts, found, strict=True) if f), vectors, strict=True))
    if old_vectors and old_texts:
        previous = json.loads(old_texts.read_text(encoding="utf-8"))
        old = np.load(old_vectors, mmap_mode="r")
        known.update({t: old[i] for i, t in enumerate(previous) if i < len(old)})
    missing = [t for t in texts if t not in known]
    if missing:
        print(f"encoding {len(missing):,} texts ({kind}) with {encoder.id} ...")
        fresh = encoder.encode(missing, kind=kind, batch_size=256, show_progress_bar=True)
        known.update(zip(missing, fresh, strict=True))
    return np.stack([known[t] for t in texts]).astype(np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vectors", type=Path, help="a .npy of label vectors computed before, row i for texts[i]")
    parser.add_argument("--texts", type=Path, help="the JSON list of texts those vectors are for")
    parser.add_argument("--example-vectors", type=Path, help="the same for the example sentences (query vectors)")
    parser.add_argument("--example-texts", type=Path, help="the JSON list of texts those vectors are for")
    parser.add_argument("--part", choices=("all", "labels", "examples"), default="all", help="which part to build")
    args = parser.parse_args()

    tax = osa.load_esco()
    encoder = default_encoder()
    started = time.perf_counter()
    common = {"encoder_id": encoder.id, "taxonomy_version": tax.version, "taxonomy_fingerprint": tax.fingerprint}
    if args.part in ("all", "labels"):
        texts: list[str] = []
        for table in TABLES:
            forms = build_forms(tax, table)
            mask = dense_form_mask(forms, table)
            texts.extend(str(t) for t in forms.text[mask])
        texts = list(dict.fromkeys(texts))
        print(f"{len(texts):,} distinct dense forms")
        shipped = load_precomputed(tax.version, encoder.id)
        vectors = _encode(encoder, texts, "passage", args.vectors, args.texts, shipped)
        # Label vectors keep their rankings at 4 bits around the mean (dev sets within ±0.01 of int8), which
        # halves them; the example votes, a softmax over close cosines, lose about 0.01 at 4 bits and stay
        # int8. The shipped centre is reused, so re-quantising the shipped vectors gives back the same codes.
        centre = _centre(shipped, vectors)
        _write(
            index_folder(tax.version, encoder.id),
            texts,
            vectors,
            {**common, "forms": len(texts)},
            bits=4,
            centre=centre,
        )
    if args.part in ("all", "examples"):
        examples = bundled_examples(tax.version)
        if examples is None:
            raise SystemExit("no bundled example sentences: run taxonomies/build_examples.py first")
        texts = list(examples.texts)
        shipped = load_precomputed(tax.version, encoder.id, "examples")
        vectors = _encode(encoder, texts, "query", args.example_vectors, args.example_texts, shipped)
        meta = {**common, "examples": examples.name, "recipe": EXAMPLES_RECIPE, "forms": len(texts)}
        _write(index_folder(tax.version, encoder.id, "examples"), texts, vectors, meta)
    print(f"done in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
