"""PIL.Image.resize on (N, C, H, W) numpy arrays, the way the Java Pillow profile maps them.

uint8 with C=1 is mode "L", C=3 "RGB", C=4 "RGBA" (alpha last); float32 is mode "F", one image per
channel plane. Shared by generate_pillow.py, pillow_live.py and bench/compat/pillow.
"""
import io
import json
import os
import zipfile

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


def write_fixtures(out, cases, arrays, generator):
    """Writes arrays.npz (inputs shared by several cases stored once), cases.jsonl, manifest.json."""
    os.makedirs(out, exist_ok=True)
    stored, refs = {}, {}
    for key, a in arrays.items():
        if key.endswith(".in"):
            digest = (a.dtype.str, a.shape, a.tobytes())
            if digest in stored:
                refs[key] = stored[digest]
                continue
            stored[digest] = key
    for case in cases:
        case["input"] = refs.get(case["id"] + ".in", case["id"] + ".in")
    buf = io.BytesIO()
    with zipfile.ZipFile(os.path.join(out, "arrays.npz"), "w", zipfile.ZIP_DEFLATED) as z:
        for key, a in arrays.items():
            if key in refs:
                continue
            buf.seek(0)
            buf.truncate()
            np.save(buf, a)
            entry = zipfile.ZipInfo(key + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(entry, buf.getvalue())  # fixed timestamps: same cases, same bytes
    with open(os.path.join(out, "cases.jsonl"), "w") as f:
        for case in cases:
            f.write(json.dumps(case) + "\n")
    manifest = dict(versions())
    manifest["generator"] = generator
    manifest["cases"] = len(cases)
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    return manifest
