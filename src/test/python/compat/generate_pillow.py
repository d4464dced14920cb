"""Writes the Pillow profile's fixtures: src/test/resources/golden/compat/pillow/.

    .venv/bin/python src/test/python/compat/generate_pillow.py [--out DIR]

Every expected output is computed here by PIL.Image.resize (pillow_oracle.py); the versions used
are recorded in manifest.json. Needs numpy and Pillow (requirements-pillow.txt) and, for the
photographs, matplotlib (its sample data ships grace_hopper.jpg, a photograph, and
Minduka_Present_Blue_Pack.png, an RGBA picture).
"""
import argparse
import os

import numpy as np
from PIL import Image

import pillow_oracle as po

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", ".."))
DEFAULT_OUT = os.path.join(ROOT, "src", "test", "resources", "golden", "compat", "pillow")

MODES = {"L": (np.uint8, 1), "RGB": (np.uint8, 3), "RGBA": (np.uint8, 4), "F": (np.float32, 1),
         "F2": (np.float32, 2)}

# (name, in_h, in_w, out_h, out_w, reducing_gap): up, down, odd and mixed ratios, one axis kept,
# reducing_gap steps, a 1-pixel axis, and an image over 100x taller than wide.
SHAPES = [
    ("up", 7, 9, 16, 13, None),
    ("down", 32, 40, 11, 8, None),
    ("odd", 23, 17, 10, 29, None),
    ("keepw", 20, 15, 7, 15, None),
    ("keeph", 12, 31, 12, 5, None),
    ("gap1", 64, 48, 13, 10, 1.0),
    ("gap2", 61, 50, 13, 11, 2.0),
    ("gap3", 97, 41, 10, 7, 3.0),
    ("gapup", 9, 40, 20, 6, 2.0),
    ("line", 1, 19, 3, 7, None),
    ("tall", 260, 2, 37, 3, None),
    ("big", 5, 6, 41, 37, None),
]


def random_input(rng, dtype, c, h, w, n=1):
    if dtype == np.uint8:
        a = rng.integers(0, 256, size=(n, c, h, w), dtype=np.uint8)
        if c == 4:
            # alpha with the special values 0 and 255 well represented
            alpha = rng.choice(np.array([0, 255, 1, 128], dtype=np.uint8), size=(n, h, w))
            mixed = rng.integers(0, 256, size=(n, h, w), dtype=np.uint8)
            a[:, 3] = np.where(rng.random((n, h, w)) < 0.5, alpha, mixed)
        return a
    return (rng.standard_normal((n, c, h, w)) * 100).astype(np.float32)


def photos():
    import matplotlib
    d = os.path.join(matplotlib.get_data_path(), "sample_data")
    rgb = np.asarray(Image.open(os.path.join(d, "grace_hopper.jpg")).convert("RGB"))
    rgba = np.asarray(Image.open(os.path.join(d, "Minduka_Present_Blue_Pack.png")).convert("RGBA"))
    crop = rgb[150:406, 100:400]  # 256 x 300, the face
    small = rgb[200:248, 200:240]  # 48 x 40
    nchw = lambda a: np.ascontiguousarray(np.moveaxis(a, -1, 0)[None])
    grey = np.asarray(Image.fromarray(crop).convert("L"))[None, None]
    return {
        "photo-rgb": nchw(crop),
        "photo-small": nchw(small),
        "photo-l": np.ascontiguousarray(grey),
        "photo-f": np.ascontiguousarray(grey.astype(np.float32) / 255.0),
        "picture-rgba": nchw(rgba),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=DEFAULT_OUT)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(20261203)
    cases, arrays = [], {}

    def add(case_id, x, out_h, out_w, filt, gap):
        y = po.resize(x, out_h, out_w, filt, gap)
        arrays[case_id + ".in"] = x
        arrays[case_id + ".out"] = y
        cases.append({"id": case_id, "filter": filt, "dtype": str(x.dtype),
                      "in_shape": list(x.shape), "out_h": out_h, "out_w": out_w,
                      "reducing_gap": gap})

    for mode, (dtype, c) in MODES.items():
        for name, h, w, oh, ow, gap in SHAPES:
            n = 2 if name == "odd" else 1
            x = random_input(rng, dtype, c, h, w, n)
            for filt in po.FILTERS:
                add(f"{mode}-{name}-{filt}", x, oh, ow, filt, gap)
    # extremes: a 0/255 checkerboard (float: +-1e4) drives the ringing filters to clip
    for mode, (dtype, c) in MODES.items():
        for name, h, w, oh, ow in [("checker-up", 9, 8, 23, 19), ("checker-down", 40, 33, 9, 7)]:
            board = ((np.indices((h, w)).sum(axis=0) % 2) * 255).astype(np.uint8)
            x = np.broadcast_to(board, (1, c, h, w)).copy()
            if dtype == np.float32:
                x = (x.astype(np.float32) - 127.5) * 80
            for filt in po.FILTERS:
                add(f"{mode}-{name}-{filt}", x, oh, ow, filt, None)
    p = photos()
    for filt in po.FILTERS:
        add(f"photo-rgb-down-{filt}", p["photo-rgb"], 113, 97, filt, None)
        add(f"photo-small-up-{filt}", p["photo-small"], 131, 110, filt, None)
        add(f"photo-l-down-{filt}", p["photo-l"], 61, 77, filt, None)
        add(f"photo-f-down-{filt}", p["photo-f"], 61, 77, filt, None)
        add(f"picture-rgba-down-{filt}", p["picture-rgba"], 50, 61, filt, None)
        add(f"picture-rgba-up-{filt}", p["picture-rgba"], 171, 150, filt, None)
    for filt in ["bicubic", "lanczos", "box"]:
        add(f"photo-rgb-gap2-{filt}", p["photo-rgb"], 60, 71, filt, 2.0)
        add(f"photo-f-gap2-{filt}", p["photo-f"], 60, 71, filt, 2.0)

    manifest = po.write_fixtures(args.out, cases, arrays, "src/test/python/compat/generate_pillow.py")
    print(f"wrote {len(cases)} cases to {args.out}: {manifest}")


if __name__ == "__main__":
    main()
