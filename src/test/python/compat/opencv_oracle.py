"""The OpenCV oracles of the OpenCV compatibility profile.

``pip_resize`` is opencv-python's ``cv2.resize`` on one single-channel plane (one thread, the
library's default IPP setting). ``debian_resize`` calls Debian's system OpenCV (libopencv-imgproc,
4.6) through its C entry point ``cvResize``, which computes exactly what ``cv2.resize`` with an
explicit ``dsize`` computes; it is ``None`` where that library is not installed.
"""
import ctypes
import ctypes.util
import glob

import cv2
import numpy as np

cv2.setNumThreads(1)

FLAGS = {
    "nearest": cv2.INTER_NEAREST,
    "nearest_exact": cv2.INTER_NEAREST_EXACT,
    "linear": cv2.INTER_LINEAR,
    "cubic": cv2.INTER_CUBIC,
    "area": cv2.INTER_AREA,
    "lanczos4": cv2.INTER_LANCZOS4,
}


def pip_resize(plane, out_h, out_w, interpolation):
    """cv2.resize of one 2-D plane to (out_h, out_w)."""
    return cv2.resize(np.ascontiguousarray(plane), (out_w, out_h), interpolation=FLAGS[interpolation])


def resize_nchw(x, out_h, out_w, interpolation, plane_resize=pip_resize):
    """Each (n, c) plane of an (N, C, H, W) array resized on its own."""
    n, c = x.shape[:2]
    out = np.empty((n, c, out_h, out_w), dtype=x.dtype)
    for i in range(n):
        for j in range(c):
            out[i, j] = plane_resize(x[i, j], out_h, out_w, interpolation)
    return out


class _CvMat(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("step", ctypes.c_int), ("refcount", ctypes.c_void_p),
                ("hdr_refcount", ctypes.c_int), ("data", ctypes.c_void_p), ("rows", ctypes.c_int),
                ("cols", ctypes.c_int), ("pad", ctypes.c_char * 64)]


def _load_debian():
    found = sorted(glob.glob("/usr/lib/*/libopencv_imgproc.so.4*"))
    core = sorted(glob.glob("/usr/lib/*/libopencv_core.so.4*"))
    if not found or not core:
        return None, None
    core_lib = ctypes.CDLL(core[-1])
    lib = ctypes.CDLL(found[-1])
    core_lib._ZN2cv13setNumThreadsEi(1)
    version = found[-1].rsplit(".so.", 1)[1]
    return (core_lib, lib), version


_DEBIAN, DEBIAN_SOVERSION = _load_debian()
_DEPTH = {np.dtype(np.uint8): 0, np.dtype(np.float32): 5, np.dtype(np.float64): 6}


def _mat(a):
    m = _CvMat()
    _DEBIAN[0].cvInitMatHeader(ctypes.byref(m), a.shape[0], a.shape[1], _DEPTH[a.dtype],
                               ctypes.c_void_p(a.ctypes.data), a.strides[0])
    return m


def debian_resize(plane, out_h, out_w, interpolation):
    """Debian's OpenCV cvResize of one 2-D plane (None when that library is missing)."""
    if _DEBIAN is None:
        return None
    src = np.ascontiguousarray(plane)
    dst = np.zeros((out_h, out_w), dtype=src.dtype)
    ms, md = _mat(src), _mat(dst)
    _DEBIAN[1].cvResize(ctypes.byref(ms), ctypes.byref(md), FLAGS[interpolation])
    return dst


def debian_version():
    """The Debian library's file name (its version), or None."""
    return None if _DEBIAN is None else "libopencv_imgproc.so." + DEBIAN_SOVERSION
