#!/usr/bin/env python3
"""Generate the PyTorch fixtures of the Spark parity test (SparkParityTest).

Run with an interpreter that has torch (on Debian 12: /usr/bin/python3 with python3-torch):

    /usr/bin/python3 src/test/python/generate_spark_parity.py

Writes src/test/resources/spark-parity/torch-<major.minor>/:
  cases.jsonl   one call per line: id, dtype, input shape, size or scale_factor, mode, the options
                map the SQL functions take (strings), output shape, and whether the row is one sample
                ((C, d1..dk), size/scale of length rank - 1) rather than a batch
  <id>.in.npy / <id>.out.npy   the input tensor and torch's output, as np.save writes them
                (the Petastorm NdarrayCodec cell format)
  image-hwc.npy / image-<id>.out.npy   a uint8 H x W x 3 image (BGR order, as Spark's image
                source stores it) and torch's output for the image cases
No Parquet library is needed here: the Java test writes the Parquet dataset from these cells.
Deterministic: a fixed seed, fixed shapes.
"""

import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

SEED = 20261121
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "spark-parity",
                   "torch-" + ".".join(torch.__version__.split(".")[:2]))

NP = {"float32": np.float32, "float64": np.float64, "uint8": np.uint8}
TORCH = {"float32": torch.float32, "float64": torch.float64, "uint8": torch.uint8}


def data(rng, dtype, shape):
    if dtype == "uint8":
        return rng.integers(0, 256, size=shape, dtype=np.uint8)
    return (rng.standard_normal(shape) * 3).astype(NP[dtype])


def call(x, size, scale, mode, opts):
    kw = {}
    if "align_corners" in opts:
        kw["align_corners"] = opts["align_corners"] == "true"
    if "recompute_scale_factor" in opts:
        kw["recompute_scale_factor"] = opts["recompute_scale_factor"] == "true"
    if "antialias" in opts:
        kw["antialias"] = opts["antialias"] == "true"
    return F.interpolate(x, size=None if size is None else tuple(size),
                         scale_factor=None if scale is None else tuple(scale), mode=mode, **kw)


def main():
    rng = np.random.default_rng(SEED)
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    specs = [
        # id, dtype, input shape, size, scale, mode, options, sample
        ("nearest_1d", "float32", (2, 3, 7), [11], None, "nearest", {}, False),
        ("nearest_2d_down", "float32", (1, 2, 9, 8), [4, 5], None, "nearest", {}, False),
        ("nearest_3d", "float64", (1, 1, 3, 4, 5), [5, 3, 7], None, "nearest", {}, False),
        ("nearest_u8", "uint8", (1, 3, 6, 5), [9, 4], None, "nearest", {}, False),
        ("nearest_scale", "float32", (1, 2, 5, 6), None, [1.5, 0.7], "nearest", {}, False),
        ("nearest_exact_2d", "float32", (2, 2, 7, 5), [10, 3], None, "nearest-exact", {}, False),
        ("nearest_exact_u8", "uint8", (1, 1, 5, 7), [8, 3], None, "nearest-exact", {}, False),
        ("nearest_exact_sample", "float32", (3, 6, 4), [4, 9], None, "nearest-exact", {}, True),
        ("linear_ac0", "float32", (1, 2, 9), [14], None, "linear", {}, False),
        ("linear_ac1", "float64", (2, 1, 6), [13], None, "linear", {"align_corners": "true"}, False),
        ("bilinear_up", "float32", (1, 3, 5, 6), [9, 11], None, "bilinear", {}, False),
        ("bilinear_ac1", "float32", (1, 2, 6, 7), [4, 12], None, "bilinear", {"align_corners": "true"},
         False),
        ("bilinear_aa_down", "float32", (1, 3, 17, 15), [6, 5], None, "bilinear", {"antialias": "true"},
         False),
        ("bilinear_f64", "float64", (2, 2, 7, 4), [3, 9], None, "bilinear", {}, False),
        ("bilinear_sample", "float32", (3, 8, 8), [5, 11], None, "bilinear", {}, True),
        ("bilinear_scale_rc", "float32", (1, 2, 7, 9), None, [0.6, 1.7], "bilinear",
         {"recompute_scale_factor": "true"}, False),
        ("bilinear_scale_norc", "float32", (1, 2, 7, 9), None, [0.6, 1.7], "bilinear",
         {"recompute_scale_factor": "false"}, False),
        ("bicubic_up", "float32", (1, 2, 6, 5), [11, 9], None, "bicubic", {}, False),
        ("bicubic_ac1", "float64", (1, 1, 5, 6), [8, 4], None, "bicubic", {"align_corners": "true"},
         False),
        ("bicubic_aa_down", "float32", (1, 3, 16, 19), [7, 6], None, "bicubic", {"antialias": "true"},
         False),
        ("trilinear", "float32", (1, 2, 4, 5, 3), [6, 3, 5], None, "trilinear", {}, False),
        ("trilinear_ac1", "float64", (1, 1, 3, 4, 5), [5, 6, 2], None, "trilinear",
         {"align_corners": "true"}, False),
        ("trilinear_sample", "float32", (2, 4, 3, 5), [3, 5, 4], None, "trilinear", {}, True),
        ("area_1d", "float32", (1, 2, 13), [5], None, "area", {}, False),
        ("area_2d", "float32", (2, 3, 11, 9), [4, 5], None, "area", {}, False),
        ("area_3d", "float64", (1, 1, 6, 7, 5), [3, 2, 4], None, "area", {}, False),
        ("area_scale", "float32", (1, 2, 10, 12), None, [0.5, 0.25], "area", {}, False),
    ]
    cases = []
    for cid, dtype, shape, size, scale, mode, opts, sample in specs:
        x = data(rng, dtype, shape)
        t = torch.from_numpy(x)
        if sample:
            t = t.unsqueeze(0)
        y = call(t, size, scale, mode, opts)
        if sample:
            y = y.squeeze(0)
        y = y.numpy()
        np.save(os.path.join(OUT, cid + ".in.npy"), x)
        np.save(os.path.join(OUT, cid + ".out.npy"), y)
        cases.append({"id": cid, "dtype": dtype, "input_shape": list(shape), "size": size,
                      "scale_factor": scale, "mode": mode, "options": opts,
                      "output_shape": list(y.shape), "sample": sample})
    # An image as Spark's image source stores it: H x W x C uint8, BGR. torch sees it as (1, C, H, W).
    img = rng.integers(0, 256, size=(13, 17, 3), dtype=np.uint8)
    np.save(os.path.join(OUT, "image-hwc.npy"), img)
    chw = torch.from_numpy(img).permute(2, 0, 1).unsqueeze(0).contiguous()
    for cid, size, mode in [("image_nearest", [7, 9], "nearest"),
                            ("image_nearest_exact", [20, 31], "nearest-exact")]:
        y = F.interpolate(chw, size=tuple(size), mode=mode)[0].permute(1, 2, 0).contiguous().numpy()
        np.save(os.path.join(OUT, "image-" + cid + ".out.npy"), y)
        cases.append({"id": cid, "dtype": "uint8", "input_shape": list(img.shape), "size": size,
                      "scale_factor": None, "mode": mode, "options": {},
                      "output_shape": list(y.shape), "sample": True, "image": True})
    with open(os.path.join(OUT, "cases.jsonl"), "w") as f:
        for c in cases:
            f.write(json.dumps(c, sort_keys=True) + "\n")
    print("wrote", len(cases), "cases to", os.path.normpath(OUT), "with torch", torch.__version__,
          file=sys.stderr)


if __name__ == "__main__":
    main()
