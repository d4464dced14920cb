// CUDA kernels of the GPU backend (org.resample.gpu). They compute exactly what the pure-Java core
// (org.resample.core) computes: the per-axis index and weight tables are built on the host by the
// core's own code (org.resample.core.ResampleTables) and uploaded; the kernels only gather, sum and
// round, in the same order and with the same fused multiply-adds as the core's Java loops.
//
// Arithmetic contract (what makes GPU and CPU agree bit for bit):
//   - every fused multiply-add is written out (fmaf / fma); the PTX is built with --fmad=false so
//     nvcc contracts nothing else, and the host test compiles this file with -ffp-contract=off;
//   - float division is IEEE (-prec-div=true, no --use_fast_math), denormals are kept (-ftz=false);
//   - sums run in the core's order (one thread per output element; no parallel reductions).
//
// Launch contract: every kernel is a grid-stride loop over its work items, so any grid and block
// size gives the same result; kernels use no shared memory and no synchronisation. The host test
// (src/test/cpp/host_launcher.cpp) runs this same file as C++ through a small shim for the
// thread/block indices.
//
// Layout: tensors are dense row-major (planes, spatial...), planes = tensors * N * C of one batch of
// equal-shape tensors, so one launch covers the whole batch.
//
// Build: src/main/cuda/build-ptx writes src/main/resources/org/resample/gpu/resample.ptx.

#define RESAMPLE_FOR_EACH(i, n)                                              \
  for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < (n); \
       i += (long long)blockDim.x * gridDim.x)

typedef unsigned char u8;

// Output element i of a (planes, outD, outH, outW) tensor: its plane and coordinates.
struct OutIndex {
  long long p;
  int d, h, w;
};

__device__ __forceinline__ OutIndex split_output(long long i, int outD, int outH, int outW) {
  long long outPlane = (long long)outD * outH * outW;
  OutIndex o;
  o.p = i / outPlane;
  long long r = i - o.p * outPlane;
  o.w = (int)(r % outW);
  long long q = r / outW;
  o.h = (int)(q % outH);
  o.d = (int)(q / outH);
  return o;
}

// ------------------------------------------------------------------------------------------------
// nearest / nearest-exact (core: NearestKernel): a gather along per-axis source indices, exact for
// every dtype. Ranks 1 and 2 pass size 1 and the index table {0} for the missing leading axes.

#define RESAMPLE_NEAREST(NAME, T)                                                                \
  extern "C" __global__ void NAME(const T* __restrict__ x, T* __restrict__ y, long long planes,    \
                                  int inD, int inH, int inW, int outD, int outH, int outW,         \
                                  const int* __restrict__ idxD, const int* __restrict__ idxH,      \
                                  const int* __restrict__ idxW) {                                  \
    long long outPlane = (long long)outD * outH * outW;                                            \
    long long inPlane = (long long)inD * inH * inW;                                                \
    RESAMPLE_FOR_EACH(i, planes * outPlane) {                                                      \
      OutIndex o = split_output(i, outD, outH, outW);                                              \
      y[i] = x[o.p * inPlane + ((long long)idxD[o.d] * inH + idxH[o.h]) * inW + idxW[o.w]];        \
    }                                                                                              \
  }

RESAMPLE_NEAREST(resample_nearest_u8, u8)
RESAMPLE_NEAREST(resample_nearest_f32, float)
RESAMPLE_NEAREST(resample_nearest_f64, double)

// ------------------------------------------------------------------------------------------------
// One separable pass (core: SeparableFloat / SeparableDouble row, windows and combine) for linear,
// bilinear, trilinear, bicubic and antialias: the tensor is viewed as (outer, inLen, inner) and
// resampled along the middle axis to (outer, outLen, inner). Output j reads max(count[j], 1) taps at
// rows index[j * taps + t] with weights weight[j * taps + t]:
//     acc = x_0 * w_0;  acc = fma(x_t, w_t, acc)  for t = 1 .. count - 1
// The core's linear tables store their two taps reversed, so this chain is ATen's contracted
// x0 * w0 + x1 * w1. Passes run last axis first (W, then H, then D), each rounding to the dtype, as
// the core's separable engine does.

#define RESAMPLE_PASS(NAME, T, FMA)                                                              \
  extern "C" __global__ void NAME(const T* __restrict__ x, T* __restrict__ y, long long outer,     \
                                  int inLen, int outLen, int inner, int taps,                      \
                                  const int* __restrict__ index, const int* __restrict__ count,    \
                                  const T* __restrict__ weight) {                                  \
    long long rows = (long long)outLen * inner;                                                    \
    RESAMPLE_FOR_EACH(i, outer * rows) {                                                           \
      long long o = i / rows;                                                                      \
      long long r = i - o * rows;                                                                  \
      int j = (int)(r / inner);                                                                    \
      int k = (int)(r - (long long)j * inner);                                                     \
      const T* src = x + o * inLen * (long long)inner + k;                                         \
      int b = j * taps;                                                                            \
      int c = count[j] > 1 ? count[j] : 1;                                                         \
      T acc = src[(long long)index[b] * inner] * weight[b];                                        \
      for (int t = 1; t < c; t++) {                                                                \
        acc = FMA(src[(long long)index[b + t] * inner], weight[b + t], acc);                       \
      }                                                                                            \
      y[i] = acc;                                                                                  \
    }                                                                                              \
  }

RESAMPLE_PASS(resample_pass_f32, float, fmaf)
RESAMPLE_PASS(resample_pass_f64, double, fma)

// ------------------------------------------------------------------------------------------------
// uint8 bilinear / bicubic (with or without antialias) in int16 fixed point (core: Uint8FixedPoint
// horizontal and vertical): one pass along the middle axis of (outer, inLen, inner), integer
// accumulation from half a unit, arithmetic shift by the table's precision, saturation to 0..255.

extern "C" __global__ void resample_pass_u8_fixed(const u8* __restrict__ x, u8* __restrict__ y,
                                                  long long outer, int inLen, int outLen,
                                                  int inner, int taps,
                                                  const int* __restrict__ index,
                                                  const int* __restrict__ count,
                                                  const int* __restrict__ weight, int precision) {
  long long rows = (long long)outLen * inner;
  int half = precision > 0 ? 1 << (precision - 1) : 0;
  RESAMPLE_FOR_EACH(i, outer * rows) {
    long long o = i / rows;
    long long r = i - o * rows;
    int j = (int)(r / inner);
    int k = (int)(r - (long long)j * inner);
    const u8* src = x + o * inLen * (long long)inner + k;
    int b = j * taps;
    int acc = half;
    for (int t = 0, c = count[j]; t < c; t++) {
      acc += (int)src[(long long)index[b + t] * inner] * weight[b + t];
    }
    int v = acc >> precision;
    y[i] = (u8)(v < 0 ? 0 : (v > 255 ? 255 : v));
  }
}

// ------------------------------------------------------------------------------------------------
// area = adaptive average pooling (core: AreaKernel): output (od, oh, ow) sums the window
// [start, start + count) of each axis in (d, h, w) order, then divides once per axis:
// sum / kd / kh / kw for volumes, sum / kh / kw otherwise (kh = 1 for rank 1).

#define RESAMPLE_AREA(NAME, T)                                                                   \
  extern "C" __global__ void NAME(const T* __restrict__ x, T* __restrict__ y, long long planes,    \
                                  int inD, int inH, int inW, int outD, int outH, int outW,         \
                                  const int* __restrict__ startD, const int* __restrict__ countD,  \
                                  const int* __restrict__ startH, const int* __restrict__ countH,  \
                                  const int* __restrict__ startW, const int* __restrict__ countW,  \
                                  int volume) {                                                    \
    long long outPlane = (long long)outD * outH * outW;                                            \
    long long inPlane = (long long)inD * inH * inW;                                                \
    RESAMPLE_FOR_EACH(i, planes * outPlane) {                                                      \
      OutIndex o = split_output(i, outD, outH, outW);                                              \
      int od = o.d, oh = o.h, ow = o.w;                                                            \
      const T* src = x + o.p * inPlane;                                                            \
      T acc = (T)0;                                                                                \
      for (int d = startD[od], d1 = d + countD[od]; d < d1; d++) {                                 \
        for (int h = startH[oh], h1 = h + countH[oh]; h < h1; h++) {                               \
          const T* row = src + ((long long)d * inH + h) * inW;                                     \
          for (int w = startW[ow], w1 = w + countW[ow]; w < w1; w++) {                             \
            acc = acc + row[w];                                                                    \
          }                                                                                        \
        }                                                                                          \
      }                                                                                            \
      T kd = (T)countD[od];                                                                        \
      T kh = (T)countH[oh];                                                                        \
      T v = volume ? acc / kd / kh : acc / kh;                                                     \
      y[i] = v / (T)countW[ow];                                                                    \
    }                                                                                              \
  }

RESAMPLE_AREA(resample_area_f32, float)
RESAMPLE_AREA(resample_area_f64, double)

// area with a single output per plane: PyTorch's mean over the plane, summed in float64 in order
// (core: AreaKernel's "mean" branch). One thread per plane.

extern "C" __global__ void resample_area_mean_f32(const float* __restrict__ x,
                                                  float* __restrict__ y, long long planes,
                                                  long long inPlane) {
  RESAMPLE_FOR_EACH(p, planes) {
    const float* src = x + p * inPlane;
    double sum = 0;
    for (long long i = 0; i < inPlane; i++) {
      sum = sum + (double)src[i];
    }
    y[p] = (float)sum / (float)inPlane;
  }
}

extern "C" __global__ void resample_area_mean_f64(const double* __restrict__ x,
                                                  double* __restrict__ y, long long planes,
                                                  long long inPlane) {
  RESAMPLE_FOR_EACH(p, planes) {
    const double* src = x + p * inPlane;
    double sum = 0;
    for (long long i = 0; i < inPlane; i++) {
      sum = sum + src[i];
    }
    y[p] = sum / (double)inPlane;
  }
}

// ------------------------------------------------------------------------------------------------
// PyTorch 1.13's channels-last bilinear / trilinear, which 1.13 also takes for float32 NCHW tensors
// with one channel (core: ChannelsLast113): corner weights are float32 products of the axis
// lambdas, the weighted corners are summed in float64 and rounded once. Tables are the linear ones
// (taps reversed: index[2i] = i1, index[2i + 1] = i0).

extern "C" __global__ void resample_bilinear2d_cl113_f32(
    const float* __restrict__ x, float* __restrict__ y, long long planes, int inH, int inW,
    int outH, int outW, const int* __restrict__ indexH, const float* __restrict__ weightH,
    const int* __restrict__ indexW, const float* __restrict__ weightW) {
  long long outPlane = (long long)outH * outW;
  long long inPlane = (long long)inH * inW;
  RESAMPLE_FOR_EACH(i, planes * outPlane) {
    OutIndex o = split_output(i, 1, outH, outW);
    int oh = o.h, ow = o.w;
    const float* src = x + o.p * inPlane;
    const float* r0 = src + (long long)indexH[2 * oh + 1] * inW;
    const float* r1 = src + (long long)indexH[2 * oh] * inW;
    float lh0 = weightH[2 * oh + 1];
    float lh1 = weightH[2 * oh];
    int c0 = indexW[2 * ow + 1];
    int c1 = indexW[2 * ow];
    float lw0 = weightW[2 * ow + 1];
    float lw1 = weightW[2 * ow];
    double v = (double)r0[c0] * (double)(lh0 * lw0);
    v = v + (double)r0[c1] * (double)(lh0 * lw1);
    v = v + (double)r1[c0] * (double)(lh1 * lw0);
    v = v + (double)r1[c1] * (double)(lh1 * lw1);
    y[i] = (float)v;
  }
}

extern "C" __global__ void resample_trilinear3d_cl113_f32(
    const float* __restrict__ x, float* __restrict__ y, long long planes, int inD, int inH,
    int inW, int outD, int outH, int outW, const int* __restrict__ indexD,
    const float* __restrict__ weightD, const int* __restrict__ indexH,
    const float* __restrict__ weightH, const int* __restrict__ indexW,
    const float* __restrict__ weightW) {
  long long outPlane = (long long)outD * outH * outW;
  long long inPlane = (long long)inD * inH * inW;
  RESAMPLE_FOR_EACH(i, planes * outPlane) {
    OutIndex o = split_output(i, outD, outH, outW);
    int od = o.d, oh = o.h, ow = o.w;
    const float* src = x + o.p * inPlane;
    double v = 0;
    for (int a = 0; a < 2; a++) {
      int d = indexD[2 * od + 1 - a];
      float ld = weightD[2 * od + 1 - a];
      for (int b = 0; b < 2; b++) {
        int h = indexH[2 * oh + 1 - b];
        float lh = weightH[2 * oh + 1 - b];
        for (int c = 0; c < 2; c++) {
          int w = indexW[2 * ow + 1 - c];
          float wgt = (ld * lh) * weightW[2 * ow + 1 - c];
          v = v + (double)src[((long long)d * inH + h) * inW + w] * (double)wgt;
        }
      }
    }
    y[i] = (float)v;
  }
}

// ------------------------------------------------------------------------------------------------
// Element-wise helpers: uint8 through float32 (the core's extension for modes PyTorch has no uint8
// kernel for: linear, trilinear, area), rounding half to even and saturating; and a plain copy for
// calls that change no axis.

extern "C" __global__ void resample_u8_to_f32(const u8* __restrict__ x, float* __restrict__ y,
                                              long long n) {
  RESAMPLE_FOR_EACH(i, n) { y[i] = (float)x[i]; }
}

extern "C" __global__ void resample_f32_to_u8(const float* __restrict__ x, u8* __restrict__ y,
                                              long long n) {
  RESAMPLE_FOR_EACH(i, n) {
    float v = rintf(x[i]);
    y[i] = (u8)(v != v ? 0 : (v <= 0.0f ? 0 : (v >= 255.0f ? 255 : (int)v)));
  }
}

extern "C" __global__ void resample_copy_u8(const u8* __restrict__ x, u8* __restrict__ y,
                                            long long n) {
  RESAMPLE_FOR_EACH(i, n) { y[i] = x[i]; }
}
