#!/usr/bin/env python3
"""Fresh random interpolate cases for LiveTorchDifferentialTest, in the golden fixture format.

    /usr/bin/python3 src/test/python/live_cases.py --seed S --count N --out DIR

Writes DIR/cases.jsonl, DIR/arrays-<mode>.npz, an empty DIR/errors.jsonl and DIR/manifest.json,
exactly as generate_golden.py does. Cases cycle through every (mode, dtype) pair, each with a
random rank / align_corners / size-or-scale / recompute / antialias combination drawn from the
same generator as the committed random cases, so the same seed gives the same cases.
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
import torch  # noqa: E402

import generate_golden as gg  # noqa: E402


def live_cases(seed, count):
    rng = np.random.default_rng(seed)
    all_combos = gg.combos()
    pairs = []
    for combo in all_combos:
        if (combo[0], combo[2]) not in pairs:
            pairs.append((combo[0], combo[2]))
    cases = []
    for i in range(count):
        mode, dtype = pairs[i % len(pairs)]
        choices = [c for c in all_combos if c[0] == mode and c[2] == dtype]
        combo = choices[int(rng.integers(len(choices)))]
        cid = "live%04d_%s_%s" % (i, mode, gg.SHORT[dtype])
        case = gg.random_case(rng, cid, combo)
        case.group = "live"
        cases.append(case)
    return cases


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    p = argparse.ArgumentParser(description="fresh random interpolate cases from torch")
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--count", type=int, default=150)
    p.add_argument("--out", required=True)
    args = p.parse_args(argv)
    torch.set_num_threads(1)
    start = time.time()
    cases = live_cases(args.seed, args.count)
    gg.write_cases(args.out, cases)
    gg.write_jsonl(os.path.join(args.out, "errors.jsonl"), [])
    seconds = time.time() - start
    gg.write_manifest(args.out, args.seed, cases, 0,
                      [os.path.relpath(os.path.abspath(__file__))] + argv, seconds)
    print("wrote %d live cases (seed %d, torch %s) to %s in %.1f s" %
          (len(cases), args.seed, torch.__version__, args.out, seconds))


if __name__ == "__main__":
    main()
