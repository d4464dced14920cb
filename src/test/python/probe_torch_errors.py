#!/usr/bin/env python3
"""Record which F.interpolate calls PyTorch 2.x rejects, and with what message.

One command, from the repository root, in a venv of the default python3 with the torch wheel
(python3 -m venv .venv && .venv/bin/pip install torch numpy):

    .venv/bin/python src/test/python/probe_torch_errors.py

Writes src/test/resources/golden/torch-2.x/rejected-calls.jsonl: one invalid call per line (the
errors.jsonl fields of generate_golden.py) plus
  key_words   words our message must carry to mean what torch's means (case-insensitive), chosen
              by the rule in KEY_WORDS that torch's message matches; a message no rule matches
              stops the probe, so a new torch message needs a decision here first;
  extension   true for the calls torch rejects only because it has no kernel for the dtype and
              this library deliberately computes (uint8 linear, trilinear and area, via float32,
              see README);
  internal_error  true where torch fails an internal assertion (a torch bug, not a rule: uint8
              bilinear/bicubic/lanczos to a 1x1 output from more than one row, 3 channels);
the tests check that those two kinds are accepted, and every other call refused.
The first line is a header record ({"torch": version, ...}). The table is generate_golden.py's
error cases (the 1.13 set) run again under 2.x, plus the calls 2.x adds: lanczos and its rules.

Then come the calls at the edge that torch accepts (record "accepted": true, with torch's
"output_shape" and "output" values, NaN as "nan"): area to an empty output by a zero scale, and
area's mean (an output of all ones) over an empty input or channel axis. The tests check that the
core accepts them and gives torch's shape and values.
"""

import argparse
import datetime
import json
import os
import platform
import re
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate_golden as gg  # noqa: E402  (the 1.13 error table, torch call and JSON helpers)

MODES = ("nearest", "nearest-exact", "linear", "bilinear", "bicubic", "trilinear", "lanczos",
         "area")


def key_words(msg, mode):
    """The words that carry the meaning of torch's message ``msg`` for a call with ``mode``."""
    for pattern, words in KEY_WORDS:
        m = re.match(pattern, msg)
        if m:
            return words(m, mode) if callable(words) else list(words)
    raise AssertionError("no key-word rule for torch's message %r: add one to KEY_WORDS" % msg)


KEY_WORDS = [
    (r"only one of size or scale_factor should be defined",
     ["only one of size or scale_factor"]),
    (r"either size or scale_factor should be defined", ["either size or scale_factor"]),
    (r"Input and output must have the same number of spatial dimensions",
     ["same number of spatial dimensions", "output size"]),
    (r"Input and scale_factor must have the same number of spatial dimensions",
     ["same number of spatial dimensions", "scale_factor"]),
    (r"align_corners option can only be set with the interpolating modes",
     ["align_corners", "interpolating modes"]),
    (r"recompute_scale_factor is not meaningful with an explicit size",
     ["recompute_scale_factor", "explicit size"]),
    (r"Anti-alias option is restricted to bilinear, bicubic, and lanczos modes and requires a "
     r"4-D tensor", ["Anti-alias", "bilinear", "bicubic", "lanczos", "4-D"]),
    (r"Lanczos mode does not support align_corners=True", ["lanczos", "align_corners=True"]),
    (r"Lanczos mode requires antialias=True", ["lanczos", "antialias=True"]),
    (r"(Got \d+D input, but \S+ mode needs \d+D input)", lambda m, mode: [m.group(1)]),
    # The last error of interpolate: a rank no mode takes, or a mode name that is none of them.
    (r"Input Error: Only 3D, 4D and 5D input Tensors supported \(got (\d+)D\)",
     lambda m, mode: (["Only 3D, 4D and 5D input Tensors supported", "got %sD" % m.group(1)]
                      if mode in MODES else ["'%s'" % mode, "valid modes", "lanczos"])),
    # A scale <= 0 or not finite gives torch an output size <= 0 or an int64 overflow; the core
    # refuses the scale itself first.
    (r"Input and output sizes should be greater than 0",
     lambda m, mode: ["Input and output sizes should be greater than 0"]),
    (r"value cannot be converted to type int64_t without overflow",
     ["scale_factor must be a finite number > 0"]),
    (r"cannot convert float (NaN|infinity) to integer", ["scale_factor must be a finite number > 0"]),
    (r"(Non-empty \d+D data tensor expected)", lambda m, mode: [m.group(1)]),
    (r"(adaptive_avg_pool\dd\(\): Expected input to have non-zero size for non-batch dimensions)"
     r".* with (dimension \d+ being empty)", lambda m, mode: [m.group(1), m.group(2)]),
    (r"adaptive_avg_pool\dd: elements of output_size must be greater than or equal to 0",
     ["output_size must be greater than or equal to 0"]),
    (r'"\w+" not implemented for \'Byte\'', ["uint8"]),
]


def scale_words(words, scale):
    """Scale factors <= 0 or not finite: the core names the scale instead of the sizes."""
    if scale is not None and any(not (s > 0) or s in (float("inf"),) for s in scale):
        return ["scale_factor must be a finite number > 0"]
    return words


def definitions():
    d = list(gg.error_definitions())

    def add(shape, mode, note, dtype="float32", **kw):
        d.append((tuple(shape), dtype, mode, kw, note))

    # lanczos: 4-D only, antialias=True required, align_corners=True refused.
    add((1, 1, 4, 4), "lanczos", "lanczos without antialias", size=[2, 2])
    add((1, 3, 4, 4), "lanczos", "lanczos with antialias=False, uint8", dtype="uint8",
        scale=[0.5, 0.5])
    add((1, 1, 4, 4), "lanczos", "lanczos align_corners=True", size=[2, 2], align_corners=True,
        antialias=True)
    add((1, 1, 4, 4), "lanczos", "lanczos align_corners=True without antialias", size=[2, 2],
        align_corners=True)
    add((1, 1, 4), "lanczos", "lanczos on 3-D with antialias", size=[2], antialias=True)
    add((1, 1, 4), "lanczos", "lanczos on 3-D", size=[2])
    add((1, 1, 4, 4, 4), "lanczos", "lanczos on 5-D with antialias", size=[2, 2, 2],
        antialias=True)
    add((1, 1, 4, 4, 4), "lanczos", "lanczos on 5-D", scale=[0.5, 0.5, 0.5])
    add((4, 4), "lanczos", "lanczos on 2-D", size=[])
    add((1, 1, 4, 4), "lanczos", "lanczos size 0", size=[0, 2], antialias=True)
    add((1, 1, 4, 4), "lanczos", "lanczos scale 0.2 gives size 0", scale=[0.2, 1.0],
        antialias=True)
    add((1, 1, 4, 4), "lanczos", "lanczos negative scale", scale=[-1.0, 1.0], antialias=True)
    add((1, 1, 4, 4), "lanczos", "lanczos nan scale", scale=[float("nan"), 1.0], antialias=True)
    add((1, 1, 0, 4), "lanczos", "lanczos input height 0", size=[2, 2], antialias=True)
    add((1, 0, 4, 4), "lanczos", "lanczos C=0", size=[2, 2], antialias=True, dtype="uint8")
    add((1, 1, 4, 4), "lanczos", "lanczos 3 sizes", size=[2, 2, 2], antialias=True)
    add((1, 1, 4, 4), "lanczos", "lanczos both size and scale", size=[2, 2], scale=[2.0, 2.0],
        antialias=True)
    add((1, 1, 4, 4), "lanczos", "lanczos recompute with size", size=[2, 2],
        recompute_scale_factor=True, antialias=True)
    # Messages that changed in 2.x: the antialias rule now names lanczos.
    add((1, 1, 4, 4), "nearest", "antialias with nearest (2.x wording)", size=[2, 2],
        antialias=True)
    add((1, 1, 4, 4, 4), "area", "antialias with area 5-D", size=[2, 2, 2], antialias=True)
    # Calls with uint8 that torch has no kernel for (this library computes them via float32).
    add((1, 1, 4), "linear", "uint8 linear", dtype="uint8", size=[8])
    add((1, 1, 4, 4, 4), "trilinear", "uint8 trilinear", dtype="uint8", size=[2, 2, 2])
    add((1, 1, 4), "area", "uint8 area 1-D", dtype="uint8", size=[2])
    add((1, 3, 4, 4), "area", "uint8 area 2-D", dtype="uint8", size=[2, 2])
    add((1, 1, 4, 4, 4), "area", "uint8 area 3-D", dtype="uint8", size=[2, 2, 2])
    # A torch internal assertion (its uint8 AVX2 kernel, 3 channels, 1x1 output from H > 1).
    add((1, 3, 4, 4), "bilinear", "uint8 1x1 output, C=3", dtype="uint8", size=[1, 1])
    add((1, 3, 5, 1), "lanczos", "uint8 1x1 output, C=3", dtype="uint8", size=[1, 1],
        antialias=True)
    return d


def accepted_definitions():
    """Calls at the edge of the rules that torch accepts."""
    d = []

    def add(shape, mode, note, dtype="float32", **kw):
        d.append((tuple(shape), dtype, mode, kw, note))

    add((1, 1, 4, 4), "area", "area, zero scale: empty output", scale=[0.0, 0.5])
    add((1, 2, 4), "area", "area, zero scale 1-D", dtype="float64", scale=[0.0])
    add((1, 1, 0, 4), "area", "area mean over an empty axis", size=[1, 1])
    add((1, 1, 0), "area", "area 1-D mean over an empty axis", dtype="float64", size=[1])
    add((1, 1, 2, 0, 4), "area", "area 3-D mean over an empty axis", size=[1, 1, 1])
    add((1, 0, 3, 4, 6), "area", "area 3-D mean with C=0", size=[1, 1, 1])
    add((1, 0, 4, 4), "area", "area 2-D with C=0", size=[2, 3])
    add((0, 2, 4, 4), "lanczos", "lanczos with N=0", size=[3, 5], antialias=True)
    add((1, 3, 6, 5), "lanczos", "lanczos, align_corners=False", size=[3, 5], align_corners=False,
        antialias=True)
    return d


def accepted_records():
    out = []
    for i, (shape, dtype, mode, kw, note) in enumerate(accepted_definitions(), 1):
        size, scale = kw.get("size"), kw.get("scale")
        ac, rc, aa = kw.get("align_corners"), kw.get("recompute_scale_factor"), kw.get("antialias",
                                                                                         False)
        x = torch.zeros(shape, dtype=gg.TORCH_DTYPES[dtype])
        y = F.interpolate(x, **gg.torch_kwargs(mode, size, scale, ac, rc, aa))
        out.append({
            "id": "acc%03d" % i,
            "input_shape": list(shape),
            "dtype": dtype,
            "size": None if size is None else [int(s) for s in size],
            "scale_factor": None if scale is None else [gg.json_scale(s) for s in scale],
            "mode": mode,
            "align_corners": ac,
            "recompute_scale_factor": rc,
            "antialias": aa,
            "accepted": True,
            "output_shape": list(y.shape),
            "output": [gg.json_scale(float(v)) for v in y.flatten().tolist()],
            "torch_exception": "",
            "torch_message": "",
            "note": note,
        })
    return out


def records():
    out = []
    for i, (shape, dtype, mode, kw, note) in enumerate(definitions(), 1):
        size = kw.get("size")
        scale = kw.get("scale")
        ac = kw.get("align_corners")
        rc = kw.get("recompute_scale_factor")
        aa = kw.get("antialias", False)
        x = torch.zeros(shape, dtype=gg.TORCH_DTYPES[dtype])
        try:
            F.interpolate(x, **gg.torch_kwargs(mode, size, scale, ac, rc, aa))
        except Exception as e:  # noqa: BLE001 - every exception type is recorded
            exc, msg = type(e).__name__, str(e)
        else:
            raise AssertionError("torch %s accepted bad call %d (%s): %s %s %s" %
                                 (torch.__version__, i, note, shape, mode, kw))
        extension = "not implemented for 'Byte'" in msg
        internal = "INTERNAL ASSERT FAILED" in msg
        words = [] if internal else scale_words(key_words(msg, mode), scale)
        out.append({
            "id": "rej%03d" % i,
            "input_shape": list(shape),
            "dtype": dtype,
            "size": None if size is None else [int(s) for s in size],
            "scale_factor": None if scale is None else [gg.json_scale(s) for s in scale],
            "mode": mode,
            "align_corners": ac,
            "recompute_scale_factor": rc,
            "antialias": aa,
            "torch_exception": exc,
            "torch_message": msg,
            "key_words": words,
            "extension": extension,
            "internal_error": internal,
            "note": note,
        })
    return out


def default_out():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "resources", "golden", "torch-2.x",
                                         "rejected-calls.jsonl"))


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--out", default=None, help="output file (default %s)" % default_out())
    args = p.parse_args(argv)
    if not torch.__version__.startswith("2."):
        sys.exit("torch %s: this probe records PyTorch 2.x (pip install torch)" % torch.__version__)
    out = args.out or default_out()
    recs = records()
    accepted = accepted_records()
    header = {
        "torch": torch.__version__,
        "python": platform.python_version(),
        "generated": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "command": " ".join([sys.executable, os.path.relpath(os.path.abspath(__file__))] + argv),
        "calls": len(recs),
        "extensions": sum(1 for r in recs if r["extension"]),
        "internal_errors": sum(1 for r in recs if r["internal_error"]),
        "accepted_calls": len(accepted),
    }
    os.makedirs(os.path.dirname(out), exist_ok=True)
    gg.write_jsonl(out, [header] + recs + accepted)
    print("wrote %d rejected calls (%d deliberate extensions, %d torch internal errors) and %d "
          "accepted edge calls from torch %s to %s" %
          (len(recs), header["extensions"], header["internal_errors"], len(accepted),
           torch.__version__, out))


if __name__ == "__main__":
    main()
