#!/usr/bin/env python3
"""Generate the PyTorch 2.x golden fixtures of mode='lanczos' (F.interpolate, antialias=True).

PyTorch added mode='lanczos' in 2.x; the pip wheel (torch 2.13 CPU) is its oracle. One command,
from the repository root, with a venv of the default python3 that has torch and numpy:

    python3 -m venv .venv && .venv/bin/pip install torch numpy
    .venv/bin/python src/test/python/generate_lanczos_golden.py

Default output: src/test/resources/golden/torch-2.x/lanczos (manifest.json, cases.jsonl,
arrays-lanczos.npz), in the format of generate_golden.py, whose case records and writers it
reuses. The torch version is recorded in the manifest and in every case. Deterministic: the same
torch, numpy and seed give byte-identical cases.jsonl and arrays-lanczos.npz.

Coverage: uint8 / float32 / float64; channels 1, 3, 4 and more than 4 (uint8 with C > 4 takes
torch's generic fixed-point kernel, C <= 4 its AVX2 one); up- and downscales including 8x and
more; size and scale_factor, with and without recompute_scale_factor; align_corners=False passed
explicitly; 1-pixel inputs and outputs; identities and unchanged axes; wide rows.
"""

import argparse
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate_golden as gg  # noqa: E402  (case records, input data and writers)

DEFAULT_SEED = 20261203
MODE = "lanczos"
DTYPES = ("uint8", "float32", "float64")


def case(cid, group, dtype, x, note, **kw):
    return gg.Case(cid, group, MODE, dtype, x, size=kw.get("size"), scale=kw.get("scale"),
                   align_corners=kw.get("align_corners"), recompute=kw.get("recompute"),
                   antialias=True, note=note)


def edge_definitions():
    """(input shape, kwargs, note): the shapes and arguments every dtype is run with."""
    d = []

    def add(shape, note, **kw):
        d.append((tuple(shape), kw, note))

    # Channels 1, 3, 4 and more than 4, up and down.
    for c in (1, 2, 3, 4, 5, 7):
        add((1, c, 9, 11), "C=%d downscale" % c, size=(4, 5))
        add((2, c, 5, 6), "C=%d upscale" % c, size=(11, 13))
    # Large downscales (8x and more) and mixed directions.
    add((1, 3, 64, 64), "8x downscale", size=(8, 8))
    add((1, 1, 97, 83), "12x / 10x downscale", size=(8, 8))
    add((1, 4, 40, 120), "13x / 40x downscale", size=(3, 3))
    add((1, 5, 50, 48), "downscale 16x by scale", scale=(0.0625, 0.0625))
    add((1, 3, 30, 7), "down H, up W", size=(4, 19))
    add((1, 3, 7, 30), "up H, down W", size=(19, 4))
    # 1-pixel inputs and outputs.
    add((1, 3, 1, 1), "1x1 input", size=(5, 3))
    add((1, 1, 1, 9), "1-row input", size=(4, 4))
    add((1, 4, 9, 7), "1x1 output", size=(1, 1))
    add((1, 3, 12, 1), "1-column input and output", size=(5, 1))
    add((1, 1, 1, 1), "1x1 to 1x1", size=(1, 1))
    add((1, 2, 6, 1), "1-column input, upscaled", size=(4, 3))
    # One-column outputs with H resampled: torch 2.x's generic kernel (float, uint8 with C > 4)
    # gives every row the first row's H weights; its uint8 AVX2 kernel (C <= 4) does not.
    add((1, 4, 9, 5), "one-column output, C=4", size=(13, 1))
    add((2, 6, 9, 5), "one-column output, C=6", size=(4, 1))
    add((1, 3, 7, 1), "one-column input and output", scale=(2.3, 1.0))
    # Identities and unchanged axes.
    add((1, 3, 6, 8), "identity by size", size=(6, 8))
    add((1, 3, 6, 8), "identity by scale 1.0", scale=(1.0, 1.0))
    add((1, 3, 6, 8), "scale 1.1 keeps H and W", scale=(1.1, 1.1))
    add((1, 5, 6, 8), "H unchanged", size=(6, 13))
    add((1, 2, 6, 8), "W unchanged", size=(3, 8))
    # scale_factor with and without recompute_scale_factor, align_corners=False explicit.
    add((1, 3, 10, 9), "scale 1.7 x 0.6", scale=(1.7, 0.6))
    add((1, 3, 10, 9), "scale 1.7 x 0.6 recomputed", scale=(1.7, 0.6), recompute=True)
    add((1, 3, 10, 9), "scale 1.7 x 0.6 recompute False", scale=(1.7, 0.6), recompute=False)
    add((1, 1, 13, 17), "scale 0.3 (out = floor)", scale=(0.3, 0.3))
    add((1, 1, 13, 17), "scale 0.3 recomputed", scale=(0.3, 0.3), recompute=True)
    add((1, 3, 8, 8), "scale 2.5 and 3", scale=(2.5, 3.0))
    add((1, 3, 9, 10), "align_corners=False explicit", size=(5, 14), align_corners=False)
    add((1, 3, 9, 10), "align_corners=False with scale", scale=(0.45, 1.3),
        align_corners=False)
    # Wide rows (vectorised paths) and long axes.
    add((1, 3, 4, 600), "wide row downscale", size=(3, 377))
    add((1, 1, 3, 257), "wide row upscale", size=(5, 700))
    add((1, 4, 2, 1000), "long W to 1", size=(2, 1))
    add((1, 1, 700, 3), "long H", size=(123, 3))
    return d


def edge_cases(rng):
    cases = []
    for i, (shape, kw, note) in enumerate(edge_definitions(), 1):
        for dtype in DTYPES:
            x, kind = gg.random_input(rng, shape, dtype)
            cid = "LZ%03d_%s" % (i, gg.SHORT[dtype])
            cases.append(case(cid, "edge", dtype, x, "%s [%s]" % (note, kind), **kw))
    return cases


def random_cases(rng, n):
    """n seeded random calls per dtype: shape, direction, size or scale, recompute."""
    cases = []
    for dtype in DTYPES:
        for i in range(n):
            c = int(rng.choice([1, 2, 3, 4, 5, 6]))
            h, w = (int(v) for v in rng.integers(1, 25, size=2))
            x, kind = gg.random_input(rng, (1, c, h, w), dtype)
            kw = {}
            if rng.random() < 0.5:
                kw["size"] = tuple(int(v) for v in rng.integers(1, 30, size=2))
            else:
                kw["scale"] = tuple(float(np.round(v, 3)) for v in rng.uniform(0.1, 3.0, 2))
                if any(int(s * dim) < 1 for s, dim in zip(kw["scale"], (h, w))):
                    kw["scale"] = (2.0, 2.0)
                r = rng.random()
                if r < 0.4:
                    kw["recompute"] = True
                elif r < 0.6:
                    kw["recompute"] = False
            if rng.random() < 0.2:
                kw["align_corners"] = False
            cid = "LR%03d_%s" % (i, gg.SHORT[dtype])
            cases.append(case(cid, "random", dtype, x, "random [%s]" % kind, **kw))
    return cases


def default_out_dir():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "resources", "golden", "torch-2.x",
                                         "lanczos"))


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--out", default=None,
                   help="output directory (default src/test/resources/golden/torch-2.x/lanczos)")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument("--random", type=int, default=70, help="random cases per dtype")
    args = p.parse_args(argv)
    if not hasattr(torch._C._nn, "_upsample_lanczos2d_aa"):
        sys.exit("torch %s has no mode='lanczos'; use the PyTorch 2.x wheel (pip install torch)"
                 % torch.__version__)
    out_dir = args.out or default_out_dir()
    torch.set_num_threads(1)
    start = time.time()
    rng = np.random.default_rng(args.seed)

    cases = [c.run() for c in edge_cases(rng)]
    cases += [c.run() for c in random_cases(rng, args.random)]

    os.makedirs(out_dir, exist_ok=True)
    ids = set()
    for c in cases:
        assert c.id not in ids, c.id
        ids.add(c.id)
    gg.write_jsonl(os.path.join(out_dir, "cases.jsonl"), [c.record() for c in cases])
    entries = []
    for c in cases:
        entries.append((c.id + ".in", c.x))
        entries.append((c.id + ".out", c.y))
    gg.write_npz(os.path.join(out_dir, "arrays-%s.npz" % MODE), entries)
    seconds = time.time() - start
    per = {}
    for c in cases:
        per[c.dtype] = per.get(c.dtype, 0) + 1
    gg.write_manifest(out_dir, args.seed, cases, 0,
                      [os.path.relpath(os.path.abspath(__file__))] + argv, seconds,
                      extra={"cases_per_mode_dtype": {MODE: per}})
    print("wrote %d lanczos cases %s to %s in %.1f s (torch %s)" %
          (len(cases), per, out_dir, seconds, torch.__version__))


if __name__ == "__main__":
    main()
