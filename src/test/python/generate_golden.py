#!/usr/bin/env python3
"""Generate the PyTorch golden fixtures for spark-resample's conformance tests.

Run with an interpreter that has torch: PyTorch 2.x from the official wheel in a venv, or Debian 12's
python3-torch (1.13):

    python3 -m venv /tmp/torch2 && /tmp/torch2/bin/pip install torch numpy \
        && /tmp/torch2/bin/python src/test/python/generate_golden.py     # -> golden/torch-2.x
    /usr/bin/python3 src/test/python/generate_golden.py [--out DIR] [--seed N]   # -> golden/torch-1.13

Default output: src/test/resources/golden/torch-2.x for any 2.x release, torch-<major.minor> for 1.x (the
exact version is in the manifest and in every case), default seed DEFAULT_SEED. The output is deterministic: the same torch, numpy and seed give byte-identical
cases.jsonl, errors.jsonl and arrays-*.npz (only manifest.json carries the generation date).

Files written (see README.md next to this script):
  manifest.json        versions, seed, date, command line, counts
  cases.jsonl          one valid call per line (arguments, shapes, routing flag, note)
  arrays-<mode>.npz    <id>.in / <id>.out arrays of every case of that mode
  errors.jsonl         invalid calls and the exception torch raised for each

Every call is made exactly as recorded: size and scale_factor as tuples with one entry per
spatial dimension, align_corners / recompute_scale_factor only when not null, antialias always.
"""

import argparse
import datetime
import io
import json
import math
import os
import platform
import sys
import time
import zipfile

import numpy as np
import torch
import torch.nn.functional as F

DEFAULT_SEED = 20261121

MODES = ["nearest", "nearest-exact", "linear", "bilinear", "bicubic", "trilinear", "area"]
# Spatial dimensions each mode accepts.
SPATIAL_DIMS = {
    "nearest": (1, 2, 3),
    "nearest-exact": (1, 2, 3),
    "linear": (1,),
    "bilinear": (2,),
    "bicubic": (2,),
    "trilinear": (3,),
    "area": (1, 2, 3),
}
INTERPOLATING = ("linear", "bilinear", "bicubic", "trilinear")
ANTIALIAS_MODES = ("bilinear", "bicubic")
CHANNELS_LAST_MODES = ("nearest", "nearest-exact", "bilinear", "trilinear")

NP_DTYPES = {"float32": np.dtype("<f4"), "float64": np.dtype("<f8"), "uint8": np.dtype("|u1")}
TORCH_DTYPES = {"float32": torch.float32, "float64": torch.float64, "uint8": torch.uint8}
SHORT = {"float32": "f32", "float64": "f64", "uint8": "u8"}

# A fixed timestamp for every zip entry, so that the npz files are reproducible.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def torch_major_minor():
    v = torch.__version__.split("+")[0]
    parts = v.split(".")
    return parts[0] + "." + parts[1]


TORCH_MAJOR = int(torch.__version__.split(".")[0])


def dtypes_for(mode):
    """The dtypes torch supports for a mode on CPU: uint8 for the nearest modes, and in 2.x also
    for bilinear and bicubic (with and without antialias)."""
    if mode in ("nearest", "nearest-exact"):
        return ("float32", "float64", "uint8")
    if TORCH_MAJOR >= 2 and mode in ("bilinear", "bicubic"):
        return ("float32", "float64", "uint8")
    return ("float32", "float64")


# ---------------------------------------------------------------------------------------------
# Calling torch


def torch_kwargs(mode, size, scale, align_corners, recompute, antialias):
    kw = {"mode": mode}
    if size is not None:
        kw["size"] = tuple(int(s) for s in size)
    if scale is not None:
        kw["scale_factor"] = tuple(float(s) for s in scale)
    if align_corners is not None:
        kw["align_corners"] = bool(align_corners)
    if recompute is not None:
        kw["recompute_scale_factor"] = bool(recompute)
    kw["antialias"] = bool(antialias)
    return kw


def call_torch(x, mode, size, scale, align_corners, recompute, antialias):
    t = torch.from_numpy(np.ascontiguousarray(x))
    y = F.interpolate(t, **torch_kwargs(mode, size, scale, align_corners, recompute, antialias))
    return np.ascontiguousarray(y.contiguous().numpy())


def channels_last_rule(shape, mode, antialias, out_shape=None, dtype="float32"):
    """Whether torch takes its channels-last kernel for this contiguous NCHW tensor.

    1.13: a 4-D/5-D tensor with C == 1 (or all spatial dims 1) is also channels-last contiguous,
    and nearest / nearest-exact / bilinear / trilinear then take the channels-last kernel
    (antialias always uses the separable generic kernel).
    2.x: 2-D nearest / nearest-exact / bilinear when (channels-last contiguous and C > 3) or
    out_H + out_W <= 128; float bilinear also when C == 3 at one torch thread; 3-D nearest /
    nearest-exact / trilinear when channels-last contiguous and C > 3; uint8 bilinear never."""
    if len(shape) not in (4, 5) or mode not in CHANNELS_LAST_MODES or antialias:
        return False
    cl_contiguous = shape[1] == 1 or all(s == 1 for s in shape[2:])
    if TORCH_MAJOR < 2:
        return cl_contiguous
    if mode == "bilinear" and dtype == "uint8":
        return False
    if len(shape) == 4 and mode in ("nearest", "nearest-exact", "bilinear"):
        if cl_contiguous and shape[1] > 3:
            return True
        if out_shape is not None and out_shape[2] + out_shape[3] <= 128:
            return True
        return mode == "bilinear" and shape[1] == 3 and torch.get_num_threads() == 1
    if len(shape) == 5 and mode in ("nearest", "nearest-exact", "trilinear"):
        return cl_contiguous and shape[1] > 3
    return False


def channels_last_probe(shape, mode, size, scale, align_corners, recompute, antialias):
    """Which kernel torch really picks, read from the kernel name in the dtype error that an int16
    tensor of the same shape raises. None when the probe is inconclusive."""
    if len(shape) not in (4, 5):
        return False
    x = torch.zeros(tuple(shape), dtype=torch.int16)
    try:
        F.interpolate(x, **torch_kwargs(mode, size, scale, align_corners, recompute, antialias))
    except RuntimeError as e:
        msg = str(e)
        if "not implemented for" in msg:
            return "channels_last" in msg.split("not implemented for")[0]
        return None
    return None


# ---------------------------------------------------------------------------------------------
# Case records


class Case:
    def __init__(self, cid, group, mode, dtype, x, size=None, scale=None, align_corners=None,
                 recompute=None, antialias=False, note=""):
        assert dtype in NP_DTYPES
        spatial = x.ndim - 2
        if size is not None:
            assert len(size) == spatial, (cid, size, x.shape)
            size = [int(s) for s in size]
        if scale is not None:
            assert len(scale) == spatial, (cid, scale, x.shape)
            scale = [float(s) for s in scale]
        self.id = cid
        self.group = group
        self.mode = mode
        self.dtype = dtype
        self.x = np.ascontiguousarray(x.astype(NP_DTYPES[dtype]))
        self.size = size
        self.scale = scale
        self.align_corners = align_corners
        self.recompute = recompute
        self.antialias = bool(antialias)
        self.note = note
        self.y = None
        self.route = None
        # the case whose input array this one reads (None: its own)
        self.input_id = None

    def run(self):
        self.threads = torch.get_num_threads()
        self.y = call_torch(self.x, self.mode, self.size, self.scale, self.align_corners,
                            self.recompute, self.antialias)
        assert self.y.dtype == NP_DTYPES[self.dtype], (self.id, self.y.dtype)
        rule = channels_last_rule(self.x.shape, self.mode, self.antialias, self.y.shape,
                                  self.dtype)
        probe = channels_last_probe(self.x.shape, self.mode, self.size, self.scale,
                                    self.align_corners, self.recompute, self.antialias)
        if probe is not None and probe != rule and not (TORCH_MAJOR >= 2 and self.dtype == "uint8"
                                                        and self.mode == "bilinear"):
            raise AssertionError(
                "%s: channels-last rule says %s but torch took the %s kernel" %
                (self.id, rule, "channels-last" if probe else "generic"))
        self.route = rule
        return self

    def record(self):
        return {
            "id": self.id,
            "group": self.group,
            "mode": self.mode,
            "dtype": self.dtype,
            "input_shape": list(self.x.shape),
            "size": self.size,
            "scale_factor": self.scale,
            "align_corners": self.align_corners,
            "recompute_scale_factor": self.recompute,
            "antialias": self.antialias,
            "output_shape": list(self.y.shape),
            "torch": torch.__version__,
            "channels_last_route": self.route,
            "threads": self.threads,
            "input_id": self.input_id,
            "note": self.note,
        }


# ---------------------------------------------------------------------------------------------
# Input data


def random_input(rng, shape, dtype, kind=None):
    """Random data: uint8 0..255; floats from [0,1), [-1,1), [0,255) or integers 0..255."""
    shape = tuple(int(s) for s in shape)
    if dtype == "uint8":
        return rng.integers(0, 256, size=shape, dtype=np.uint8), "u8"
    if kind is None:
        kind = ("unit", "signed", "byte", "int")[int(rng.choice(4, p=[0.3, 0.25, 0.3, 0.15]))]
    if kind == "unit":
        a = rng.random(shape)
    elif kind == "signed":
        a = rng.random(shape) * 2.0 - 1.0
    elif kind == "byte":
        a = rng.random(shape) * 255.0
    elif kind == "int":
        a = rng.integers(0, 256, size=shape).astype(np.float64)
    else:
        raise ValueError(kind)
    return a.astype(NP_DTYPES[dtype]), kind


# ---------------------------------------------------------------------------------------------
# Section 9 test vectors (inputs and calls from the spec; outputs always come from torch)

A4 = [1, 4, 2, 8]
A5 = [0, 1, 2, 3, 4]
A8 = [1, 4, 2, 8, 5, 7, 3, 6]
A7 = [1, 4, 2, 8, 5, 7, 3]
M3 = [[1, 2, 4], [3, 7, 5], [0, 6, 9]]
M4 = [[0, -1, 4, 1.5], [4, -5, 12, 3.5], [8, -9, 20, 5.5], [12, -13, 28, 7.5]]
C222 = [[[1, 2], [3, 4]], [[5, 6], [7, 9]]]


def tv(cid, title, data, mode, dtype="float32", size=None, scale=None, ac=None, rc=None,
       aa=False):
    return (cid, title, data, mode, dtype, size, scale, ac, rc, aa)


SPEC_VECTORS = [
    tv("TV01", "nearest 1D upsample 4->7 (floor(i*4/7) in float32)", [[A4]], "nearest", size=[7]),
    tv("TV02", "nearest-exact 1D upsample 4->7 (floor((i+0.5)*4/7))", [[A4]], "nearest-exact",
       size=[7]),
    tv("TV03", "nearest vs nearest-exact downsample 8->6, nearest", [[list(range(8))]], "nearest",
       size=[6]),
    tv("TV04", "nearest-exact downsample 8->6", [[list(range(8))]], "nearest-exact", size=[6]),
    tv("TV05", "nearest float32 index precision: 2->82, element 41 uses index 0 (full call; the"
       " spec shows [39:44])", [[[10, 20]]], "nearest", size=[82]),
    tv("TV06", "nearest-exact float32 index precision: 2->41, element 20 uses index 0 (full call;"
       " the spec shows [18:23])", [[[10, 20]]], "nearest-exact", size=[41]),
    tv("TV07", "nearest with scale_factor=2.1 on length 5 (1-D => generic path, no '2x'"
       " shortcut): scale used = 1/2.1", [[A5]], "nearest", scale=[2.1]),
    tv("TV08", "same but 4-D with C=1 (1.13 routes C=1 NCHW to the channels-last kernel which has"
       " the out==2*in shortcut i>>1)", [[[A5]]], "nearest", scale=[1.0, 2.1]),
    tv("TV09", "nearest with scale_factor=2.1 and recompute_scale_factor=True", [[A5]], "nearest",
       scale=[2.1], rc=True),
    tv("TV10a", "nearest to size 1 (always index 0); first half of TV10", [[A4]], "nearest",
       size=[1]),
    tv("TV10b", "nearest-exact to size 1 (index floor(0.5*4)=2); second half of TV10", [[A4]],
       "nearest-exact", size=[1]),
    tv("TV11", "linear align_corners=False 4->7", [[A4]], "linear", size=[7], ac=False),
    tv("TV12", "linear align_corners=True 4->7", [[A4]], "linear", size=[7], ac=True),
    tv("TV13", "linear scale_factor=1.7 (out=floor(4*1.7)=6), recompute=None => source scale"
       " 1/1.7", [[A4]], "linear", scale=[1.7]),
    tv("TV14", "linear scale_factor=1.7 with recompute_scale_factor=True => source scale 4/6",
       [[A4]], "linear", scale=[1.7], rc=True),
    tv("TV15", "linear downsample 4->2 without antialias (samples at 0.5 and 2.5)", [[A4]],
       "linear", size=[2]),
    tv("TV16a", "linear to size 1, align_corners=False samples centre (src=1.5); first half of"
       " TV16", [[A4]], "linear", size=[1], ac=False),
    tv("TV16b", "linear to size 1, align_corners=True samples index 0; second half of TV16",
       [[A4]], "linear", size=[1], ac=True),
    tv("TV17", "linear from a length-1 input to 3", [[[3.5]]], "linear", size=[3]),
    tv("TV18", "linear with scale_factor=1.1 on length 5 (out=5): per-dimension identity"
       " shortcut in CPU kernel, scale ignored", [[A5]], "linear", scale=[1.1]),
    tv("TV19", "bilinear 3x3->5x4 align_corners=False", [[M3]], "bilinear", size=[5, 4],
       ac=False),
    tv("TV20", "bilinear 3x3->5x4 align_corners=True", [[M3]], "bilinear", size=[5, 4], ac=True),
    tv("TV21", "bilinear downsample 4x4->2x3, no antialias", [[M4]], "bilinear", size=[2, 3]),
    tv("TV22", "bilinear downsample 4x4->2x3, antialias=True", [[M4]], "bilinear", size=[2, 3],
       aa=True),
    tv("TV23", "bilinear antialias downsample along W only 8->3 (H stays 1)", [[[A8]]],
       "bilinear", size=[1, 3], aa=True),
    tv("TV24", "bilinear antialias UPSAMPLE 4->7 - compare TV11", [[[A4]]], "bilinear",
       size=[1, 7], aa=True),
    tv("TV25", "bilinear antialias with align_corners=True 8->3", [[[A8]]], "bilinear",
       size=[1, 3], ac=True, aa=True),
    tv("TV26", "bicubic (A=-0.75) 1x4->1x7 align_corners=False", [[[A4]]], "bicubic",
       size=[1, 7], ac=False),
    tv("TV27", "bicubic 1x4->1x7 align_corners=True", [[[A4]]], "bicubic", size=[1, 7], ac=True),
    tv("TV28", "bicubic 3x3->4x5 align_corners=False", [[M3]], "bicubic", size=[4, 5]),
    tv("TV29", "bicubic downsample 8->3 without antialias", [[[A8]]], "bicubic", size=[1, 3]),
    tv("TV30", "bicubic downsample 8->3 with antialias", [[[A8]]], "bicubic", size=[1, 3],
       aa=True),
    tv("TV31", "bicubic antialias UPSAMPLE 4->7 - compare TV26", [[[A4]]], "bicubic", size=[1, 7],
       aa=True),
    tv("TV32", "bicubic to 1x1 output from 1x4", [[[A4]]], "bicubic", size=[1, 1]),
    tv("TV33", "bicubic same size but scale_factor=1.1 given (out=5): CPU does NOT shortcut",
       [[[A5]]], "bicubic", scale=[1.0, 1.1]),
    tv("TV34", "bicubic identity size (weights [0,1,0,0] => exact copy)", [[M3]], "bicubic",
       size=[3, 3]),
    tv("TV35", "area 7->3 (adaptive avg pool windows [0,3),[2,5),[4,7))", [[A7]], "area",
       size=[3]),
    tv("TV36", "area 3->5 upsample (windows of 1 or 2 input pixels)", [[[1, 4, 2]]], "area",
       size=[5]),
    tv("TV37", "area with scale_factor=0.35 on length 7 (always recomputed: out=floor(2.45)=2)",
       [[A7]], "area", scale=[0.35]),
    tv("TV38", "area 2D 5x5->3x2", [[[list(range(r * 5, r * 5 + 5)) for r in range(5)]]], "area",
       size=[3, 2]),
    tv("TV39", "trilinear 2x2x2->3x3x3 align_corners=False (full call; the spec shows depth 0)",
       [[C222]], "trilinear", size=[3, 3, 3]),
    tv("TV40", "trilinear 2x2x2->3x3x3 align_corners=True (full call; the spec shows depth 1)",
       [[C222]], "trilinear", size=[3, 3, 3], ac=True),
    tv("TV41", "nearest 3D 2x2x2 -> 3x3x3 (full call; the spec shows depth 0)", [[C222]],
       "nearest", size=[3, 3, 3]),
    tv("TV42", "uint8 nearest 2x3->3x5", [[[[0, 50, 255], [10, 200, 30]]]], "nearest", "uint8",
       size=[3, 5]),
    tv("TV43", "uint8 nearest-exact 2x3->3x5", [[[[0, 50, 255], [10, 200, 30]]]],
       "nearest-exact", "uint8", size=[3, 5]),
    tv("TV44", "output-size rounding: len 100, scale_factor=0.29 -> 28 outputs (full call)",
       [[list(range(100))]], "nearest", scale=[0.29]),
    tv("TV45", "nearest len 10, scale_factor=0.35 (out 3): scale 1/0.35 -> indices 0,2,5",
       [[list(range(10))]], "nearest", scale=[0.35]),
    tv("TV46", "same with recompute_scale_factor=True: scale 10/3 -> indices 0,3,6",
       [[list(range(10))]], "nearest", scale=[0.35], rc=True),
    tv("TV47", "linear align_corners=True ignores scale_factor (uses (in-1)/(out-1))", [[A4]],
       "linear", scale=[1.7], ac=True),
    tv("TV48", "[1.13-specific] bilinear antialias, W 5->5 via scale_factor 1.1", [[[A5]]],
       "bilinear", scale=[1.0, 1.1], aa=True),
    tv("TV49", "area to 1x1 (dispatched to mean over H,W)", [[M3]], "area", size=[1, 1]),
    tv("TV50", "bicubic antialias with align_corners=True 8->3", [[[A8]]], "bicubic",
       size=[1, 3], ac=True, aa=True),
    tv("TV51", "bilinear, batch N=2 and C=2 (generic kernel path in 1.13), 2x2->3x3",
       [[[[1, 2], [3, 4]], [[0, -1], [5, 2]]], [[[9, 8], [7, 6]], [[1, 1], [1, 0]]]],
       "bilinear", size=[3, 3]),
    tv("TV52", "nearest, length 5, scale_factor=1.1 (out=5): generic kernel uses scale 1/1.1",
       [[A5]], "nearest", scale=[1.1]),
    tv("TV53", "same on 4-D C=1 input (1.13 channels-last kernel: out==in shortcut -> identity)",
       [[[A5]]], "nearest", scale=[1.0, 1.1]),
    tv("TV54", "area with size 0 returns an empty tensor", [[A4]], "area", size=[0]),
]


def spec_cases():
    cases = []
    for cid, title, data, mode, dtype, size, scale, ac, rc, aa in SPEC_VECTORS:
        x = np.array(data, dtype=np.float64)
        cases.append(Case(cid, "spec", mode, dtype, x, size, scale, ac, rc, aa, title))
        if dtype == "float32":
            cases.append(Case(cid + "_f64", "spec", mode, "float64", x, size, scale, ac, rc, aa,
                              title + " [float64 copy]"))
            integral = np.all(x == np.round(x)) and x.min() >= 0 and x.max() <= 255
            if mode in ("nearest", "nearest-exact") and integral:
                cases.append(Case(cid + "_u8", "spec", mode, "uint8", x, size, scale, ac, rc, aa,
                                  title + " [uint8 copy]"))
    return cases


# ---------------------------------------------------------------------------------------------
# Edge cases


def edge_definitions():
    """(mode, input shape, kwargs, note, data kind, dtypes or None for every supported dtype)."""
    defs = []

    def add(mode, shape, note, kind=None, dtypes=None, **kw):
        defs.append((mode, tuple(shape), kw, note, kind, dtypes))

    def spatial_shape(k, n):
        return (n,) * k

    # 1-pixel outputs and 1-pixel inputs, per mode and rank.
    for mode in MODES:
        for k in SPATIAL_DIMS[mode]:
            ins = {1: (9,), 2: (7, 9), 3: (4, 5, 6)}[k]
            outs = {1: (6,), 2: (5, 4), 3: (3, 4, 2)}[k]
            acs = (None, True) if mode in INTERPOLATING else (None,)
            for ac in acs:
                add(mode, (1, 2) + ins, "1-pixel output", size=[1] * k, align_corners=ac)
                add(mode, (1, 1) + ins, "1-pixel output, C=1", size=[1] * k, align_corners=ac)
                add(mode, (2, 3) + spatial_shape(k, 1), "1-pixel input", size=list(outs),
                    align_corners=ac)
                add(mode, (1, 1) + spatial_shape(k, 1), "1-pixel input, C=1", size=list(outs),
                    align_corners=ac)
            if mode in ANTIALIAS_MODES:
                add(mode, (1, 2) + ins, "1-pixel output, antialias", size=[1, 1], antialias=True)
                add(mode, (1, 2, 1, 1), "1-pixel input, antialias", size=[4, 5], antialias=True)
                add(mode, (1, 2) + ins, "1-pixel output, antialias, align_corners",
                    size=[1, 1], antialias=True, align_corners=True)

    # Identity sizes, with and without a scale factor (scale 1.1 on length <= 9 keeps the size).
    for mode in MODES:
        for k in SPATIAL_DIMS[mode]:
            ins = {1: (5,), 2: (5, 7), 3: (3, 5, 4)}[k]
            aas = (False, True) if mode in ANTIALIAS_MODES else (False,)
            for aa in aas:
                for c in (1, 3):
                    add(mode, (1, c) + ins, "identity size, C=%d" % c, size=list(ins),
                        antialias=aa)
                    add(mode, (1, c) + ins, "identity via scale 1.0, C=%d" % c, scale=[1.0] * k,
                        antialias=aa)
                    add(mode, (1, c) + ins, "same size via scale 1.1, C=%d" % c,
                        scale=[1.1] * k, antialias=aa)
                    add(mode, (1, c) + ins, "same size via scale 1.1 recomputed, C=%d" % c,
                        scale=[1.1] * k, recompute_scale_factor=True, antialias=aa)
                    if mode in INTERPOLATING:
                        add(mode, (1, c) + ins, "same size via scale 1.1, align_corners, C=%d" % c,
                            scale=[1.1] * k, align_corners=True, antialias=aa)
                    if k >= 2:
                        mixed = [1.0] * (k - 1) + [2.1]
                        add(mode, (1, c) + ins, "scale (1,..,2.1): out == 2*in on the last dim,"
                            " C=%d" % c, scale=mixed, antialias=aa)

    # Non-integer scales on length 100 (1-D modes) and 2-D (10 x 100).
    for s in (1.0 / 3.0, 0.35, 1.7, 2.1, 0.29):
        for mode in ("nearest", "nearest-exact", "linear", "area"):
            add(mode, (1, 1, 100), "scale %r on length 100" % s, scale=[s])
            add(mode, (1, 1, 100), "scale %r on length 100, recomputed" % s, scale=[s],
                recompute_scale_factor=True)
            if mode == "linear":
                add(mode, (1, 1, 100), "scale %r on length 100, align_corners" % s, scale=[s],
                    align_corners=True)
        for mode in ("bilinear", "bicubic"):
            add(mode, (1, 2, 10, 100), "scale %r on 10x100" % s, scale=[s, s])
            add(mode, (1, 2, 10, 100), "scale %r on 10x100, antialias" % s, scale=[s, s],
                antialias=True)
        add("nearest", (1, 1, 10, 100), "scale %r on 10x100, C=1" % s, scale=[s, s])
        add("nearest-exact", (1, 1, 10, 100), "scale %r on 10x100, C=1" % s, scale=[s, s])

    # Large antialiased downscales (8x and more); one channel in the 2.x set (smaller files).
    big_c = 3 if TORCH_MAJOR < 2 else 1
    for mode in ("bilinear", "bicubic"):
        for size in ([12, 10], [7, 9], [3, 2], [1, 80]):
            add(mode, (1, big_c, 96, 80), "antialias downscale 96x80 -> %dx%d" % tuple(size),
                kind="byte", dtypes=("float32", "float64") if size == [12, 10] else ("float32",),
                size=size, antialias=True)
            add(mode, (1, big_c, 96, 80), "antialias downscale 96x80 -> %dx%d, align_corners"
                % tuple(size), kind="byte", dtypes=("float32",), size=size, antialias=True,
                align_corners=True)
        add(mode, (1, big_c, 96, 80), "antialias downscale by scale 0.125", kind="unit",
            dtypes=("float32",), scale=[0.125, 0.125], antialias=True)
        add(mode, (1, 1, 96, 80), "antialias downscale by scale 0.1, C=1", kind="unit",
            dtypes=("float32",), scale=[0.1, 0.1], antialias=True)
        add(mode, (1, 3, 96, 80), "plain downscale 96x80 -> 12x10 (no antialias)", kind="byte",
            dtypes=("float32",), size=[12, 10])

    # Long 1-D axes.
    for a, b in ((3000, 4999), (4999, 3000)):
        for mode in ("linear", "nearest", "nearest-exact", "area"):
            add(mode, (1, 1, a), "long axis %d -> %d" % (a, b), kind="byte", size=[b])
        add("linear", (1, 1, a), "long axis %d -> %d, align_corners" % (a, b), kind="byte",
            size=[b], align_corners=True)
        add("linear", (1, 1, a), "long axis %d -> %d, data [0,1)" % (a, b), kind="unit",
            dtypes=("float32",), size=[b])
    # Long-ish 2-D axes.
    for mode in ("bilinear", "bicubic"):
        for c in (1, 2):
            add(mode, (1, c, 3, 1500), "3x1500 -> 3x2600, C=%d" % c, kind="byte",
                dtypes=("float32",) if c == 2 else None, size=[3, 2600])
        add(mode, (1, 1, 3, 1500), "3x1500 -> 3x2600, align_corners", kind="byte",
            dtypes=("float32",), size=[3, 2600], align_corners=True)
        add(mode, (1, 1, 3, 2600), "3x2600 -> 3x1500, antialias", kind="byte",
            dtypes=("float32",), size=[3, 1500], antialias=True)
        add(mode, (1, 1, 1500, 3), "1500x3 -> 2600x3", kind="byte", dtypes=("float32",),
            size=[2600, 3])
    add("nearest", (1, 1, 3, 1500), "3x1500 -> 3x2600, C=1", kind="byte", size=[3, 2600])
    add("nearest-exact", (1, 1, 3, 1500), "3x1500 -> 3x2600, C=1", kind="byte", size=[3, 2600])
    add("area", (1, 1, 3, 1500), "3x1500 -> 3x1100", kind="byte", size=[3, 1100])
    add("trilinear", (1, 1, 2, 3, 700), "2x3x700 -> 3x2x1300, C=1", kind="byte",
        dtypes=("float32",), size=[3, 2, 1300])

    # Sizes 1 and 2, primes, extreme ratios.
    pairs = [(1, 2), (2, 1), (2, 2), (1, 97), (97, 1), (2, 97), (97, 2), (13, 7), (7, 13),
             (31, 17), (17, 31), (3, 123), (2, 82), (2, 41), (59, 129), (129, 59)]
    for a, b in pairs:
        for mode in ("nearest", "nearest-exact", "linear", "area"):
            add(mode, (1, 2, a), "length %d -> %d" % (a, b), size=[b])
        add("linear", (1, 2, a), "length %d -> %d, align_corners" % (a, b), size=[b],
            align_corners=True)
        for mode in ("bilinear", "bicubic"):
            add(mode, (1, 1, 2, a), "2x%d -> 3x%d, C=1" % (a, b), size=[3, b])
            add(mode, (1, 2, a, 3), "%dx3 -> %dx2, C=2" % (a, b), size=[b, 2], align_corners=True)
            add(mode, (1, 2, 2, a), "2x%d -> 3x%d, antialias" % (a, b), size=[3, b],
                antialias=True)
        add("trilinear", (1, 1, 2, 2, a), "2x2x%d -> 3x1x%d, C=1" % (a, b), size=[3, 1, b])
        add("nearest", (1, 1, a, 2), "%dx2 -> %dx3, C=1" % (a, b), size=[b, 3])
        add("nearest-exact", (1, 1, a, 2), "%dx2 -> %dx3, C=1" % (a, b), size=[b, 3])

    # C = 1 and C > 1 (and H = W = 1 with C > 1) for every 2-D / 3-D mode.
    for mode in MODES:
        for k in SPATIAL_DIMS[mode]:
            if k == 1:
                continue
            ins = {2: (5, 7), 3: (3, 5, 4)}[k]
            outs = {2: (8, 3), 3: (5, 2, 7)}[k]
            acs = (None, False, True) if mode in INTERPOLATING else (None,)
            for ac in acs:
                for n, c in ((1, 1), (2, 1), (1, 3), (2, 4), (1, 8), (1, 9)):
                    add(mode, (n, c) + ins, "N=%d C=%d" % (n, c), size=list(outs),
                        align_corners=ac)
                add(mode, (1, 3) + (1,) * k, "spatial all 1, C=3", size=list(outs),
                    align_corners=ac)
                add(mode, (2, 5) + (1,) * k, "spatial all 1, N=2 C=5", scale=[3.0] * k,
                    align_corners=ac)
            add(mode, (1, 1) + ins, "C=1 scale 2", scale=[2.0] * k)
            add(mode, (1, 3) + ins, "C=3 scale 2", scale=[2.0] * k)
            add(mode, (1, 1) + ins, "C=1 scale 0.5", scale=[0.5] * k)

    # Area: 1x1 / 1x1x1 outputs (mean path), scale to 0 (empty), C = 0 (empty), size 0.
    add("area", (2, 3, 11), "area to 1 (1-D)", size=[1])
    add("area", (2, 3, 9, 11), "area to 1x1 (mean)", size=[1, 1])
    add("area", (2, 3, 5, 6, 7), "area to 1x1x1 (mean)", size=[1, 1, 1])
    add("area", (1, 1, 4), "area, scale 0.1 gives size 0 (empty)", scale=[0.1])
    add("area", (1, 1, 4, 4), "area, size 0x0 (empty)", size=[0, 0])
    add("area", (1, 1, 4, 4, 4), "area, size 0x2x2 (empty)", size=[0, 2, 2])
    add("area", (1, 0, 4), "area, C=0 (empty; other modes raise)", size=[2])
    add("area", (1, 0, 4, 4), "area, C=0 (empty; other modes raise)", size=[2, 2])

    # Batch N = 0 (empty result).
    add("nearest", (0, 1, 4, 4), "N=0", size=[2, 3])
    add("bilinear", (0, 2, 4, 4), "N=0", size=[2, 3])
    add("bicubic", (0, 1, 4, 4), "N=0, antialias", size=[2, 3], antialias=True)
    add("linear", (0, 1, 4), "N=0", size=[7])
    add("trilinear", (0, 1, 2, 2, 2), "N=0", size=[3, 3, 3])
    add("area", (0, 1, 4), "N=0", size=[3])

    # Float64 index precision / large scales.
    add("nearest", (1, 1, 7), "scale 10.3", scale=[10.3])
    add("nearest-exact", (1, 1, 7), "scale 10.3", scale=[10.3])
    add("linear", (1, 1, 7), "scale 10.3", scale=[10.3])
    add("bicubic", (1, 1, 4, 5), "scale 6.7", scale=[6.7, 6.7])
    add("bilinear", (1, 1, 4, 5), "scale 6.7, C=1", scale=[6.7, 6.7])
    add("bilinear", (1, 2, 4, 5), "scale 6.7, C=2", scale=[6.7, 6.7])
    add("trilinear", (1, 1, 2, 3, 4), "scale 4.3, C=1", scale=[4.3, 4.3, 4.3])
    add("trilinear", (1, 2, 2, 3, 4), "scale 4.3, C=2", scale=[4.3, 4.3, 4.3])
    return defs


def edge_cases(rng):
    cases = []
    n = 0
    for mode, shape, kw, note, kind, dtypes in edge_definitions():
        for dtype in dtypes or dtypes_for(mode):
            if dtype not in dtypes_for(mode):
                continue
            n += 1
            if TORCH_MAJOR >= 2 and kind == "byte":
                kind = "int"  # integer-valued floats: the 2.x set stays small when compressed
            x, k = random_input(rng, shape, dtype, kind)
            cases.append(Case("e%03d_%s_%s" % (n, mode, SHORT[dtype]), "edge", mode, dtype, x,
                              kw.get("size"), kw.get("scale"), kw.get("align_corners"),
                              kw.get("recompute_scale_factor"), kw.get("antialias", False),
                              "%s; data %s" % (note, k)))
    return cases


# ---------------------------------------------------------------------------------------------
# Random cases

SIZE_KINDS = ("size", "scale", "scale_recompute_false", "scale_recompute_true")
NICE_SCALES = (0.5, 2.0, 3.0, 1.5)
# 2.x fixtures keep arrays smaller (the committed set stays a few MB).
MAX_ELEMENTS = 6000 if TORCH_MAJOR < 2 else 500


def combos():
    """Every mode x rank x dtype x align_corners x size kind x antialias."""
    out = []
    for mode in MODES:
        for k in SPATIAL_DIMS[mode]:
            for dtype in dtypes_for(mode):
                for ac in ((None, False, True) if mode in INTERPOLATING else (None,)):
                    for sk in SIZE_KINDS:
                        for aa in ((False, True) if mode in ANTIALIAS_MODES else (False,)):
                            out.append((mode, k, dtype, ac, sk, aa))
    return out


def draw_scale(rng):
    r = rng.random()
    if r < 0.4:
        return float(NICE_SCALES[int(rng.integers(len(NICE_SCALES)))])
    if r < 0.7:
        return float(round(rng.uniform(0.2, 4.0), 2))
    return float(rng.uniform(0.2, 4.0))


def draw_call(rng, mode, k, ac, sk, aa):
    """One random (input shape, size, scale, recompute) for a combination; None to redraw."""
    n = 1 if rng.random() < 0.75 else 2
    c = 1 if rng.random() < 0.4 else int(rng.integers(2, 5))
    hi = 24 if k <= 2 else 10
    ins = [int(rng.integers(1, hi + 1)) for _ in range(k)]
    size = scale = recompute = None
    if sk == "size":
        size = []
        for s in ins:
            r = rng.random()
            if r < 0.1:
                size.append(s)
            elif r < 0.2:
                size.append(2 * s)
            elif aa and r < 0.6:
                size.append(int(rng.integers(1, s + 1)))
            else:
                size.append(int(rng.integers(1, hi + 9 if k <= 2 else hi + 3)))
        outs = size
    else:
        if rng.random() < 0.5:
            scale = [draw_scale(rng)] * k
        else:
            scale = [draw_scale(rng) for _ in range(k)]
        if aa and rng.random() < 0.4:
            scale = [min(s, 1.0 / s) for s in scale]
        recompute = {"scale": None, "scale_recompute_false": False,
                     "scale_recompute_true": True}[sk]
        if recompute or mode == "area":
            outs = [math.floor(float(i) * s) for i, s in zip(ins, scale)]
        else:
            outs = [int(float(i) * s) for i, s in zip(ins, scale)]
    if any(o <= 0 for o in outs):
        return None
    if n * c * np.prod(ins) > MAX_ELEMENTS or n * c * np.prod(outs) > MAX_ELEMENTS:
        return None
    return (n, c) + tuple(ins), size, scale, recompute


def random_case(rng, cid, combo):
    mode, k, dtype, ac, sk, aa = combo
    while True:
        call = draw_call(rng, mode, k, ac, sk, aa)
        if call is None:
            continue
        shape, size, scale, recompute = call
        x, kind = random_input(rng, shape, dtype)
        case = Case(cid, "random", mode, dtype, x, size, scale, ac, recompute, aa,
                    "random; data %s" % kind)
        try:
            return case.run()
        except (RuntimeError, ValueError) as e:  # a draw torch rejects: skip it
            print("skipping draw for %s: %s" % (cid, e), file=sys.stderr)


def thread_cases(cases, threads):
    """Every fifth edge and random case again with torch at `threads` threads (2.x picks some
    kernels by thread count)."""
    torch.set_num_threads(threads)
    out = []
    for i, c in enumerate(c for c in cases if c.group in ("edge", "random")):
        if i % 5:
            continue
        t = Case(c.id + "_t%d" % threads, "threads", c.mode, c.dtype, c.x, c.size, c.scale,
                 c.align_corners, c.recompute, c.antialias, c.note + "; torch at %d threads" % threads)
        t.input_id = c.id
        out.append(t.run())
    torch.set_num_threads(1)
    return out


def random_cases(rng, per_combo, start=0):
    cases = []
    i = start
    for _ in range(per_combo):
        for combo in combos():
            cases.append(random_case(rng, "r%04d_%s_%s" % (i, combo[0], SHORT[combo[2]]), combo))
            i += 1
    return cases


# ---------------------------------------------------------------------------------------------
# Error cases

NAN, INF = float("nan"), float("inf")


def error_definitions():
    """(input shape, dtype, mode, kwargs, note)."""
    d = []

    def add(shape, mode, note, dtype="float32", **kw):
        d.append((tuple(shape), dtype, mode, kw, note))

    # size / scale_factor presence and length.
    add((1, 1, 4, 4), "nearest", "both size and scale_factor", size=[2, 2], scale=[2.0, 2.0])
    add((1, 1, 4), "linear", "both size and scale_factor", size=[2], scale=[2.0])
    add((1, 1, 4, 4), "nearest", "neither size nor scale_factor")
    add((1, 1, 4, 4), "bilinear", "neither size nor scale_factor", dtype="float64")
    add((1, 1, 4, 4, 4), "trilinear", "neither size nor scale_factor", align_corners=True)
    add((1, 1, 4, 4), "nearest", "3 sizes for 2 spatial dims", size=[2, 2, 2])
    add((1, 1, 4), "linear", "2 sizes for 1 spatial dim", size=[2, 2])
    add((1, 1, 4, 4, 4), "trilinear", "2 sizes for 3 spatial dims", size=[2, 2])
    add((1, 1, 4, 4, 4), "area", "4 sizes for 3 spatial dims", size=[2, 2, 2, 2])
    add((1, 1, 4, 4), "bilinear", "3 scales for 2 spatial dims", scale=[2.0, 2.0, 2.0])
    add((1, 1, 4), "nearest", "2 scales for 1 spatial dim", scale=[2.0, 2.0])
    add((1, 1, 4, 4, 4), "nearest-exact", "2 scales for 3 spatial dims", scale=[2.0, 1.5])
    add((1, 1, 4, 4), "bicubic", "3 scales for 2 spatial dims", scale=[1.5, 2.0, 0.5])

    # align_corners with the non-interpolating modes.
    for mode, shape in (("nearest", (1, 1, 4)), ("nearest-exact", (1, 2, 4, 4)),
                        ("area", (1, 1, 4, 4, 4))):
        for ac in (True, False):
            add(shape, mode, "align_corners=%s with %s" % (ac, mode), size=[2] * (len(shape) - 2),
                align_corners=ac)
    add((1, 1, 4, 4), "nearest", "align_corners=True with nearest and scale", scale=[2.0, 2.0],
        align_corners=True)

    # antialias outside bilinear / bicubic on 4-D input.
    add((1, 1, 4), "linear", "antialias with linear", size=[2], antialias=True)
    add((1, 1, 4, 4, 4), "trilinear", "antialias with trilinear", size=[2, 2, 2], antialias=True)
    add((1, 1, 4, 4), "nearest", "antialias with nearest", size=[2, 2], antialias=True)
    add((1, 1, 4), "nearest", "antialias with nearest 1-D", size=[2], antialias=True)
    add((1, 1, 4, 4), "nearest-exact", "antialias with nearest-exact", size=[2, 2],
        antialias=True)
    add((1, 1, 4, 4), "area", "antialias with area", size=[2, 2], antialias=True)
    add((1, 1, 4), "bilinear", "antialias with bilinear on 3-D", size=[2], antialias=True)
    add((1, 1, 4, 4, 4), "bilinear", "antialias with bilinear on 5-D", size=[2, 2, 2],
        antialias=True)
    add((1, 1, 4), "bicubic", "antialias with bicubic on 3-D", size=[2], antialias=True)
    add((1, 1, 4, 4, 4), "bicubic", "antialias with bicubic on 5-D", scale=[0.5, 0.5, 0.5],
        antialias=True)

    # mode not valid for the rank.
    add((1, 1, 4, 4), "linear", "linear on 4-D", size=[2, 2])
    add((1, 1, 4, 4, 4), "linear", "linear on 5-D", size=[2, 2, 2], align_corners=True)
    add((1, 1, 4), "bilinear", "bilinear on 3-D", size=[2])
    add((1, 1, 4, 4, 4), "bilinear", "bilinear on 5-D", scale=[2.0, 2.0, 2.0])
    add((1, 1, 4), "trilinear", "trilinear on 3-D", size=[2])
    add((1, 1, 4, 4), "trilinear", "trilinear on 4-D", size=[2, 2], align_corners=False)
    add((1, 1, 4), "bicubic", "bicubic on 3-D", size=[2])
    add((1, 1, 4, 4, 4), "bicubic", "bicubic on 5-D", size=[2, 2, 2])

    # unknown mode strings.
    add((1, 1, 4, 4), "foo", "unknown mode", size=[2, 2])
    add((1, 1, 4), "lanczos", "unknown mode in 1.13", size=[2])
    add((1, 1, 4, 4), "cubic", "unknown mode", scale=[2.0, 2.0])

    # unsupported ranks.
    add((4, 4), "nearest", "2-D input", size=[])
    add((4, 4), "bilinear", "2-D input", scale=[])
    add((1, 1, 2, 2, 2, 2), "nearest", "6-D input", size=[2, 2, 2, 2])
    add((1, 1, 2, 2, 2, 2), "trilinear", "6-D input", scale=[2.0, 2.0, 2.0, 2.0])

    # output sizes 0 and negative.
    add((1, 1, 4), "nearest", "size 0", size=[0])
    add((1, 1, 4), "nearest-exact", "size 0", size=[0])
    add((1, 1, 4), "linear", "size -1", size=[-1])
    add((1, 1, 4, 4), "bilinear", "size (0, 3)", size=[0, 3])
    add((1, 1, 4, 4), "bicubic", "size (0, 0)", size=[0, 0])
    add((1, 1, 4, 4), "nearest", "size (-2, 3)", size=[-2, 3])
    add((1, 1, 4, 4), "bilinear", "size 0 with antialias", size=[3, 0], antialias=True)
    add((1, 1, 4, 4, 4), "trilinear", "size (2, 0, 2)", size=[2, 0, 2])
    add((1, 1, 4, 4, 4), "nearest", "size (2, 2, -5)", size=[2, 2, -5])
    add((1, 1, 4), "area", "area with size -1", size=[-1])
    add((1, 1, 4, 4), "area", "area with size (-1, 2)", size=[-1, 2])
    add((1, 1, 4, 4, 4), "area", "area with size (2, -3, 2)", size=[2, -3, 2])

    # scale factors giving an output size of 0, negative, zero, non-finite.
    add((1, 1, 4), "nearest", "scale 0.1 gives size 0", scale=[0.1])
    add((1, 1, 4, 4), "bilinear", "scale 0.2 gives size 0", scale=[0.2, 0.5])
    add((1, 1, 4), "linear", "scale 0.1 recomputed gives size 0", scale=[0.1],
        recompute_scale_factor=True)
    add((1, 1, 4, 4, 4), "trilinear", "scale 0.2 gives size 0", scale=[0.2, 0.2, 0.2])
    add((1, 1, 4, 4), "bicubic", "scale 0.2 gives size 0 with antialias", scale=[1.0, 0.2],
        antialias=True)
    add((1, 1, 4), "nearest", "negative scale", scale=[-2.0])
    add((1, 1, 4, 4), "bilinear", "negative scale", scale=[-1.0, 2.0])
    add((1, 1, 4), "nearest-exact", "negative scale recomputed", scale=[-2.0],
        recompute_scale_factor=True)
    add((1, 1, 4), "area", "area with negative scale", scale=[-2.0])
    add((1, 1, 4), "nearest", "scale 0", scale=[0.0])
    add((1, 1, 4), "nearest", "nan scale", scale=[NAN])
    add((1, 1, 4, 4), "bilinear", "inf scale", scale=[INF, 2.0])
    add((1, 1, 4), "linear", "-inf scale", scale=[-INF])
    add((1, 1, 4), "area", "area with nan scale", scale=[NAN])
    add((1, 1, 4, 4), "area", "area with inf scale", scale=[2.0, INF])
    add((1, 1, 4), "nearest", "nan scale recomputed", scale=[NAN], recompute_scale_factor=True)

    # empty input spatial dims and C = 0.
    add((1, 1, 0), "nearest", "input length 0", size=[4])
    add((1, 1, 0), "linear", "input length 0", scale=[2.0])
    add((1, 1, 0, 4), "bilinear", "input height 0", size=[2, 2])
    add((1, 1, 4, 0), "bicubic", "input width 0", size=[2, 2], antialias=True)
    add((1, 1, 0, 2, 2), "trilinear", "input depth 0", size=[2, 2, 2])
    add((1, 1, 0, 4), "area", "area with input height 0", size=[2, 2])
    add((1, 0, 4, 4), "nearest", "C=0", size=[2, 2])
    add((1, 0, 4, 4), "bilinear", "C=0", size=[2, 2], dtype="float64")
    add((1, 0, 4), "linear", "C=0", size=[2])
    add((1, 0, 2, 2, 2), "trilinear", "C=0", size=[3, 3, 3])
    add((1, 0, 4, 4), "bicubic", "C=0 with antialias", size=[2, 2], antialias=True)
    add((1, 0, 4, 4, 4), "area", "area 3-D with C=0", size=[2, 2, 2])

    # recompute_scale_factor=True with an explicit size.
    add((1, 1, 4, 4), "nearest", "recompute_scale_factor=True with size", size=[2, 2],
        recompute_scale_factor=True)
    add((1, 1, 4), "linear", "recompute_scale_factor=True with size", size=[8],
        recompute_scale_factor=True)
    add((1, 1, 4, 4), "area", "recompute_scale_factor=True with size", size=[2, 2],
        recompute_scale_factor=True)
    return d


def json_scale(v):
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return float(v)


def error_cases():
    records = []
    for i, (shape, dtype, mode, kw, note) in enumerate(error_definitions(), 1):
        size = kw.get("size")
        scale = kw.get("scale")
        ac = kw.get("align_corners")
        rc = kw.get("recompute_scale_factor")
        aa = kw.get("antialias", False)
        x = torch.zeros(shape, dtype=TORCH_DTYPES[dtype])
        try:
            F.interpolate(x, **torch_kwargs(mode, size, scale, ac, rc, aa))
        except Exception as e:  # noqa: BLE001 - every exception type is recorded
            exc, msg = type(e).__name__, str(e)
        else:
            raise AssertionError("torch accepted error case %d (%s): %s %s %s" %
                                 (i, note, shape, mode, kw))
        records.append({
            "id": "err%03d" % i,
            "input_shape": list(shape),
            "dtype": dtype,
            "size": None if size is None else [int(s) for s in size],
            "scale_factor": None if scale is None else [json_scale(s) for s in scale],
            "mode": mode,
            "align_corners": ac,
            "recompute_scale_factor": rc,
            "antialias": aa,
            "torch_exception": exc,
            "torch_message": msg,
            "note": note,
        })
    return records


# ---------------------------------------------------------------------------------------------
# Writing


def npy_bytes(a):
    buf = io.BytesIO()
    np.lib.format.write_array(buf, np.ascontiguousarray(a), allow_pickle=False)
    return buf.getvalue()


def write_npz(path, entries):
    """A deterministic .npz: fixed timestamps, fixed order, deflate level 9."""
    with zipfile.ZipFile(path, "w") as zf:
        for name, arr in entries:
            info = zipfile.ZipInfo(name + ".npy", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, npy_bytes(arr), compress_type=zipfile.ZIP_DEFLATED,
                        compresslevel=9)


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for r in records:
            f.write(json.dumps(r, allow_nan=False, ensure_ascii=True))
            f.write("\n")


def write_cases(out_dir, cases):
    os.makedirs(out_dir, exist_ok=True)
    ids = set()
    for c in cases:
        assert c.id not in ids, c.id
        ids.add(c.id)
    write_jsonl(os.path.join(out_dir, "cases.jsonl"), [c.record() for c in cases])
    for mode in MODES:
        entries = []
        for c in cases:
            if c.mode == mode:
                if c.input_id is None:
                    entries.append((c.id + ".in", c.x))
                entries.append((c.id + ".out", c.y))
        path = os.path.join(out_dir, "arrays-%s.npz" % mode)
        if entries:
            write_npz(path, entries)
        elif os.path.exists(path):
            os.remove(path)


def counts(cases):
    """Case counts per mode and dtype (in MODES order) and per group."""
    per = {}
    for mode in MODES:
        for dtype in NP_DTYPES:
            n = sum(1 for c in cases if c.mode == mode and c.dtype == dtype)
            if n:
                per.setdefault(mode, {})[dtype] = n
    groups = {}
    for c in cases:
        groups[c.group] = groups.get(c.group, 0) + 1
    return per, groups


def write_manifest(out_dir, seed, cases, n_errors, argv, seconds, extra=None):
    per, groups = counts(cases)
    manifest = {
        "torch": torch.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
        "seed": seed,
        "generated": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "command": " ".join([sys.executable] + argv),
        "threads": torch.get_num_threads(),
        "generation_seconds": round(seconds, 1),
        "cases": len(cases),
        "cases_per_group": groups,
        "cases_per_mode_dtype": per,
        "error_cases": n_errors,
    }
    if extra:
        manifest.update(extra)
    with open(os.path.join(out_dir, "manifest.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(manifest, f, indent=2, sort_keys=False)
        f.write("\n")


def default_out_dir():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "resources", "golden",
                                         fixture_folder()))


def fixture_folder():
    """torch-<major.minor> for 1.x (torch-1.13); torch-2.x for every 2.x release (the manifest
    and each case record the exact version)."""
    return "torch-2.x" if TORCH_MAJOR >= 2 else "torch-" + torch_major_minor()


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--out", default=None, help="output directory (default %(default)s: "
                   "src/test/resources/golden/torch-<major.minor>)")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument("--per-combo", type=int, default=10 if TORCH_MAJOR < 2 else 7,
                   help="random cases per mode x rank x dtype x options combination")
    p.add_argument("--threads", type=int, default=4,
                   help="torch 2.x: also rerun every fifth edge/random case at this many torch"
                        " threads (group 'threads', sharing the 1-thread case's input; 1 = none)")
    p.add_argument("--errors", action=argparse.BooleanOptionalAction, default=TORCH_MAJOR < 2,
                   help="record the error cases in errors.jsonl (default: for torch 1.x only; the"
                        " 2.x messages name the lanczos mode, which the error cases of the 2.x"
                        " set come with)")
    args = p.parse_args(argv)
    out_dir = args.out or default_out_dir()
    torch.set_num_threads(1)
    start = time.time()
    rng = np.random.default_rng(args.seed)

    cases = [c.run() for c in spec_cases()]
    cases += [c.run() for c in edge_cases(rng)]
    cases += random_cases(rng, args.per_combo)
    if TORCH_MAJOR >= 2 and args.threads > 1:
        cases += thread_cases(cases, args.threads)
    torch.set_num_threads(1)
    errors = error_cases() if args.errors else []

    write_cases(out_dir, cases)
    errors_path = os.path.join(out_dir, "errors.jsonl")
    if args.errors:
        write_jsonl(errors_path, errors)
    elif os.path.exists(errors_path):
        os.remove(errors_path)  # no errors.jsonl: the set does not record error cases
    seconds = time.time() - start
    write_manifest(out_dir, args.seed, cases, len(errors),
                   [os.path.relpath(os.path.abspath(__file__))] + argv, seconds,
                   {"threads_group": args.threads if TORCH_MAJOR >= 2 else 1,
                    "cpu_capability": torch.backends.cpu.get_cpu_capability()
                    if hasattr(torch.backends, "cpu") else None})
    per, groups = counts(cases)
    print("wrote %d cases (%s) and %d error cases to %s in %.1f s" %
          (len(cases), groups, len(errors), out_dir, seconds))
    for mode in MODES:
        print("  %-14s %s" % (mode, per.get(mode, {})))


if __name__ == "__main__":
    main()
