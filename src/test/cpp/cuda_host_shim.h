// Lets src/main/cuda/resample.cu compile as plain host C++ for the kernel arithmetic test: CUDA's
// qualifiers become nothing and the thread/block indices are globals that the launcher sets before
// calling a kernel once per (block, thread), as a device would run them. The kernels are grid-stride
// loops without shared memory or synchronisation, so running the threads one after another gives
// the device's results.
#ifndef RESAMPLE_CUDA_HOST_SHIM_H
#define RESAMPLE_CUDA_HOST_SHIM_H

#include <math.h>

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline

struct dim3 {
  unsigned int x = 1, y = 1, z = 1;
};

inline dim3 threadIdx;
inline dim3 blockIdx;
inline dim3 blockDim;
inline dim3 gridDim;

#endif
