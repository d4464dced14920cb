"""Writes the two classic interpolate examples, as computed by the installed PyTorch.

Run with Debian's torch:  /usr/bin/python3 src/test/python/classic_examples.py
Output: src/test/resources/golden/classic-examples.json (read by ClassicExamplesTest).
"""
import json
import os
import sys

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
x1 = torch.tensor([[[1, 2, 3], [4, 5, 6]]], dtype=torch.float32)
y1 = F.interpolate(x1, size=6, mode="nearest")
x2 = torch.tensor([[[[1, 2, 3], [4, 5, 6]]]], dtype=torch.float32)
y2 = F.interpolate(x2, scale_factor=2, mode="bilinear", align_corners=True)


def case(name, call, x, y):
    return {
        "name": name,
        "call": call,
        "input_shape": list(x.shape),
        "input": [float(v) for v in x.flatten().tolist()],
        "output_shape": list(y.shape),
        # repr of a Python float round-trips exactly; float32 values are exact in a double.
        "output": [float(v) for v in y.flatten().tolist()],
    }


doc = {
    "torch": torch.__version__,
    "python": sys.version.split()[0],
    "cases": [
        case("nearest_size6", "interpolate(x, size=6, mode='nearest')", x1, y1),
        case(
            "bilinear_scale2_align_corners",
            "interpolate(x, scale_factor=2, mode='bilinear', align_corners=True)",
            x2,
            y2,
        ),
    ],
}
out = os.path.join(os.path.dirname(__file__), "..", "resources", "golden", "classic-examples.json")
with open(out, "w") as f:
    json.dump(doc, f, indent=1)
    f.write("\n")
print("wrote", os.path.normpath(out))
