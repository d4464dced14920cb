#!/usr/bin/env python3
"""Writes the TensorFlow compatibility fixtures under src/test/resources/golden/compat/tensorflow/.

Every expected array comes from TensorFlow itself (tf_oracle.run, one intra/inter-op thread).
Cases: tf.image.resize (v2) every method x antialias x dtype (uint8, float32, float64) x up / down /
odd ratios / strong downscale / same size, with 1, 2, 3 and 4 channels (3 reaches TensorFlow's
3-channel fast paths); the v1 ops with every allowed align_corners / half_pixel_centers pair.
Usage: .venv/bin/python src/test/python/compat/generate_tensorflow.py [out_dir]
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tf_oracle  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "src/test/resources/golden/compat/tensorflow")

# (in_h, in_w, out_h, out_w): up, down, odd mixed, strong down (antialias widening), same size,
# and a 1-pixel-high source to a 1-pixel-wide output (align_corners scales of 0 and in/out)
SIZES = [(5, 7, 11, 16), (19, 23, 7, 8), (13, 17, 9, 24), (25, 22, 4, 5), (6, 9, 6, 9), (1, 5, 3, 1)]
CHANNELS = [1, 3, 2, 4, 3, 2]
DTYPES = ["uint8", "float32", "float64"]


def make_input(rng, dtype, shape):
    if dtype == "uint8":
        return rng.integers(0, 256, size=shape, dtype=np.uint8)
    x = rng.standard_normal(shape) * 100.0
    return x.astype(dtype)


def cases():
    out = []
    for method in tf_oracle.V2_METHODS:
        for aa in (False, True):
            for dtype in DTYPES:
                for i, (ih, iw, oh, ow) in enumerate(SIZES):
                    out.append(dict(api="v2", method=method, antialias=aa, dtype=dtype,
                                    shape=[1 + (i == 0), CHANNELS[i], ih, iw], out=[oh, ow]))
    for method in tf_oracle.V1_OPS:
        pairs = [(False, False), (True, False)] + ([] if method == "area" else [(False, True)])
        for ac, hp in pairs:
            for dtype in DTYPES:
                for i, (ih, iw, oh, ow) in enumerate(SIZES):
                    out.append(dict(api="v1", method=method, align_corners=ac, half_pixel_centers=hp,
                                    dtype=dtype, shape=[1 + (i == 0), CHANNELS[i], ih, iw], out=[oh, ow]))
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261203)
    arrays = {}
    with open(os.path.join(OUT, "cases.jsonl"), "w") as f:
        for n, c in enumerate(cases()):
            c["id"] = "c%04d" % n
            x = make_input(rng, c["dtype"], c["shape"])
            y = tf_oracle.run(c, x)
            c["out_dtype"] = str(y.dtype)
            arrays[c["id"] + "_in"] = x
            arrays[c["id"] + "_out"] = y
            f.write(json.dumps(c, sort_keys=True) + "\n")
    np.savez_compressed(os.path.join(OUT, "arrays.npz"), **arrays)
    manifest = dict(tf_oracle.versions(), generator="src/test/python/compat/generate_tensorflow.py",
                    threads=1, layout="NCHW on disk; TensorFlow called on NHWC", cases=len(arrays) // 2)
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2, sort_keys=True)
        f.write("\n")
    print("wrote", manifest["cases"], "cases to", OUT)


if __name__ == "__main__":
    main()
