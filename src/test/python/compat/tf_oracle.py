"""TensorFlow as the reference for the TensorFlow compatibility profile.

One place that calls TensorFlow the way the profile's two entry points are specified:
  v2: tf.image.resize(images, size, method, antialias=..., preserve_aspect_ratio=False)
  v1: the raw ops ResizeBilinear / ResizeNearestNeighbor / ResizeBicubic (align_corners,
      half_pixel_centers) and ResizeArea (align_corners), as tf.compat.v1.image.resize_* call them.
Arrays are (N, C, H, W) on both sides; TensorFlow runs on NHWC, so they are transposed around the call.
"""
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

tf.config.threading.set_intra_op_parallelism_threads(1)
tf.config.threading.set_inter_op_parallelism_threads(1)

V2_METHODS = ["bilinear", "nearest", "bicubic", "area", "lanczos3", "lanczos5", "gaussian", "mitchellcubic"]
V1_OPS = {
    "bilinear": tf.raw_ops.ResizeBilinear,
    "nearest": tf.raw_ops.ResizeNearestNeighbor,
    "bicubic": tf.raw_ops.ResizeBicubic,
    "area": tf.raw_ops.ResizeArea,
}


def run(case, x_nchw):
    """Runs one case dict (api, method, out, antialias / align_corners, half_pixel_centers)."""
    y = run_nhwc(case, np.ascontiguousarray(np.transpose(x_nchw, (0, 2, 3, 1))))
    return np.ascontiguousarray(np.transpose(y.numpy(), (0, 3, 1, 2)))


def run_nhwc(case, x_nhwc):
    """The TensorFlow call of one case on an NHWC array; returns TensorFlow's tensor."""
    x = tf.convert_to_tensor(x_nhwc)
    size = [int(case["out"][0]), int(case["out"][1])]
    if case["api"] == "v2":
        y = tf.image.resize(x, size, method=case["method"], antialias=bool(case["antialias"]))
    else:
        op = V1_OPS[case["method"]]
        if case["method"] == "area":
            y = op(images=x, size=size, align_corners=bool(case["align_corners"]))
        else:
            y = op(images=x, size=size, align_corners=bool(case["align_corners"]),
                   half_pixel_centers=bool(case["half_pixel_centers"]))
    return y


def versions():
    return {"tensorflow": tf.__version__, "numpy": np.__version__}
