"""Writes the small image files of src/test/resources/images with Pillow (run once; the files are committed).

Every colour layout the job's image input handles: RGB, RGBA, grey, grey with alpha, 16-bit grey,
palette PNGs; RGB and grey JPEGs; a file in a sub-folder; a file that is no image; a file the
default glob skips.

    python src/test/python/make_test_images.py src/test/resources/images
"""
import os
import sys

import numpy as np
from PIL import Image


def pattern(h, w, c, seed):
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w]
    planes = [((x * (17 + 5 * k) + y * (29 - 3 * k)) % 256) for k in range(c)]
    a = np.stack(planes, axis=-1).astype(np.int32) + rng.integers(-20, 20, size=(h, w, c))
    return np.clip(a, 0, 255).astype(np.uint8)


def main(out):
    os.makedirs(os.path.join(out, "sub"), exist_ok=True)
    Image.fromarray(pattern(13, 17, 3, 1), "RGB").save(os.path.join(out, "rgb.png"))
    Image.fromarray(pattern(7, 9, 4, 2), "RGBA").save(os.path.join(out, "rgba.png"))
    Image.fromarray(pattern(6, 8, 1, 3)[:, :, 0], "L").save(os.path.join(out, "grey.png"))
    Image.fromarray(pattern(5, 7, 2, 4), "LA").save(os.path.join(out, "grey_alpha.png"))
    g16 = (np.arange(5 * 6, dtype=np.int64).reshape(5, 6) * 2259 + 7).astype(np.uint16)
    Image.fromarray(g16).save(os.path.join(out, "grey16.png"))
    Image.fromarray(pattern(8, 10, 3, 5), "RGB").quantize(colors=16).save(os.path.join(out, "palette.png"))
    Image.fromarray(pattern(16, 20, 3, 6), "RGB").save(os.path.join(out, "photo.jpg"), quality=90)
    Image.fromarray(pattern(10, 12, 1, 7)[:, :, 0], "L").save(os.path.join(out, "grey.jpg"), quality=90)
    Image.fromarray(pattern(11, 9, 3, 8), "RGB").save(os.path.join(out, "sub", "nested.png"))
    with open(os.path.join(out, "broken.jpg"), "wb") as f:
        f.write(b"this is not a JPEG file\n")
    with open(os.path.join(out, "notes.txt"), "w") as f:
        f.write("not an image: the default --input-glob skips this file\n")


if __name__ == "__main__":
    main(sys.argv[1])
