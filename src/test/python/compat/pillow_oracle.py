"""PIL.Image.resize on (N, C, H, W) numpy arrays, the way the Java Pillow profile maps them.

uint8 with C=1 is mode "L", C=3 "RGB", C=4 "RGBA" (alpha last); float32 is mode "F", one image per
channel plane. Shared by generate_pillow.py, pillow_live.py and bench/compat/pillow.
"""
import numpy as np
from PIL import Image

FILTERS = ["nearest", "box", "bilinear", "hamming", "bicubic", "lanczos"]


def resampling(name):
    """Pillow's constant for a filter name (Image.Resampling where the release has it)."""
    holder = getattr(Image, "Resampling", Image)
    return getattr(holder, name.upper())


def to_images(array):
    """Yields (n, c, PIL image) for each Pillow image of an (N, C, H, W) array; c is None for 8-bit."""
    n, c = array.shape[:2]
    for i in range(n):
        if array.dtype == np.uint8:
            hwc = np.ascontiguousarray(np.moveaxis(array[i], 0, -1))
            yield i, None, Image.fromarray(hwc[:, :, 0] if c == 1 else hwc)
        else:
            for j in range(c):
                yield i, j, Image.fromarray(np.ascontiguousarray(array[i, j], dtype=np.float32))


def resize(array, out_h, out_w, filter_name, reducing_gap=None):
    """Image.resize((out_w, out_h), filter, reducing_gap=...) of every image of an NCHW array."""
    n, c = array.shape[:2]
    out = np.zeros((n, c, out_h, out_w), dtype=array.dtype)
    f = resampling(filter_name)
    for i, j, im in to_images(array):
        r = np.asarray(im.resize((out_w, out_h), f, reducing_gap=reducing_gap))
        if j is None:
            out[i] = r[None] if r.ndim == 2 else np.moveaxis(r, -1, 0)
        else:
            out[i, j] = r
    return out


def versions():
    import platform
    import PIL
    return {"pillow": PIL.__version__, "numpy": np.__version__, "python": platform.python_version()}
