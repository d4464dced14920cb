"""Speed of the Pillow profile against Pillow itself, one thread each, same inputs, one run.

    bench/compat/pillow [--min-time S] [--quick]

Times Image.resize on prepared PIL images (the library's own call, no numpy conversion) and
PillowResize.resize in Java (PillowBenchMain; its time includes building the output tensor), and
prints ours/Pillow per case. Java and Pillow are timed in turn, --rounds times, and each side's
best sample is kept, which damps (but does not remove) the noise of a shared or busy machine.
"""
import argparse
import json
import os
import subprocess
import tempfile
import time

import numpy as np

import pillow_oracle as po

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", ".."))

# (id, mode, in_h, in_w, out_h, out_w, filter, reducing_gap)
CASES = [
    ("rgb-down-" + f, "RGB", 768, 1024, 224, 224, f, None) for f in po.FILTERS
] + [
    ("rgb-up-bilinear", "RGB", 256, 256, 1024, 1024, "bilinear", None),
    ("rgb-up-bicubic", "RGB", 256, 256, 1024, 1024, "bicubic", None),
    ("rgb-down-bicubic-gap2", "RGB", 768, 1024, 224, 224, "bicubic", 2.0),
    ("l-down-lanczos", "L", 1024, 1024, 300, 300, "lanczos", None),
    ("rgba-down-bicubic", "RGBA", 512, 512, 256, 256, "bicubic", None),
    ("f-down-bilinear", "F", 512, 512, 200, 200, "bilinear", None),
    ("f-up-bicubic", "F", 128, 128, 512, 512, "bicubic", None),
]


def make_input(rng, mode, h, w):
    if mode == "F":
        return (rng.standard_normal((1, 1, h, w)) * 100).astype(np.float32)
    c = {"L": 1, "RGB": 3, "RGBA": 4}[mode]
    return rng.integers(0, 256, size=(1, c, h, w), dtype=np.uint8)


def time_pillow(x, out_h, out_w, filt, gap, min_time):
    _, _, im = next(po.to_images(x))
    f = po.resampling(filt)
    end = time.perf_counter() + min_time
    while time.perf_counter() < end:
        im.resize((out_w, out_h), f, reducing_gap=gap)
    t0 = time.perf_counter()
    im.resize((out_w, out_h), f, reducing_gap=gap)
    reps = int(max(1, min(1000, 0.1 / max(time.perf_counter() - t0, 1e-9))))
    samples = []
    for _ in range(7):
        t0 = time.perf_counter()
        for _ in range(reps):
            im.resize((out_w, out_h), f, reducing_gap=gap)
        samples.append((time.perf_counter() - t0) * 1e3 / reps)
    return min(samples)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--min-time", type=float, default=1.0, help="warm-up seconds per case")
    ap.add_argument("--quick", action="store_true", help="small shapes, short warm-up (smoke run)")
    ap.add_argument("--rounds", type=int, default=2, help="alternating Java/Pillow rounds")
    ap.add_argument("--java", default=os.environ.get("JAVA", "java"))
    args = ap.parse_args()
    cases = CASES
    if args.quick:
        cases = [(i, m, h // 8, w // 8, oh // 8, ow // 8, f, g) for i, m, h, w, oh, ow, f, g in CASES]
        args.min_time = 0.1
    rng = np.random.default_rng(1)
    with tempfile.TemporaryDirectory() as tmp:
        inputs, listed = {}, []
        for cid, mode, h, w, oh, ow, f, g in cases:
            x = make_input(rng, mode, h, w)
            inputs[cid] = x
            np.save(os.path.join(tmp, cid + ".npy"), x)
            listed.append({"id": cid, "dtype": str(x.dtype), "out_h": oh, "out_w": ow,
                           "filter": f, "reducing_gap": g})
        with open(os.path.join(tmp, "cases.json"), "w") as fh:
            json.dump(listed, fh)
        cp = os.pathsep.join([os.path.join(ROOT, "target", "classes"),
                              os.path.join(ROOT, "target", "test-classes")])
        ours, theirs = {}, {}
        for _ in range(args.rounds):
            java = subprocess.run(
                [args.java, "-XX:ActiveProcessorCount=1", "-Xmx2g", "-cp", cp,
                 "org.resample.core.compat.PillowBenchMain", tmp, str(args.min_time)],
                check=True, capture_output=True, text=True)
            for line in java.stdout.splitlines():
                if line.startswith("{"):
                    d = json.loads(line)
                    ours[d["id"]] = min(ours.get(d["id"], float("inf")), d["ms"])
            for cid, mode, h, w, oh, ow, f, g in cases:
                p = time_pillow(inputs[cid], oh, ow, f, g, args.min_time)
                theirs[cid] = min(theirs.get(cid, float("inf")), p)
        print(f"Pillow {po.versions()['pillow']}, numpy {po.versions()['numpy']}; one thread each; "
              f"best of {args.rounds} alternating rounds x 7 samples (noisy on a shared machine)")
        print("| case | in (HxW) | out | filter | reducing_gap | Pillow ms | ours ms | ours/Pillow |")
        print("|---|---|---|---|---|---|---|---|")
        for cid, mode, h, w, oh, ow, f, g in cases:
            p, o = theirs[cid], ours[cid]
            print(f"| {cid} | {mode} {h}x{w} | {oh}x{ow} | {f} | {g} | {p:.3f} | {o:.3f} | "
                  f"{o / p:.2f} |")


if __name__ == "__main__":
    main()
