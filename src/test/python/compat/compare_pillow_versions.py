"""Re-runs the Pillow fixtures with whatever Pillow this interpreter imports and counts differences.

    /usr/bin/python3 src/test/python/compat/compare_pillow_versions.py [--fixtures DIR]

Prints, per filter x mode, how many output elements of the fixtures (written by the Pillow in
their manifest) this Pillow computes differently, and the largest difference (grey levels for
uint8; for float32, ulps of the case's max|input|). docs/compat-pillow.md records the result for
Debian's python3-pil.
"""
import argparse
import collections
import json
import os

import numpy as np
import PIL

import pillow_oracle as po

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", ".."))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fixtures", default=os.path.join(ROOT, "src/test/resources/golden/compat/pillow"))
    args = ap.parse_args()
    with open(os.path.join(args.fixtures, "manifest.json")) as f:
        manifest = json.load(f)
    arrays = np.load(os.path.join(args.fixtures, "arrays.npz"))
    rows = collections.OrderedDict()
    for line in open(os.path.join(args.fixtures, "cases.jsonl")):
        case = json.loads(line)
        x = arrays[case["input"]]
        want = arrays[case["id"] + ".out"]
        got = po.resize(x, case["out_h"], case["out_w"], case["filter"], case["reducing_gap"])
        mode = "F" if x.dtype == np.float32 else {1: "L", 3: "RGB", 4: "RGBA"}[x.shape[1]]
        key = (case["filter"], mode)
        r = rows.setdefault(key, {"cases": 0, "cases_differing": 0, "elements": 0, "differ": 0,
                                  "max": 0.0})
        r["cases"] += 1
        r["elements"] += want.size
        if x.dtype == np.float32:
            ulp = float(np.spacing(np.float32(max(np.abs(x).max(), np.finfo(np.float32).tiny))))
            diff = np.abs(got.astype(np.float64) - want.astype(np.float64)) / ulp
            differ = int(np.count_nonzero(got.view(np.uint32) != want.view(np.uint32)))
        else:
            diff = np.abs(got.astype(np.int32) - want.astype(np.int32))
            differ = int(np.count_nonzero(diff))
        r["differ"] += differ
        r["cases_differing"] += 1 if differ else 0
        r["max"] = max(r["max"], float(diff.max()) if diff.size else 0.0)
    print(f"Pillow {PIL.__version__} (numpy {np.__version__}) against fixtures of Pillow "
          f"{manifest['pillow']}:")
    print("| filter | mode | cases | cases differing | elements differing | max difference |")
    print("|---|---|---|---|---|---|")
    for (filt, mode), r in sorted(rows.items()):
        print(f"| {filt} | {mode} | {r['cases']} | {r['cases_differing']} | "
              f"{r['differ']} of {r['elements']} ({100.0 * r['differ'] / r['elements']:.2f}%) | "
              f"{r['max']:g} |")


if __name__ == "__main__":
    main()
