// Runs launch plans (org.resample.gpu.LaunchPlan) on the kernels of src/main/cuda/resample.cu
// compiled as host C++ (see cuda_host_shim.h). Input: a file of programs written by
// KernelHostTest; output: each program's OUTPUT buffer. Argument lists are checked against the
// kernels' C++ signatures (count and kind of every argument, pointer offsets inside their buffer),
// which a device launch would not check.
//
// usage: host_launcher <programs.bin> <outputs.bin>
//
// programs.bin (little-endian): "RSHK", i32 version = 1, i32 programs, then per program:
//   i32 buffers; per buffer: i64 size, i32 has_data, [size bytes]   (no data: filled with 0xFF)
//   i32 output_buffer, i32 launches; per launch: i32 name_length, name, i32 grid, i32 block,
//   i32 args; per arg: i8 tag (0 pointer: i32 buffer, i64 offset; 1 int: i32; 2 long long: i64)
// outputs.bin: per program, i64 size and the bytes of its output buffer.
#include "cuda_host_shim.h"
#include "resample.cu"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <tuple>
#include <string>
#include <utility>
#include <vector>

namespace {

struct Arg {
  int tag = 0;
  int buffer = 0;
  long long offset = 0;
  long long value = 0;
};

struct Buffers {
  std::vector<std::unique_ptr<unsigned char[]>> data;
  std::vector<long long> size;
};

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error(what); }

template <typename T>
struct Convert;

template <typename T>
struct Convert<T*> {
  static T* get(const Arg& a, Buffers& b, int i) {
    if (a.tag != 0) fail("argument " + std::to_string(i) + " must be a pointer");
    if (a.buffer < 0 || a.buffer >= (int)b.data.size()) fail("bad buffer in argument " + std::to_string(i));
    if (a.offset < 0 || a.offset > b.size[a.buffer]) fail("offset outside its buffer in argument " + std::to_string(i));
    if (a.offset % alignof(T) != 0) fail("misaligned pointer in argument " + std::to_string(i));
    return reinterpret_cast<T*>(b.data[a.buffer].get() + a.offset);
  }
};

template <>
struct Convert<int> {
  static int get(const Arg& a, Buffers&, int i) {
    if (a.tag != 1) fail("argument " + std::to_string(i) + " must be an int");
    return (int)a.value;
  }
};

template <>
struct Convert<long long> {
  static long long get(const Arg& a, Buffers&, int i) {
    if (a.tag != 2) fail("argument " + std::to_string(i) + " must be a long long");
    return a.value;
  }
};

using Bound = std::function<void()>;
using Binder = std::function<Bound(const std::vector<Arg>&, Buffers&)>;

template <typename... A, std::size_t... I>
Bound bindArgs(void (*f)(A...), const std::vector<Arg>& args, Buffers& b, std::index_sequence<I...>) {
  auto values = std::make_tuple(Convert<A>::get(args[I], b, (int)I)...);
  return [f, values]() { f(std::get<I>(values)...); };
}

template <typename... A>
Binder binder(void (*f)(A...)) {
  return [f](const std::vector<Arg>& args, Buffers& b) {
    if (args.size() != sizeof...(A)) {
      fail("expected " + std::to_string(sizeof...(A)) + " arguments, got " + std::to_string(args.size()));
    }
    return bindArgs(f, args, b, std::index_sequence_for<A...>{});
  };
}

const std::map<std::string, Binder>& kernels() {
  static const std::map<std::string, Binder> k = {
      {"resample_nearest_u8", binder(resample_nearest_u8)},
      {"resample_nearest_f32", binder(resample_nearest_f32)},
      {"resample_nearest_f64", binder(resample_nearest_f64)},
      {"resample_pass_f32", binder(resample_pass_f32)},
      {"resample_pass_f64", binder(resample_pass_f64)},
      {"resample_pass_u8_fixed", binder(resample_pass_u8_fixed)},
      {"resample_area_f32", binder(resample_area_f32)},
      {"resample_area_f64", binder(resample_area_f64)},
      {"resample_area_mean_f32", binder(resample_area_mean_f32)},
      {"resample_area_mean_f64", binder(resample_area_mean_f64)},
      {"resample_bilinear2d_cl113_f32", binder(resample_bilinear2d_cl113_f32)},
      {"resample_trilinear3d_cl113_f32", binder(resample_trilinear3d_cl113_f32)},
      {"resample_u8_to_f32", binder(resample_u8_to_f32)},
      {"resample_f32_to_u8", binder(resample_f32_to_u8)},
      {"resample_copy_u8", binder(resample_copy_u8)},
  };
  return k;
}

struct Reader {
  FILE* f;
  void bytes(void* dst, size_t n) {
    if (n > 0 && fread(dst, 1, n, f) != n) fail("truncated program file");
  }
  int32_t i32() { int32_t v; bytes(&v, 4); return v; }
  int64_t i64() { int64_t v; bytes(&v, 8); return v; }
  int8_t i8() { int8_t v; bytes(&v, 1); return v; }
};

void runProgram(Reader& in, FILE* out, int program) {
  Buffers b;
  int nbuf = in.i32();
  for (int i = 0; i < nbuf; i++) {
    long long size = in.i64();
    int hasData = in.i32();
    // At least one byte so that every buffer has a distinct address; reads past `size` are caught
    // by AddressSanitizer's redzones.
    b.data.emplace_back(new unsigned char[size > 0 ? size : 1]);
    b.size.push_back(size);
    if (hasData) {
      in.bytes(b.data.back().get(), (size_t)size);
    } else {
      memset(b.data.back().get(), 0xFF, (size_t)(size > 0 ? size : 1));
    }
  }
  int output = in.i32();
  int nlaunch = in.i32();
  for (int l = 0; l < nlaunch; l++) {
    int len = in.i32();
    std::string name(len, '\0');
    in.bytes(&name[0], len);
    int grid = in.i32();
    int block = in.i32();
    int nargs = in.i32();
    std::vector<Arg> args(nargs);
    for (Arg& a : args) {
      a.tag = in.i8();
      if (a.tag == 0) {
        a.buffer = in.i32();
        a.offset = in.i64();
      } else if (a.tag == 1) {
        a.value = in.i32();
      } else if (a.tag == 2) {
        a.value = in.i64();
      } else {
        fail("bad argument tag");
      }
    }
    auto k = kernels().find(name);
    if (k == kernels().end()) fail("program " + std::to_string(program) + ": no kernel " + name);
    Bound run;
    try {
      run = k->second(args, b);
    } catch (const std::exception& e) {
      fail("program " + std::to_string(program) + ", launch of " + name + ": " + e.what());
    }
    gridDim.x = grid;
    blockDim.x = block;
    for (int bx = 0; bx < grid; bx++) {
      blockIdx.x = bx;
      for (int tx = 0; tx < block; tx++) {
        threadIdx.x = tx;
        run();
      }
    }
  }
  int64_t size = b.size[output];
  fwrite(&size, 8, 1, out);
  fwrite(b.data[output].get(), 1, (size_t)size, out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: host_launcher <programs.bin> <outputs.bin>\n");
    return 2;
  }
  FILE* f = fopen(argv[1], "rb");
  FILE* out = fopen(argv[2], "wb");
  if (!f || !out) {
    fprintf(stderr, "cannot open %s or %s\n", argv[1], argv[2]);
    return 2;
  }
  try {
    Reader in{f};
    char magic[4];
    in.bytes(magic, 4);
    if (memcmp(magic, "RSHK", 4) != 0 || in.i32() != 1) fail("not a version 1 program file");
    int programs = in.i32();
    for (int p = 0; p < programs; p++) {
      runProgram(in, out, p);
    }
  } catch (const std::exception& e) {
    fprintf(stderr, "host_launcher: %s\n", e.what());
    return 1;
  }
  fclose(f);
  fclose(out);
  return 0;
}
