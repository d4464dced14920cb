"""Reads the resample job's inputs and outputs with the libraries that consume them (the job tests run it).

    read_job_output.py pixels DIR OUT.json
        Pillow's pixels of every image file below DIR, in the job's documented layout: rows of pixels,
        channels B, G, R(, A) or grey, 8 bits (16-bit samples as round(v * 255 / 65535)).
    read_job_output.py hf DATASET COLUMN OUT.json
        datasets.load_dataset("parquet", ...) of the job's output: checks that COLUMN is an Image
        feature, writes each row's path and decoded pixels (as Pillow gives them: R, G, B(, A) or L).
    read_job_output.py arrow DATASET REFERENCE KEY OUT.json
        pyarrow.parquet.read_table of an --output-format arrow output: for every column stored as an
        Arrow tensor extension type, its type and shape, and whether every row's values equal those of
        REFERENCE (the same job with --output-format spark: structs of data and shape), matched by KEY.
    read_job_output.py ray DATASET COLUMN OUT.json
        ray.data.read_parquet of an --output-format arrow output: the column's numpy shape per row.
    read_job_output.py write-foreign DIR OUT.json
        Writes DIR/hf (datasets: Array3D, Array2D and Image features) and DIR/ray (Ray's variable-shaped
        tensors), and the values as JSON.
"""
import glob
import json
import os
import sys

import numpy as np


def parquet_files(root):
    return sorted(f for f in glob.glob(os.path.join(root, "**", "*.parquet"), recursive=True)
                  if not any(p.startswith(("_", ".")) for p in os.path.relpath(f, root).split(os.sep)))


def job_layout(path):
    """Pillow's decoding of one file, laid out as the job's binary input documents it."""
    from PIL import Image
    img = Image.open(path)
    img.load()
    mode = img.mode
    if mode in ("I;16", "I;16B", "I;16L", "I"):
        a = np.asarray(img).astype(np.int64)
        return np.floor((a * 255 * 2 + 65535) / (2 * 65535)).astype(np.uint8)[:, :, None]
    if mode == "L":
        return np.asarray(img)[:, :, None]
    if mode == "LA":
        a = np.asarray(img)
        return np.stack([a[:, :, 0], a[:, :, 0], a[:, :, 0], a[:, :, 1]], axis=-1)
    if mode == "P":
        img = img.convert("RGBA" if "transparency" in img.info else "RGB")
    elif mode not in ("RGB", "RGBA"):
        img = img.convert("RGB")
    a = np.asarray(img)
    return np.concatenate([a[:, :, 2::-1], a[:, :, 3:]], axis=-1)  # R, G, B(, A) -> B, G, R(, A)


def pixels(root, out):
    result = {}
    for dirpath, _, names in os.walk(root):
        for n in sorted(names):
            f = os.path.join(dirpath, n)
            try:
                a = job_layout(f)
            except Exception as e:  # noqa: BLE001 - not an image: say so
                result[os.path.relpath(f, root)] = {"error": str(e)}
                continue
            result[os.path.relpath(f, root)] = {"shape": list(a.shape), "data": a.reshape(-1).tolist()}
    json.dump(result, open(out, "w"))


def hf(root, column, out):
    import datasets
    ds = datasets.load_dataset("parquet", data_files=parquet_files(root), split="train")
    feature = ds.features[column]
    if not isinstance(feature, datasets.Image):
        sys.exit(f"column {column} is {feature!r}, not a datasets.Image feature")
    rows = {}
    for r in ds:
        img = r[column]
        if img is None:
            rows[r["path"]] = None
            continue
        a = np.asarray(img)
        rows[r["path"]] = {"mode": img.mode, "shape": list(a.shape), "data": a.reshape(-1).tolist()}
    # as PyTorch reads it: the torch format yields the pixels as tensors
    torch_like = ds.with_format("numpy")[0][column]
    json.dump({"feature": type(feature).__name__, "rows": rows,
               "numpy_format_shape": list(np.asarray(torch_like).shape)}, open(out, "w"))


def arrow(root, reference, key, out):
    import pyarrow.parquet as pq
    t = pq.read_table(root)
    ref = pq.read_table(reference).to_pydict()
    by_key = {k: i for i, k in enumerate(ref[key])}
    report = {}
    keys = t.column(key).to_pylist()
    for field in t.schema:
        name = getattr(field.type, "extension_name", None)
        if name is None:
            continue
        col = t.column(field.name).combine_chunks()
        entry = {"extension": name, "rows": len(col), "nulls": col.null_count, "equal": True}
        if name == "arrow.fixed_shape_tensor":
            entry["shape"] = list(field.type.shape)
            entry["value_type"] = str(field.type.value_type)
            values = col.to_numpy_ndarray()
            entry["ndarray_shape"] = list(values.shape)
            for i, k in enumerate(keys):
                r = ref[field.name][by_key[k]]
                if r is None:
                    entry["equal"] &= not col[i].is_valid
                    continue
                expected = np.asarray(r["data"], dtype=values.dtype).reshape(r["shape"])
                entry["equal"] &= bool(np.array_equal(values[i], expected))
        else:
            # pyarrow 25 knows the type (C++) but has no Python class for it: read its storage,
            # struct<data: list<T>, shape: fixed_size_list<int32>[ndim]>, as the spec lays it out.
            storage_type = field.type.storage_type
            entry["ndim"] = storage_type.field("shape").type.list_size
            entry["value_type"] = str(storage_type.field("data").type.value_type)
            storage = col.storage
            shapes = set()
            for i, k in enumerate(keys):
                r = ref[field.name][by_key[k]]
                if r is None:
                    entry["equal"] &= not storage[i].is_valid
                    continue
                v = storage[i].as_py()
                a = np.asarray(v["data"], dtype=np.float32 if entry["value_type"] == "float" else np.float64)
                a = a.reshape(v["shape"])
                shapes.add(tuple(a.shape))
                entry["equal"] &= bool(np.array_equal(a, np.asarray(r["data"], dtype=a.dtype).reshape(r["shape"])))
            entry["shapes"] = sorted(list(s) for s in shapes)
        report[field.name] = entry
    json.dump(report, open(out, "w"))


def ray_read(root, column, out):
    import ray
    ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False)
    try:
        ds = ray.data.read_parquet(parquet_files(root))
        shapes = sorted({tuple(np.asarray(r[column]).shape) for r in ds.take_all()})
        json.dump({"shapes": [list(s) for s in shapes], "count": ds.count()}, open(out, "w"))
    finally:
        ray.shutdown()


def write_foreign(root, out):
    """Tensor and image columns as datasets and Ray write them, and the same values as JSON."""
    import datasets
    from datasets import Array2D, Array3D, Features, Value
    rng = np.random.default_rng(11)
    a3 = [rng.random((2, 6, 8), dtype=np.float32) for _ in range(4)]
    a2 = [rng.random((6, 8), dtype=np.float32) for _ in range(4)]
    features = Features({"id": Value("int64"), "a3": Array3D((2, 6, 8), "float32"),
                         "a2": Array2D((6, 8), "float32"), "img": datasets.Image()})
    images = sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                           "..", "resources", "images", "*.png")))[:4]
    ds = datasets.Dataset.from_dict({"id": list(range(4)), "a3": a3, "a2": a2, "img": images}, features=features)
    os.makedirs(os.path.join(root, "hf"), exist_ok=True)
    ds.to_parquet(os.path.join(root, "hf", "part-0.parquet"))
    ray_t = [rng.random((1, 4 + 2 * (i % 2), 6), dtype=np.float32) for i in range(4)]
    import pyarrow as pa
    import pyarrow.parquet as pq
    try:
        import ray
        ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False)
        ray.data.from_items([{"id": i, "t": ray_t[i]} for i in range(4)]).repartition(1).write_parquet(
            os.path.join(root, "ray"))
        ray.shutdown()
        writer = "ray"
    except ImportError:
        # Ray's variable-shaped tensor storage, as Ray lays it out: struct<data: list<float>, shape: list<int64>>
        storage = pa.array([{"data": t.reshape(-1).tolist(), "shape": list(t.shape)} for t in ray_t],
                           pa.struct([("data", pa.list_(pa.float32())), ("shape", pa.list_(pa.int64()))]))
        os.makedirs(os.path.join(root, "ray"), exist_ok=True)
        pq.write_table(pa.table({"id": list(range(4)), "t": storage}), os.path.join(root, "ray", "part-0.parquet"))
        writer = "pyarrow (Ray not installed)"
    json.dump({"writer": writer, "images": [os.path.abspath(p) for p in images],
               "a3": [t.reshape(-1).tolist() for t in a3], "a2": [t.reshape(-1).tolist() for t in a2],
               "t": [{"data": t.reshape(-1).tolist(), "shape": list(t.shape)} for t in ray_t]}, open(out, "w"))


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"pixels": pixels, "hf": hf, "arrow": arrow, "ray": ray_read, "write-foreign": write_foreign}[cmd](*args)
