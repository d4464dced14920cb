#!/usr/bin/env python3
"""Writes the OpenCV profile's fixtures: src/test/resources/golden/compat/opencv/.

Every (n, c) plane of each input is resized by opencv-python's cv2.resize (one thread), the
reference of org.resample.core.compat.OpenCvResize. Files:
  manifest.json   library versions, and measurements made while generating: where Debian's
                  OpenCV 4.6 differs from opencv-python, where cv2.resize on an interleaved
                  HxWxC image differs from resizing each channel alone, and where four threads
                  differ from one
  cases.jsonl     one case per line: id, interpolation, dtype, input id and shape, output size
  arrays.npz      <input id>.npy inputs (N, C, H, W) and <case id>.npy outputs

Run: .venv/bin/python src/test/python/compat/generate_opencv.py  (needs numpy, opencv-python-headless,
and scikit-image for its bundled photographs).
"""
import json
import os
import platform
import sys

import cv2
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import opencv_oracle as oracle  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
OUT = os.path.join(ROOT, "src", "test", "resources", "golden", "compat", "opencv")
FILTERS = list(oracle.FLAGS)
DTYPES = {"uint8": np.uint8, "float32": np.float32, "float64": np.float64}

# (N, C, H, W) -> (outH, outW): integer and non-integer shrinks, odd and even enlargements,
# one axis up and the other down, one-pixel sides, a size kept on one axis.
GEOMETRIES = [
    ((1, 1, 32, 48), (16, 24)),      # 2x shrink (OpenCV's linear -> fast area path)
    ((1, 3, 30, 45), (10, 15)),      # 3x shrink, integer area path
    ((2, 1, 37, 53), (19, 29)),      # non-integer shrink
    ((1, 4, 64, 96), (27, 41)),      # strong non-integer shrink
    ((1, 3, 13, 17), (31, 40)),      # odd enlargement
    ((1, 1, 16, 20), (32, 40)),      # 2x enlargement
    ((1, 4, 31, 47), (45, 23)),      # up in H, down in W
    ((1, 1, 1, 7), (3, 5)),          # one-pixel row
    ((1, 3, 5, 1), (9, 2)),          # one-pixel column
    ((1, 1, 6, 9), (6, 21)),         # height kept
    ((1, 1, 2, 3), (7, 11)),         # tiny source, taps far outside
]


def make_input(rng, shape, dtype):
    if dtype == np.uint8:
        return rng.integers(0, 256, size=shape).astype(np.uint8)
    # float images as they occur: 0..255 and normalised values, a few negatives and exact ties
    x = rng.uniform(-20.0, 275.0, size=shape)
    x[..., ::5] = np.round(x[..., ::5])
    return x.astype(dtype)


def photos():
    """Real photographs shipped with scikit-image (RGB; converted to OpenCV's BGR order)."""
    import skimage.data
    astro = skimage.data.astronaut()[100:196, 160:288, ::-1]      # 96 x 128, BGR
    coffee = skimage.data.coffee()[60:180:1, 200:360, ::-1]       # 120 x 160, BGR
    return {"astronaut": astro, "coffee": coffee}


def photo_library_version():
    import skimage
    return skimage.__version__


def main():
    rng = np.random.default_rng(20261203)
    arrays = {}
    cases = []
    debian = {}
    interleaved = {}
    threads = {}

    def record(stats, key, a, b):
        s = stats.setdefault(key, {"elements": 0, "differing": 0, "max_abs": 0.0})
        s["elements"] += int(a.size)
        d = a.astype(np.float64) != b.astype(np.float64)
        s["differing"] += int(d.sum())
        if d.any():
            s["max_abs"] = max(s["max_abs"], float(np.abs(a.astype(np.float64) - b.astype(np.float64))[d].max()))

    def add(input_id, x, out_h, out_w, filters, source):
        arrays[input_id] = x
        for f in filters:
            cid = "%s.%s" % (input_id, f)
            y = oracle.resize_nchw(x, out_h, out_w, f)
            arrays[cid] = y
            dt = str(x.dtype)
            cases.append({"id": cid, "input": input_id, "interpolation": f, "dtype": dt,
                          "in_shape": list(x.shape), "out_size": [out_h, out_w], "source": source})
            key = "%s/%s" % (f, dt)
            cv2.setNumThreads(4)
            record(threads, key, y, oracle.resize_nchw(x, out_h, out_w, f))
            cv2.setNumThreads(1)
            if oracle.debian_version() is not None:
                record(debian, key, y, oracle.resize_nchw(x, out_h, out_w, f, oracle.debian_resize))
            if x.shape[1] > 1:
                for n in range(x.shape[0]):
                    hwc = np.ascontiguousarray(np.moveaxis(x[n], 0, -1))
                    z = cv2.resize(hwc, (out_w, out_h), interpolation=oracle.FLAGS[f])
                    z = z.reshape(out_h, out_w, -1)
                    record(interleaved, "%s/%s/C=%d" % (f, dt, x.shape[1]), y[n], np.moveaxis(z, -1, 0))

    for gi, (shape, (oh, ow)) in enumerate(GEOMETRIES):
        for dname, dt in DTYPES.items():
            x = make_input(rng, shape, dt)
            add("g%02d.%s" % (gi, dname), x, oh, ow, FILTERS, "random")
    for name, img in photos().items():
        x8 = np.ascontiguousarray(np.moveaxis(img, -1, 0))[None]
        h, w = x8.shape[2:]
        add("photo.%s.down.uint8" % name, x8, h * 3 // 7, w * 3 // 7, FILTERS, "photo:" + name)
        add("photo.%s.up.uint8" % name, x8[:, :, :40, :52], 97, 121, FILTERS, "photo:" + name)
        add("photo.%s.down.float32" % name, (x8 / np.float32(255)).astype(np.float32), h // 3 + 1, w * 2 // 5,
            FILTERS, "photo:" + name)

    os.makedirs(OUT, exist_ok=True)
    np.savez_compressed(os.path.join(OUT, "arrays.npz"), **arrays)
    with open(os.path.join(OUT, "cases.jsonl"), "w") as fh:
        for c in cases:
            fh.write(json.dumps(c, sort_keys=True) + "\n")
    manifest = {
        "library": "opencv-python-headless",
        "opencv": cv2.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
        "scikit_image": photo_library_version(),
        "threads": cv2.getNumThreads(),
        "ipp": bool(cv2.ipp.useIPP()),
        "ipp_version": cv2.ipp.getIppVersion(),
        "oracle": "cv2.resize(plane, (outW, outH), interpolation) on each (n, c) plane; cv2.setNumThreads(1)",
        "cases": len(cases),
        "debian_opencv": oracle.debian_version(),
        "debian_vs_pip": debian,
        "interleaved_vs_per_channel": interleaved,
        "four_threads_vs_one": threads,
    }
    with open(os.path.join(OUT, "manifest.json"), "w") as fh:
        json.dump(manifest, fh, indent=1, sort_keys=True)
        fh.write("\n")
    print("wrote %d cases, %d arrays to %s" % (len(cases), len(arrays), OUT))


if __name__ == "__main__":
    main()
