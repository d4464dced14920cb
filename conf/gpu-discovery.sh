#!/usr/bin/env bash
# Spark GPU discovery script (spark.executor.resource.gpu.discoveryScript), after Spark's own
# examples/src/main/scripts/getGpusResources.sh as the RAPIDS Accelerator uses it: prints the
# indexes of the NVIDIA GPUs this executor may use as
#   {"name": "gpu", "addresses": ["0", "1"]}
# The addresses are the device ordinals the GPU backend opens. It assumes the GPUs visible here
# belong to this executor (containers / YARN isolation); on a shared standalone node restrict it,
# e.g. with CUDA_VISIBLE_DEVICES or by editing the list. RESOURCE_NAME overrides "gpu".
set -euo pipefail
name=${RESOURCE_NAME:-gpu}
if ! indexes=$(nvidia-smi --query-gpu=index --format=csv,noheader 2>/dev/null); then
  echo "gpu-discovery.sh: nvidia-smi failed; is the NVIDIA driver installed?" >&2
  exit 1
fi
addresses=$(echo "$indexes" | sed -e 's/[[:space:]]//g' -e '/^$/d' -e 's/.*/"&"/' | paste -sd, -)
echo "{\"name\": \"$name\", \"addresses\": [${addresses}]}"
