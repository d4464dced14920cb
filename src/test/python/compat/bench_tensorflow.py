#!/usr/bin/env python3
"""Times TensorFlow's resize (one thread) and TensorFlowResize (Java, one thread) on the same
inputs and prints the ratios ours / TensorFlow. Driven by bench/compat/tensorflow."""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tf_oracle  # noqa: E402

ROUNDS = 3
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))


def cases(quick):
    big, small = (64, 32) if quick else (512, 224)
    out = []
    for dtype in ("uint8", "float32"):
        for method in tf_oracle.V2_METHODS:
            aa = method not in ("nearest", "area")
            out.append(dict(api="v2", method=method, antialias=aa, dtype=dtype,
                            shape=[1, 3, big, big], out=[small, small], name="down"))
            out.append(dict(api="v2", method=method, antialias=False, dtype=dtype,
                            shape=[1, 3, small, small], out=[big, big], name="up"))
        for method in ("bilinear", "bicubic"):
            out.append(dict(api="v1", method=method, align_corners=True, half_pixel_centers=False,
                            dtype=dtype, shape=[1, 3, big, big], out=[small, small], name="down"))
    return out


def median_ms(fn, repeats):
    fn()
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000.0)
    return float(np.median(times))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--repeats", type=int, default=7)
    a = ap.parse_args()
    rng = np.random.default_rng(7)
    cs = cases(a.quick)
    with tempfile.TemporaryDirectory() as d:
        tensors = []
        for i, c in enumerate(cs):
            c["id"] = "b%03d" % i
            x = rng.integers(0, 256, size=c["shape"]).astype(c["dtype"])
            np.save(os.path.join(d, c["id"] + ".npy"), x)
            tensors.append(tf_oracle.tf.constant(np.ascontiguousarray(np.transpose(x, (0, 2, 3, 1)))))
        with open(os.path.join(d, "cases.jsonl"), "w") as f:
            for c in cs:
                f.write(json.dumps(c) + "\n")
        cp = os.pathsep.join([os.path.join(ROOT, "target", "classes"), os.path.join(ROOT, "target", "test-classes")])
        java = subprocess.Popen(["java", "-cp", cp, "org.resample.core.compat.TensorFlowBench", d, str(a.repeats)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        if java.stdout.readline().strip() != "ready":
            sys.exit("java bench failed to start")
        tf_ms, ours_ms = [], []
        for c, x in zip(cs, tensors):
            # Alternate the two sides ROUNDS times and keep each side's best median, so a burst of
            # load on the shared machine does not land on one side only.
            t_best = o_best = float("inf")
            for _ in range(ROUNDS):
                t_best = min(t_best, median_ms(lambda: tf_oracle.run_nhwc(c, x), a.repeats))
                java.stdin.write(c["id"] + "\n")
                java.stdin.flush()
                o_best = min(o_best, float(java.stdout.readline().split()[1]))
            tf_ms.append(t_best)
            ours_ms.append(o_best)
        java.stdin.close()
        java.wait()
    print("TensorFlow %s, numpy %s; one thread each; best of %d alternating rounds of median of %d; timings on a shared machine are noisy"
          % (tf_oracle.versions()["tensorflow"], tf_oracle.versions()["numpy"], ROUNDS, a.repeats))
    print("%-4s %-14s %-6s %-8s %-22s %10s %10s %7s" % ("api", "method", "aa/ac", "dtype", "shape", "TF ms", "ours ms", "ratio"))
    for c, t, o in zip(cs, tf_ms, ours_ms):
        flag = c.get("antialias", c.get("align_corners"))
        shape = "%dx%d->%dx%d" % (c["shape"][2], c["shape"][3], c["out"][0], c["out"][1])
        print("%-4s %-14s %-6s %-8s %-22s %10.3f %10.3f %7.2f" % (c["api"], c["method"], flag, c["dtype"], shape, t, o, o / t))


if __name__ == "__main__":
    main()
