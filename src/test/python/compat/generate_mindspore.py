#!/usr/bin/env python3
"""Fixtures for the MindSpore profile's bicubic, from TensorFlow's ResizeBicubic op.

mindspore.ops.interpolate(mode="bicubic") (r2.0) runs MindSpore's ResizeBicubic kernel with
half_pixel_centers = not align_corners; that kernel computes as TensorFlow's
tf.raw_ops.ResizeBicubic with the same two flags (see docs/compat-mindspore.md). This script
runs TensorFlow's op on seeded inputs and on a real photograph and writes
src/test/resources/golden/compat/mindspore/{cases.jsonl,arrays.npz,manifest.json}.

Run with any Python that has numpy and tensorflow-cpu
(src/test/python/compat/requirements-mindspore.txt):
    python src/test/python/compat/generate_mindspore.py
"""
import json
import os
import platform

import numpy as np
import tensorflow as tf

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
OUT = os.path.join(ROOT, "src", "test", "resources", "golden", "compat", "mindspore")
PHOTO = os.path.join(ROOT, "src", "test", "resources", "images", "photo.jpg")


def tf_bicubic(nchw, out_h, out_w, align_corners):
    nhwc = np.transpose(nchw, (0, 2, 3, 1))
    y = tf.raw_ops.ResizeBicubic(images=tf.constant(nhwc), size=tf.constant([out_h, out_w], tf.int32),
                                 align_corners=align_corners, half_pixel_centers=not align_corners)
    return np.transpose(y.numpy(), (0, 3, 1, 2))


def main():
    tf.config.threading.set_intra_op_parallelism_threads(1)
    rng = np.random.default_rng(20260321)
    cases, arrays = [], {}

    def add(case_id, x, out_h, out_w, align_corners, note):
        y = tf_bicubic(x, out_h, out_w, align_corners)
        cases.append({"id": case_id, "dtype": str(x.dtype), "input_shape": list(x.shape), "size": [out_h, out_w],
                      "align_corners": align_corners, "output_dtype": str(y.dtype),
                      "output_shape": list(y.shape), "note": note})
        arrays[case_id + "_in"] = x
        arrays[case_id + "_out"] = y

    sizes = [((5, 7), (11, 13), "up, odd ratios"), ((16, 16), (8, 8), "down x2"),
             ((13, 9), (5, 4), "down, odd ratios"), ((6, 6), (6, 6), "same size"),
             ((1, 5), (3, 9), "height 1"), ((4, 4), (1, 1), "to one pixel"),
             ((9, 10), (16, 7), "up and down mixed"), ((3, 3), (20, 20), "large upscale")]
    n = 0
    for (ih, iw), (oh, ow), note in sizes:
        for channels in (1, 3, 4):
            for align in (False, True):
                for dtype in (np.float32, np.float64):
                    x = rng.uniform(-3.0, 5.0, size=(1 if channels != 3 else 2, channels, ih, iw)).astype(dtype)
                    add("R%03d" % n, x, oh, ow, align, note + ", c=%d, %s" % (channels, np.dtype(dtype).name))
                    n += 1
    with open(PHOTO, "rb") as f:
        photo = tf.io.decode_jpeg(f.read(), channels=3).numpy().astype(np.float32)
    photo = np.transpose(photo, (2, 0, 1))[None]
    h, w = photo.shape[2], photo.shape[3]
    for align in (False, True):
        add("PHOTO_down_%s" % align, photo, max(1, h * 2 // 5), max(1, w * 3 // 7), align,
            "photo.jpg decoded by tf.io.decode_jpeg (RGB), float32 0..255, downscale")
        add("PHOTO_up_%s" % align, photo[:, :, : min(h, 24), : min(w, 32)], 61, 77, align,
            "photo.jpg crop, upscale")

    os.makedirs(OUT, exist_ok=True)
    np.savez_compressed(os.path.join(OUT, "arrays.npz"), **arrays)
    with open(os.path.join(OUT, "cases.jsonl"), "w") as f:
        for c in cases:
            f.write(json.dumps(c) + "\n")
    manifest = {"oracle": "tf.raw_ops.ResizeBicubic (half_pixel_centers = not align_corners)",
                "tensorflow": tf.__version__, "numpy": np.__version__, "python": platform.python_version(),
                "cases": len(cases), "seed": 20260321, "photo": "src/test/resources/images/photo.jpg"}
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    print("wrote %d cases to %s" % (len(cases), OUT))


if __name__ == "__main__":
    main()
