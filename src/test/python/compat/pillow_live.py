"""Random Pillow resize cases for PillowLiveTest, computed by the installed Pillow.

    .venv/bin/python src/test/python/compat/pillow_live.py --seed S --count N --out DIR

Writes DIR/arrays.npz, cases.jsonl and manifest.json in generate_pillow.py's format.
"""
import argparse

import numpy as np

import pillow_oracle as po


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    cases, arrays = [], {}
    for i in range(args.count):
        mode = rng.choice(["L", "RGB", "RGBA", "F"])
        n = int(rng.integers(1, 3))
        c = {"L": 1, "RGB": 3, "RGBA": 4}.get(mode) or int(rng.integers(1, 4))
        if rng.random() < 0.05:
            h, w = int(rng.integers(201, 400)), int(rng.integers(1, 3))  # over 100x taller than wide
        else:
            h, w = (int(v) for v in rng.integers(1, 70, size=2))
        out_h, out_w = (int(v) for v in rng.integers(1, 90, size=2))
        filt = str(rng.choice(po.FILTERS))
        gap = [None, None, 1.0, 1.5, 2.0, 3.0, round(float(rng.uniform(1, 4)), 3)][
            int(rng.integers(0, 7))]
        if mode == "F":
            x = (rng.standard_normal((n, c, h, w)) * float(rng.choice([1, 100, 1e4]))).astype(
                np.float32)
        else:
            x = rng.integers(0, 256, size=(n, c, h, w), dtype=np.uint8)
            if c == 4:
                pick = rng.random((n, h, w))
                x[:, 3] = np.where(pick < 0.2, 0, np.where(pick < 0.4, 255, x[:, 3]))
        case_id = f"live{i}"
        arrays[case_id + ".in"] = x
        arrays[case_id + ".out"] = po.resize(x, out_h, out_w, filt, gap)
        cases.append({"id": case_id, "filter": filt, "dtype": str(x.dtype),
                      "in_shape": list(x.shape), "out_h": out_h, "out_w": out_w,
                      "reducing_gap": gap})
    manifest = po.write_fixtures(args.out, cases, arrays, "src/test/python/compat/pillow_live.py")
    print(f"pillow_live.py: seed {args.seed}, {len(cases)} cases, {manifest}")


if __name__ == "__main__":
    main()
