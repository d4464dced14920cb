#!/usr/bin/env python3
"""Speed of the OpenCV profile against cv2.resize, one thread each, on the same inputs, one run.

Writes the inputs (and cv2's outputs) to a temporary folder, times cv2.resize on them (per plane,
as the profile computes, and on the interleaved HxWxC image, as OpenCV users call it), runs
org.resample.core.compat.OpenCvBench on the same files and prints ours/cv2 ratios (< 1: faster).
Invoked by bench/compat/opencv.
"""
import argparse
import os
import json
import subprocess
import sys
import tempfile
import time

import cv2
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import opencv_oracle as oracle  # noqa: E402

CASES = [  # (name, dtype, (C, H, W), (outH, outW), filters)
    ("photo-down", np.uint8, (3, 512, 512), (224, 224), list(oracle.FLAGS)),
    ("photo-up", np.uint8, (3, 256, 256), (512, 512), ["nearest", "linear", "cubic", "area", "lanczos4"]),
    ("float-down", np.float32, (3, 512, 512), (224, 224), ["linear", "cubic", "area", "lanczos4"]),
    ("float-2x", np.float32, (3, 512, 512), (256, 256), ["linear", "area"]),
]


def best_time(fn, min_time):
    fn()
    end, calls = time.perf_counter() + min_time, 0
    while time.perf_counter() < end or calls < 3:
        fn()
        calls += 1
    batch, times = max(1, calls // 7), []
    for _ in range(7):
        t0 = time.perf_counter()
        for _ in range(batch):
            fn()
        times.append((time.perf_counter() - t0) / batch)
    return sorted(times)[3]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--min-time-s", type=float, default=0.3)
    ap.add_argument("--classpath", required=True)
    ap.add_argument("--java", default="java")
    a = ap.parse_args()
    cv2.setNumThreads(1)
    rng = np.random.default_rng(1)
    tmp = tempfile.mkdtemp(prefix="opencv-bench-")
    arrays, cases, cv_plane, cv_hwc = {}, [], {}, {}
    for name, dt, (c, h, w), (oh, ow), filters in CASES:
        if dt == np.uint8:
            x = rng.integers(0, 256, size=(1, c, h, w)).astype(dt)
        else:
            x = rng.random((1, c, h, w), dtype=np.float32)
        iid = "%s.%s" % (name, np.dtype(dt).name)
        arrays[iid] = x
        hwc = np.ascontiguousarray(np.moveaxis(x[0], 0, -1))
        for f in filters:
            cid = "%s.%s" % (iid, f)
            arrays[cid] = oracle.resize_nchw(x, oh, ow, f)
            cases.append({"id": cid, "input": iid, "interpolation": f, "dtype": np.dtype(dt).name,
                          "in_shape": list(x.shape), "out_size": [oh, ow], "source": "random"})
            flag = oracle.FLAGS[f]
            cv_plane[cid] = best_time(lambda: [cv2.resize(x[0, k], (ow, oh), interpolation=flag)
                                               for k in range(c)], a.min_time_s)
            cv_hwc[cid] = best_time(lambda: cv2.resize(hwc, (ow, oh), interpolation=flag), a.min_time_s)
    np.savez(os.path.join(tmp, "arrays.npz"), **arrays)
    with open(os.path.join(tmp, "cases.jsonl"), "w") as fh:
        for c in cases:
            fh.write(json.dumps(c) + "\n")
    out = subprocess.run([a.java, "-XX:ActiveProcessorCount=1", "-cp", a.classpath,
                          "org.resample.core.compat.OpenCvBench", tmp, str(a.min_time_s)],
                         check=True, capture_output=True, text=True).stdout
    ours = {l.split()[0]: (float(l.split()[1]), float(l.split()[2])) for l in out.splitlines() if l.strip()}
    print("OpenCV profile vs cv2.resize (opencv %s), one thread, median of 7; machine noisy" % cv2.__version__)
    print("%-34s %10s %10s %10s %9s %9s %6s" % ("case", "ours ms", "cv2 ms", "cv2 HWC", "ours/cv2", "ours/HWC", "diff"))
    for c in cases:
        cid = c["id"]
        t, d = ours[cid]
        print("%-34s %10.3f %10.3f %10.3f %9.2f %9.2f %6.2f" % (
            cid, t * 1e3, cv_plane[cid] * 1e3, cv_hwc[cid] * 1e3, t / cv_plane[cid], t / cv_hwc[cid], d))


if __name__ == "__main__":
    main()
