# Helpers of scripts/gpu-check (sourced): running the built program, sampling GPU memory, the result table.
# Expects $check (the work folder) and $configuration to be set.

pipeline_dll="src/Host/bin/${configuration}/net10.0/pipeline.dll"
rows=()
failures=0

# The program itself, not `dotnet run` (whose child process a kill -9 of the parent would leave running); an array,
# so that timeout and GNU time can run it.
pipeline=(dotnet "$pipeline_dll")

# Peak memory of the GPU while a step runs, from nvidia-smi every half second (the whole device, in MiB), or n/a.
gpu_sampler=""
gpu_samples=""
gpu_watch_start() {
  gpu_samples="$check/gpu-memory-$1.txt"
  : > "$gpu_samples"
  if command -v nvidia-smi > /dev/null; then
    nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -lms 500 > "$gpu_samples" 2> /dev/null &
    gpu_sampler=$!
  fi
}
gpu_watch_peak() {
  if [ -n "$gpu_sampler" ]; then
    kill "$gpu_sampler" 2> /dev/null
    wait "$gpu_sampler" 2> /dev/null
    gpu_sampler=""
  fi
  local peak
  peak=$(sort -n "$gpu_samples" 2> /dev/null | tail -n 1 | tr -d ' ')
  if [ -n "$peak" ]; then echo "${peak} MiB"; else echo "n/a"; fi
}

# Peak resident memory of a command, from GNU time when it is installed (kB in the file), as MB; or n/a.
timed() {
  local out=$1; shift
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f %M -o "$out" "$@"
  else
    : > "$out"
    "$@"
  fi
}
peak_rss() { local kb; kb=$(tail -n 1 "$1" 2> /dev/null); if [[ "$kb" =~ ^[0-9]+$ ]]; then echo "$((kb / 1024)) MB"; else echo "n/a"; fi; }

# The throughput the train command reports: "throughput   12.3 windows/s; ...".
windows_per_second() { sed -n 's/^throughput *\([0-9.]*\) windows\/s.*/\1/p' "$1" | tail -n 1; }

# record STEP PASS|FAIL SECONDS WINDOWS/S GPU-PEAK HOST-PEAK NOTE
record() {
  rows+=("$(printf '%-22s %-5s %7s %11s %15s %10s  %s' "$1" "$2" "$3" "${4:--}" "${5:--}" "${6:--}" "$7")")
  if [ "$2" != "PASS" ]; then failures=$((failures + 1)); fi
  printf '\n--- %s: %s (%s s) %s\n' "$1" "$2" "$3" "$7"
}

print_table() {
  printf '\n================ gpu-check (TORCH=%s, device %s) ================\n' "$torch" "$device"
  printf '%-22s %-5s %7s %11s %15s %10s  %s\n' "step" "result" "seconds" "windows/s" "peak GPU memory" "peak RSS" "note"
  printf '%s\n' "${rows[@]}"
  printf '\nGPU: %s\n' "$(command -v nvidia-smi > /dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || echo 'none (nvidia-smi not found)')"
  printf 'total %s s; %s failed; work folder %s (logs under each run'"'"'s logs/ and %s/logs)\n' "$1" "$failures" "$check" "$check"
}

# Data rows of a .tsv file (its header left out).
rows_of() { tail -n +2 "$1" 2> /dev/null | grep -c .; }

# Whether a run's log files contain a line matching the pattern.
run_log_has() { grep -rqE "$2" "$1/logs" 2> /dev/null; }
