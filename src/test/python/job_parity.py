#!/usr/bin/env python3
"""PyTorch's F.interpolate on tensors the resample job read, for ResampleJobLocalTest.

    /usr/bin/python3 src/test/python/job_parity.py DIR

DIR/cases.json lists the calls: [{"input": "in-3-image.npy", "expected": "torch-3-image.npy",
"mode": "bilinear", "size": [16, 12] or null, "scale": [0.5, 0.5] or null, "align_corners": true,
false or null, "antialias": false, "sample": true}, ...]. Each input is loaded, interpolated by torch
(a sample (C, ...) gets a batch axis for the call and loses it after) and saved as "expected".
"""

import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F


def main(directory):
    with open(os.path.join(directory, "cases.json")) as f:
        cases = json.load(f)
    for c in cases:
        x = torch.from_numpy(np.load(os.path.join(directory, c["input"])))
        if c["sample"]:
            x = x.unsqueeze(0)
        kwargs = {"mode": c["mode"], "antialias": c["antialias"]}
        if c["align_corners"] is not None:
            kwargs["align_corners"] = c["align_corners"]
        if c["size"] is not None:
            kwargs["size"] = tuple(c["size"])
        else:
            kwargs["scale_factor"] = tuple(c["scale"])
        y = F.interpolate(x, **kwargs)
        if c["sample"]:
            y = y.squeeze(0)
        np.save(os.path.join(directory, c["expected"]), y.contiguous().numpy())
    print("job_parity.py: torch %s computed %d cases" % (torch.__version__, len(cases)))


if __name__ == "__main__":
    main(sys.argv[1])
