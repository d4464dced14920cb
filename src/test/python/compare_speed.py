#!/usr/bin/python3
"""Speed comparison: spark-resample vs PyTorch vs OpenCV vs Pillow, on one machine, one run.

Run it through ``bench/compare`` (which builds the test classes first), with Debian's
``/usr/bin/python3`` (the interpreter that has torch 1.13, cv2 and PIL):

    bench/compare [--threads 1,2] [--repeats 5] [--cases bilinear,area] [--quick]
                  [--out target/bench/compare.md] [--json target/bench/compare.json]

What it does:

1. runs ``org.resample.bench.CompareMain`` (a JVM) once: it times this library on every case
   (the shapes are defined once, in ``BenchCases.java``; this script reads them back from the JSON
   CompareMain writes, so the Python side always times the same shapes), for every thread count,
   and, alternately with it in the same JVM at the same thread count, PyTorch 2.x's C++ library
   (libtorch 2.10 through the JavaCPP presets of the test classpath: the ATen kernels of the
   PyTorch 2.x wheels; ``--no-libtorch`` skips it). That is the "torch2" column;
2. times, in this process, ``torch.nn.functional.interpolate`` (``torch.set_num_threads(T)``),
   ``cv2.resize`` (``cv2.setNumThreads(T)``; one call per HWC image) and ``PIL.Image.resize`` (one
   call per (n, c) plane; Pillow has no thread setting and is single-threaded at every T) on the same
   shapes, where the library has the mode;
3. prints one table (and writes it as markdown to ``--out``): per case and thread count, the best
   per-call milliseconds of each, the ratios ours/other (< 1: ours is faster) and the effective GB/s
   of ours ((input bytes + output bytes) / best time).

Timing method (identical on both sides): warm up for >= 2 calls and >= --warmup-s seconds; choose
k = ceil(--min-time-s / mean warm-up call) calls per measurement; measure --repeats times k calls;
report the best per-call time. Inputs are seeded random (values do not matter for speed: no NaN,
no denormals). The libraries run one after another, never at the same time.
"""

import argparse
import gc
import json
import math
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
JAVA_MAIN = "org.resample.bench.CompareMain"

try:
    import numpy as np
except ImportError:  # pragma: no cover
    sys.exit("compare_speed.py needs numpy; run it with /usr/bin/python3 (Debian's, which has "
             "numpy, torch, cv2 and PIL), e.g. through bench/compare")


def _try_import(name):
    try:
        return __import__(name), None
    except Exception as e:  # ImportError, or a broken install
        return None, f"{type(e).__name__}: {e}"


torch, TORCH_ERR = _try_import("torch")
cv2, CV2_ERR = _try_import("cv2")
PIL, PIL_ERR = _try_import("PIL")
if PIL is not None:
    from PIL import Image
if torch is not None:
    import torch.nn.functional as F


# ----------------------------------------------------------------------------- timing

def time_fn(fn, warmup_s, min_time_s, repeats):
    """Best-of-`repeats` per-call milliseconds of fn(), after warm-up; same method as CompareMain."""
    start = time.perf_counter()
    calls = 0
    while True:
        fn()
        calls += 1
        elapsed = time.perf_counter() - start
        if calls >= 2 and elapsed >= warmup_s:
            break
    per_call = elapsed / calls
    k = max(1, min(1_000_000, math.ceil(min_time_s / per_call))) if per_call > 0 else 1
    runs = []
    gc_was = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeats):
            t0 = time.perf_counter()
            for _ in range(k):
                fn()
            runs.append((time.perf_counter() - t0) * 1e3 / k)
    finally:
        if gc_was:
            gc.enable()
    return {"best_ms": min(runs), "median_ms": statistics.median(runs), "calls_per_repeat": k,
            "runs_ms": runs}


# ----------------------------------------------------------------------------- inputs

NP_DTYPES = {"float32": np.float32, "float64": np.float64, "uint8": np.uint8}


def make_input(case, seed):
    rng = np.random.default_rng(seed)
    shape = tuple(case["input_shape"])
    dt = case["dtype"]
    if dt == "uint8":
        return rng.integers(0, 256, size=shape, dtype=np.uint8)
    return rng.random(size=shape, dtype=NP_DTYPES[dt])


# ----------------------------------------------------------------------------- runners
# Each returns (fn, description) or raises Unsupported(reason).

class Unsupported(Exception):
    pass


def torch_runner(case, x):
    if torch is None:
        raise Unsupported(f"torch not importable in {sys.executable} ({TORCH_ERR}); "
                          "use /usr/bin/python3")
    t = torch.from_numpy(x)
    kwargs = {"size": tuple(case["output_size"]), "mode": case["mode"]}
    if case["align_corners"] is not None:
        kwargs["align_corners"] = case["align_corners"]
    if case["antialias"]:
        kwargs["antialias"] = True

    def fn():
        with torch.no_grad():
            return F.interpolate(t, **kwargs)

    try:
        y = fn()
    except Exception as e:
        raise Unsupported(f"torch {torch.__version__}: {type(e).__name__}: "
                          f"{str(e).splitlines()[0]}")
    check_shape(y.shape, case, "torch")
    desc = f"F.interpolate(mode={case['mode']!r}" + (", antialias=True" if case["antialias"] else "")
    return fn, desc + ")"


CV_FLAGS = {"nearest": "INTER_NEAREST", "bilinear": "INTER_LINEAR", "linear": "INTER_LINEAR",
            "bicubic": "INTER_CUBIC", "area": "INTER_AREA"}


def cv2_runner(case, x):
    if cv2 is None:
        raise Unsupported(f"cv2 not importable ({CV2_ERR})")
    mode = case["mode"]
    if case["antialias"]:
        raise Unsupported("OpenCV has no antialiased bilinear/bicubic")
    if mode not in CV_FLAGS:
        raise Unsupported(f"OpenCV has no {mode}")
    if case["align_corners"]:
        raise Unsupported("OpenCV has no align_corners=True")
    flag = getattr(cv2, CV_FLAGS[mode])
    n = x.shape[0]
    if len(case["input_shape"]) == 4:
        # one HWC image per batch element
        imgs = [np.ascontiguousarray(x[i].transpose(1, 2, 0)) for i in range(n)]
        h, w = case["output_size"]
        dsize = (w, h)
        desc = f"cv2.resize {CV_FLAGS[mode]}, one call per HWC image ({n} calls)"
    elif len(case["input_shape"]) == 3 and mode == "linear":
        # (C, W) single-channel image per batch element, height unchanged: row-wise 1-D linear
        imgs = [np.ascontiguousarray(x[i]) for i in range(n)]
        dsize = (case["output_size"][0], case["input_shape"][1])
        desc = f"cv2.resize INTER_LINEAR on one (C, W) image per batch element ({n} calls)"
    else:
        raise Unsupported("OpenCV resize is 2-D")

    def fn():
        return [cv2.resize(im, dsize, interpolation=flag) for im in imgs]

    try:
        y = fn()
    except Exception as e:
        raise Unsupported(f"cv2 {cv2.__version__}: {type(e).__name__}: {str(e).splitlines()[0]}")
    if len(case["input_shape"]) == 4:
        got = (len(y), y[0].shape[2] if y[0].ndim == 3 else 1) + y[0].shape[:2]
        check_shape(got, case, "cv2")
    return fn, desc


def pillow_runner(case, x):
    """Pillow where it computes the same operation: its resize filters are antialiased (support
    scaled by the downscale factor), as torch's antialias=True; BOX on an integer factor is area."""
    if PIL is None:
        raise Unsupported(f"PIL not importable ({PIL_ERR})")
    mode, dt = case["mode"], case["dtype"]
    if len(case["input_shape"]) != 4:
        raise Unsupported("Pillow resize is 2-D")
    if dt not in ("float32", "uint8"):
        raise Unsupported(f"Pillow has no {dt} image mode")
    ih, iw = case["input_shape"][2:]
    oh, ow = case["output_size"]
    if case["antialias"] and mode in ("bilinear", "bicubic"):
        flt = Image.BILINEAR if mode == "bilinear" else Image.BICUBIC
        fname = mode.upper()
    elif mode == "area" and ih % oh == 0 and iw % ow == 0:
        flt, fname = Image.BOX, "BOX"
    elif mode == "nearest":
        raise Unsupported("Pillow NEAREST samples pixel centres (torch's nearest-exact), "
                          "not torch's nearest")
    elif mode in ("bilinear", "bicubic"):
        raise Unsupported(f"Pillow's {mode.upper()} is an antialiased resize (torch's "
                          "antialias=True); this case is antialias=False")
    else:
        raise Unsupported(f"Pillow has no {mode} with these options")
    n, c = case["input_shape"][:2]
    ims = [Image.fromarray(x[i, j]) for i in range(n) for j in range(c)]
    pil_mode = ims[0].mode

    def fn():
        return [im.resize((ow, oh), resample=flt) for im in ims]

    y = fn()
    if y[0].size != (ow, oh):
        raise RuntimeError(f"Pillow returned {y[0].size}, expected {(ow, oh)}")
    return fn, (f"Image.resize {fname} on mode '{pil_mode}', one call per plane "
                f"({n * c} calls), single-threaded")


def check_shape(shape, case, who):
    if tuple(shape) != tuple(case["output_shape"]):
        raise RuntimeError(f"{who} returned shape {tuple(shape)}, expected {case['output_shape']}")


def set_threads(t):
    if torch is not None:
        torch.set_num_threads(t)
    if cv2 is not None:
        cv2.setNumThreads(t)


# ----------------------------------------------------------------------------- java side

def run_java(args, json_path):
    cp = args.classpath
    if not cp:
        parts = [str(ROOT / "target" / "classes"), str(ROOT / "target" / "test-classes")]
        deps = ROOT / "target" / "test.classpath"
        if args.libtorch:
            if not deps.is_file():
                sys.exit("target/test.classpath is missing (libtorch's jars): build with bench/compare, "
                         "or pass --no-libtorch")
            parts.append(deps.read_text(encoding="utf-8").strip())
        cp = os.pathsep.join(parts)
    if not (ROOT / "target" / "test-classes" / "org" / "resample" / "bench").is_dir() \
            and not args.classpath:
        sys.exit("target/test-classes has no org/resample/bench: build first "
                 "(mvn -q -B test-compile, or use bench/compare)")
    cmd = [args.java, *shlex.split(args.java_opts), "-cp", cp, JAVA_MAIN,
           "--threads", ",".join(map(str, args.threads)),
           "--repeats", str(args.repeats),
           "--warmup-s", str(args.warmup_s),
           "--min-time-s", str(args.min_time_s),
           "--seed", str(args.seed),
           "--json", str(json_path)]
    if args.cases:
        cmd += ["--cases", args.cases]
    if args.quick:
        cmd.append("--quick")
    if args.libtorch:
        cmd.append("--libtorch")
    print("+ " + " ".join(shlex.quote(c) for c in cmd), file=sys.stderr, flush=True)
    rc = subprocess.run(cmd, cwd=ROOT).returncode
    if rc != 0:
        sys.exit(f"compare_speed.py: {JAVA_MAIN} failed (exit status {rc}); see above")
    with open(json_path, encoding="utf-8") as f:
        return json.load(f)


# ----------------------------------------------------------------------------- table

def fmt_ms(v):
    if v is None:
        return "-"
    if v >= 100:
        return f"{v:.1f}"
    if v >= 1:
        return f"{v:.2f}"
    return f"{v:.4f}"


def fmt_bytes(n):
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.1f} kB"


def fmt_ratio(a, b):
    if a is None or b is None or b <= 0:
        return "-"
    return f"{a / b:.2f}"


def build_table(rows):
    head = ["case", "T", "ours ms", "torch2 ms", "torch ms", "opencv ms", "pillow ms",
            "ours/torch2", "ours/torch", "ours/opencv", "ours/pillow", "ours GB/s"]
    body = []
    for r in rows:
        ours = r["ours_ms"]
        gbs = "-" if not ours else f"{r['bytes_moved'] / (ours * 1e-3) / 1e9:.2f}"
        body.append([r["case"], str(r["threads"]), fmt_ms(ours), fmt_ms(r["torch2_ms"]),
                     fmt_ms(r["torch_ms"]), fmt_ms(r["opencv_ms"]), fmt_ms(r["pillow_ms"]),
                     fmt_ratio(ours, r["torch2_ms"]), fmt_ratio(ours, r["torch_ms"]),
                     fmt_ratio(ours, r["opencv_ms"]), fmt_ratio(ours, r["pillow_ms"]), gbs])
    widths = [max(len(head[i]), *(len(b[i]) for b in body)) if body else len(head[i])
              for i in range(len(head))]

    def line(cells):
        out = []
        for i, c in enumerate(cells):
            out.append(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]))
        return "| " + " | ".join(out) + " |"

    sep = "|" + "|".join(("-" * (w + 1) + ":") if i else (":" + "-" * (w + 1))
                         for i, w in enumerate(widths)) + "|"
    return "\n".join([line(head), sep] + [line(b) for b in body])


def environment(java_doc, args):
    parts = [f"host {platform.node() or '?'} ({platform.machine()}, {os.cpu_count()} CPUs)",
             f"Java {java_doc.get('java_version')} ({java_doc.get('available_processors')} "
             f"processors seen)",
             f"Python {platform.python_version()}",
             f"libtorch {java_doc.get('libtorch')} (torch2, in the JVM)" if java_doc.get("libtorch")
             else "libtorch not run",
             f"torch {torch.__version__} (torch, Python)" if torch is not None else "torch n/a",
             f"OpenCV {cv2.__version__}" if cv2 is not None else "OpenCV n/a",
             f"Pillow {PIL.__version__}" if PIL is not None else "Pillow n/a",
             f"numpy {np.__version__}"]
    setting = (f"threads {','.join(map(str, args.threads))}; best of {args.repeats} after "
               f">= {args.warmup_s} s warm-up, >= {args.min_time_s} s per measurement; "
               f"{'QUICK (tiny smoke shapes, numbers meaningless)' if args.quick else 'full shapes'}")
    return ", ".join(parts), setting


# ----------------------------------------------------------------------------- main

def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--threads", default="1,2",
                   help="comma-separated thread counts, used by every library (default 1,2)")
    p.add_argument("--repeats", type=int, default=5, help="measurements per case (best is kept)")
    p.add_argument("--cases", default=None,
                   help="comma-separated case ids (see BenchCases.java), default all")
    p.add_argument("--quick", action="store_true",
                   help="tiny shapes and short warm-up: a smoke run (for CI), not a measurement")
    p.add_argument("--warmup-s", type=float, default=None,
                   help="warm-up seconds per case and library (default 1.0; --quick 0.02)")
    p.add_argument("--min-time-s", type=float, default=None,
                   help="minimum seconds per measurement (default 0.1; --quick 0.005)")
    p.add_argument("--seed", type=int, default=20240601)
    p.add_argument("--out", default=str(ROOT / "target" / "bench" / "compare.md"),
                   help="markdown file for the table (default target/bench/compare.md)")
    p.add_argument("--json", default=str(ROOT / "target" / "bench" / "compare.json"),
                   help="raw results, all libraries (default target/bench/compare.json)")
    p.add_argument("--no-libtorch", dest="libtorch", action="store_false",
                   help="do not time libtorch (PyTorch 2.x) in the JVM (the torch2 column)")
    p.add_argument("--java", default=os.environ.get("JAVA", "java"))
    p.add_argument("--java-opts", default=os.environ.get(
        "JAVA_OPTS", "-Xms1g -Xmx6g --add-modules jdk.incubator.vector"),
                   help="JVM options for CompareMain (default '-Xms1g -Xmx6g --add-modules "
                        "jdk.incubator.vector', as Spark's JVM flags; env JAVA_OPTS)")
    p.add_argument("--classpath", default=None,
                   help="classpath of CompareMain (default target/classes:target/test-classes)")
    a = p.parse_args(argv)
    try:
        a.threads = [int(t) for t in a.threads.split(",") if t.strip()]
    except ValueError:
        p.error("--threads takes comma-separated integers, e.g. 1,2")
    if not a.threads or min(a.threads) < 1:
        p.error("--threads takes positive integers")
    if a.repeats < 1:
        p.error("--repeats must be >= 1")
    if a.warmup_s is None:
        a.warmup_s = 0.02 if a.quick else 1.0
    if a.min_time_s is None:
        a.min_time_s = 0.005 if a.quick else 0.1
    if a.quick and "JAVA_OPTS" not in os.environ and "--java-opts" not in " ".join(argv):
        a.java_opts = "-Xmx512m --add-modules jdk.incubator.vector"
    return a


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    for name, mod, err in (("torch", torch, TORCH_ERR), ("cv2", cv2, CV2_ERR),
                           ("PIL", PIL, PIL_ERR)):
        if mod is None:
            print(f"warning: {name} not importable in {sys.executable}: {err} "
                  "(its column will be '-'; Debian's /usr/bin/python3 has torch, cv2 and PIL)",
                  file=sys.stderr)

    # 1. ours (a separate JVM, before anything else runs)
    with tempfile.TemporaryDirectory() as tmp:
        java_doc = run_java(args, Path(tmp) / "ours.json")
    cases = java_doc["cases"]
    ours = {(r["case"], r["threads"]): r for r in java_doc["results"]}

    # 2. the Python libraries, same cases, same thread counts, same method
    rows, notes, refs = [], {}, {}
    for case in cases:
        x = make_input(case, args.seed)
        runners = {}
        for lib, make in (("torch", torch_runner), ("opencv", cv2_runner),
                          ("pillow", pillow_runner)):
            try:
                runners[lib], refs[(case["name"], lib)] = make(case, x)
            except Unsupported as e:
                notes[(case["name"], lib)] = str(e)
        for t in args.threads:
            set_threads(t)
            ours_r = ours[(case["name"], t)]
            row = {"case": case["name"], "threads": t, "bytes_moved": case["bytes_moved"],
                   "ours_ms": ours_r["best_ms"], "torch2_ms": ours_r.get("libtorch_best_ms")}
            for lib in ("torch", "opencv", "pillow"):
                if lib in runners:
                    r = time_fn(runners[lib], args.warmup_s, args.min_time_s, args.repeats)
                    row[lib + "_ms"] = r["best_ms"]
                    row[lib] = r
                else:
                    row[lib + "_ms"] = None
            rows.append(row)
            print(f"{case['name']:<20} T={t}  ours {fmt_ms(row['ours_ms']):>9}  "
                  f"torch2 {fmt_ms(row['torch2_ms']):>9}  torch {fmt_ms(row['torch_ms']):>9}  opencv {fmt_ms(row['opencv_ms']):>9}  "
                  f"pillow {fmt_ms(row['pillow_ms']):>9}", file=sys.stderr, flush=True)
        del runners, x
        gc.collect()

    # 3. the table
    env, setting = environment(java_doc, args)
    table = build_table(rows)
    shape_lines = []
    for c in cases:
        opts = [c["mode"], c["dtype"]]
        if c["align_corners"] is not None:
            opts.append(f"align_corners={c['align_corners']}")
        if c["antialias"]:
            opts.append("antialias")
        shape_lines.append(f"- `{c['name']}`: {'x'.join(map(str, c['input_shape']))} -> "
                           f"{'x'.join(map(str, c['output_size']))} ({', '.join(opts)}; "
                           f"{fmt_bytes(c['bytes_moved'])} moved per call)")
    ref_lines = [f"- `{k[0]}` {k[1]}: {v}" for k, v in sorted(refs.items()) if k[1] != "torch"]
    note_lines = [f"- `{k[0]}` {k[1]}: {v}" for k, v in sorted(notes.items())]
    md = "\n".join(
        ["# spark-resample speed comparison", "",
         f"{env}.", "", f"{setting}.", "",
         table, "",
         "ms: best per-call milliseconds; T: threads given to every library (Pillow is "
         "single-threaded at every T); torch2: libtorch (PyTorch 2.x's ATen) in the same JVM as "
         "ours, its measurements alternating with ours; torch: the Python interpreter's torch; "
         "ratio ours/other < 1 means ours is faster; GB/s: (input + output bytes) / ours' time.", "",
         "Cases:", *shape_lines, "",
         "What the other libraries run:", *(ref_lines or ["- (none)"]), "",
         "Not run ('-'):", *(note_lines or ["- (none)"]), ""])
    print()
    print(table)
    print()
    for line in note_lines:
        print(line)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(md, encoding="utf-8")
    print(f"\nmarkdown: {out}")
    if args.json:
        jp = Path(args.json)
        jp.parent.mkdir(parents=True, exist_ok=True)
        jp.write_text(json.dumps({"environment": env, "settings": setting, "ours": java_doc,
                                  "rows": rows, "not_run": {f"{k[0]}/{k[1]}": v
                                                            for k, v in notes.items()},
                                  "reference_ops": {f"{k[0]}/{k[1]}": v
                                                    for k, v in refs.items()}},
                                 indent=1), encoding="utf-8")
        print(f"json:     {jp}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
