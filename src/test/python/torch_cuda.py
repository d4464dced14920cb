#!/usr/bin/python3
"""PyTorch CUDA side of the GPU backend's device checks (GpuSuiteTest) and benchmark (bench/gpu).

Needs a torch build with CUDA and a GPU. Debian's python3-torch (the oracle of the golden fixtures)
is CPU-only, so on a GPU machine point RESAMPLE_TORCH_PYTHON (GpuSuiteTest) or --torch-python
(bench/gpu) at an interpreter whose torch has CUDA. Without one, both say so and skip the PyTorch
comparison.

    torch_cuda.py check
        prints {"available": bool, "reason": str, "torch": str, "device": str}
    torch_cuda.py reference DIR
        for each case of DIR/cases.json ({"id", "mode", "dtype", "size", "scale_factor",
        "align_corners", "recompute_scale_factor", "antialias"}) reads DIR/<id>.in.npy, runs
        F.interpolate on the GPU and writes DIR/<id>.out.npy; DIR/unsupported.json maps the ids
        torch refused to its message
    torch_cuda.py bench CASES.json [--repeats N] [--min-time-s S]
        CASES.json: the case list written by the Java side (BenchCases.toJson); prints, per case,
        the best per-call milliseconds of F.interpolate on a device tensor ("kernel_ms", CUDA events)
        and of host tensor -> device -> interpolate -> host ("end_to_end_ms")
"""

import json
import sys
import time
from pathlib import Path


def check():
    try:
        import torch
    except Exception as e:  # ImportError or a broken install
        return {"available": False, "reason": f"no torch: {type(e).__name__}: {e}",
                "torch": "", "device": ""}
    if not torch.cuda.is_available():
        return {"available": False,
                "reason": f"torch {torch.__version__} has no usable CUDA device "
                          f"(torch.version.cuda={torch.version.cuda})",
                "torch": torch.__version__, "device": ""}
    return {"available": True, "reason": "", "torch": torch.__version__,
            "device": torch.cuda.get_device_name(0)}


def _kwargs(case, size_key):
    kw = {"mode": case["mode"]}
    if case.get(size_key) is not None:
        kw["size"] = tuple(case[size_key])
    if case.get("scale_factor") is not None:
        kw["scale_factor"] = tuple(case["scale_factor"])
    if case.get("align_corners") is not None:
        kw["align_corners"] = case["align_corners"]
    if case.get("recompute_scale_factor") is not None:
        kw["recompute_scale_factor"] = case["recompute_scale_factor"]
    if case.get("antialias"):
        kw["antialias"] = True
    return kw


def reference(directory):
    import numpy as np
    import torch
    import torch.nn.functional as F

    d = Path(directory)
    unsupported = {}
    for case in json.loads((d / "cases.json").read_text()):
        x = torch.from_numpy(np.load(d / f"{case['id']}.in.npy")).cuda()
        try:
            y = F.interpolate(x, **_kwargs(case, "size"))
        except Exception as e:  # e.g. no CUDA kernel for this dtype
            unsupported[case["id"]] = f"{type(e).__name__}: {e}".splitlines()[0]
            continue
        np.save(d / f"{case['id']}.out.npy", y.cpu().numpy())
    (d / "unsupported.json").write_text(json.dumps(unsupported, indent=1))


def bench(cases_file, repeats=5, min_time_s=0.2):
    import torch
    import torch.nn.functional as F

    dtypes = {"float32": torch.float32, "float64": torch.float64, "uint8": torch.uint8}
    results = []
    for case in json.loads(Path(cases_file).read_text()):
        kw = _kwargs(case, "output_size")
        g = torch.Generator().manual_seed(20240601)
        shape = tuple(case["input_shape"])
        if case["dtype"] == "uint8":
            host = torch.randint(0, 256, shape, generator=g, dtype=torch.uint8)
        else:
            host = torch.rand(shape, generator=g, dtype=dtypes[case["dtype"]])
        try:
            dev = host.cuda()
            F.interpolate(dev, **kw)
        except Exception as e:
            results.append({"name": case["name"],
                            "error": f"{type(e).__name__}: {e}".splitlines()[0]})
            continue

        def kernel_calls(k):
            start = torch.cuda.Event(enable_timing=True)
            stop = torch.cuda.Event(enable_timing=True)
            start.record()
            for _ in range(k):
                F.interpolate(dev, **kw)
            stop.record()
            torch.cuda.synchronize()
            return start.elapsed_time(stop) / k

        def end_to_end_calls(k):
            torch.cuda.synchronize()
            t0 = time.perf_counter()
            for _ in range(k):
                F.interpolate(host.cuda(), **kw).cpu()
            return (time.perf_counter() - t0) * 1000 / k

        out = {"name": case["name"]}
        for key, fn in (("kernel_ms", kernel_calls), ("end_to_end_ms", end_to_end_calls)):
            first = max(fn(2), 1e-3)
            k = max(1, int(min_time_s * 1000 / first))
            out[key] = min(fn(k) for _ in range(repeats))
        results.append(out)
    return results


def main(argv):
    if len(argv) >= 2 and argv[1] == "check":
        print(json.dumps(check()))
    elif len(argv) == 3 and argv[1] == "reference":
        reference(argv[2])
    elif len(argv) >= 3 and argv[1] == "bench":
        opts = {"repeats": 5, "min_time_s": 0.2}
        rest = argv[3:]
        for i in range(0, len(rest) - 1, 2):
            if rest[i] == "--repeats":
                opts["repeats"] = int(rest[i + 1])
            elif rest[i] == "--min-time-s":
                opts["min_time_s"] = float(rest[i + 1])
        print(json.dumps(bench(argv[2], **opts)))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
