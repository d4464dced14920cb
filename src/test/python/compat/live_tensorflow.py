#!/usr/bin/env python3
"""Random TensorFlow resize cases for the live differential test (TensorFlowLiveTest).

Usage: live_tensorflow.py OUT_DIR SEED COUNT
Writes OUT_DIR/cases.jsonl, OUT_DIR/arrays.npz and OUT_DIR/manifest.json in the fixture format of
generate_tensorflow.py: random api (v2 / v1), method, antialias or align_corners/half_pixel_centers,
dtype, batch, channels and sizes (1..40, so down, up, odd and size-1 axes), outputs from TensorFlow.
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tf_oracle  # noqa: E402


def random_case(rng):
    dtype = str(rng.choice(["uint8", "float32", "float64"]))
    shape = [int(rng.integers(1, 3)), int(rng.integers(1, 6)), int(rng.integers(1, 41)), int(rng.integers(1, 41))]
    out = [int(rng.integers(1, 41)), int(rng.integers(1, 41))]
    if rng.random() < 0.6:
        return dict(api="v2", method=str(rng.choice(tf_oracle.V2_METHODS)), antialias=bool(rng.random() < 0.5),
                    dtype=dtype, shape=shape, out=out)
    method = str(rng.choice(list(tf_oracle.V1_OPS)))
    pairs = [(False, False), (True, False)] + ([] if method == "area" else [(False, True)])
    ac, hp = pairs[int(rng.integers(0, len(pairs)))]
    return dict(api="v1", method=method, align_corners=ac, half_pixel_centers=hp, dtype=dtype, shape=shape, out=out)


def main():
    out_dir, seed, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.makedirs(out_dir, exist_ok=True)
    rng = np.random.default_rng(seed)
    arrays = {}
    with open(os.path.join(out_dir, "cases.jsonl"), "w") as f:
        for n in range(count):
            c = random_case(rng)
            c["id"] = "live%04d" % n
            if c["dtype"] == "uint8":
                x = rng.integers(0, 256, size=c["shape"], dtype=np.uint8)
            else:
                x = (rng.standard_normal(c["shape"]) * 10.0 ** rng.integers(-3, 4)).astype(c["dtype"])
            y = tf_oracle.run(c, x)
            c["out_dtype"] = str(y.dtype)
            arrays[c["id"] + "_in"] = x
            arrays[c["id"] + "_out"] = y
            f.write(json.dumps(c, sort_keys=True) + "\n")
    np.savez(os.path.join(out_dir, "arrays.npz"), **arrays)
    with open(os.path.join(out_dir, "manifest.json"), "w") as f:
        json.dump(dict(tf_oracle.versions(), seed=seed, cases=count), f, sort_keys=True)


if __name__ == "__main__":
    main()
