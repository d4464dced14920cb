#!/usr/bin/env python3
"""Random cases for OpenCvLiveTest, resized by the installed opencv-python.

Writes, in the fixture format of generate_opencv.py, --count cases drawn from --seed into --out:
random sizes (1..70 px per side, up, down, odd ratios, integer ratios), channels 1..4, every
filter and dtype. Needs: pip install -r src/test/python/compat/requirements-opencv.txt
"""
import argparse
import json
import os
import sys

import cv2
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import opencv_oracle as oracle  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--count", type=int, default=120)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    arrays, cases = {}, []
    filters = list(oracle.FLAGS)
    dtypes = [np.uint8, np.float32, np.float64]
    for i in range(a.count):
        f = filters[i % len(filters)]
        dt = dtypes[(i // len(filters)) % len(dtypes)]
        h, w = (int(v) for v in rng.integers(1, 71, size=2))
        if rng.random() < 0.25:  # integer shrink factors: OpenCV's fast area path
            k = int(rng.integers(2, 5))
            oh, ow = max(1, h // k), max(1, w // k)
            h, w = oh * k, ow * k
        else:
            oh, ow = (int(v) for v in rng.integers(1, 91, size=2))
        shape = (int(rng.integers(1, 3)), int(rng.integers(1, 5)), h, w)
        if dt == np.uint8:
            x = rng.integers(0, 256, size=shape).astype(np.uint8)
        else:
            x = rng.uniform(-1.0, 1.0, size=shape) * float(rng.choice([1.0, 255.0, 1e4]))
            x = x.astype(dt)
        iid, cid = "in%04d" % i, "case%04d.%s" % (i, f)
        arrays[iid] = x
        arrays[cid] = oracle.resize_nchw(x, oh, ow, f)
        cases.append({"id": cid, "input": iid, "interpolation": f, "dtype": str(x.dtype),
                      "in_shape": list(shape), "out_size": [oh, ow], "source": "random"})
    os.makedirs(a.out, exist_ok=True)
    np.savez(os.path.join(a.out, "arrays.npz"), **arrays)
    with open(os.path.join(a.out, "cases.jsonl"), "w") as fh:
        for c in cases:
            fh.write(json.dumps(c) + "\n")
    print("opencv %s, numpy %s: %d cases (seed %d)" % (cv2.__version__, np.__version__, len(cases), a.seed))


if __name__ == "__main__":
    main()
