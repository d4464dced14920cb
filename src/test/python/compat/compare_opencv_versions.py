#!/usr/bin/env python3
"""Counts, per filter/dtype, the elements where this interpreter's cv2.resize differs from the
recorded fixtures (src/test/resources/golden/compat/opencv), e.g. to compare OpenCV releases:

  /path/to/other-venv/bin/python src/test/python/compat/compare_opencv_versions.py
"""
import json
import os
import sys

import cv2
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import opencv_oracle as oracle  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
DIR = os.path.join(ROOT, "src", "test", "resources", "golden", "compat", "opencv")


def main():
    arrays = np.load(os.path.join(DIR, "arrays.npz"))
    manifest = json.load(open(os.path.join(DIR, "manifest.json")))
    stats = {}
    for line in open(os.path.join(DIR, "cases.jsonl")):
        c = json.loads(line)
        y = oracle.resize_nchw(arrays[c["input"]], c["out_size"][0], c["out_size"][1], c["interpolation"])
        exp = arrays[c["id"]]
        key = "%s/%s" % (c["interpolation"], c["dtype"])
        s = stats.setdefault(key, [0, 0, 0.0])
        d = y != exp
        s[0] += exp.size
        s[1] += int(d.sum())
        if d.any():
            s[2] = max(s[2], float(np.abs(y.astype(np.float64) - exp.astype(np.float64))[d].max()))
    print("cv2 %s vs fixtures of cv2 %s" % (cv2.__version__, manifest["opencv"]))
    for k in sorted(stats):
        print("%-22s %8d elements %8d differ  max |diff| %g" % (k, *stats[k]))


if __name__ == "__main__":
    main()
