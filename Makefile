# The README's commands. `make test` is what CI runs (.ci/run).
DOTNET ?= dotnet
CONFIGURATION ?= Release
SOLUTION := Pipeline.sln
BENCH_PROJECT := benchmarks/Pipeline.Benchmarks
# `make build TORCH=cuda` builds against the CUDA libtorch (build/torch-backend/TorchBackend.props); unset: CPU.
TORCH ?=
TORCH_BACKEND := $(if $(TORCH),-p:TorchBackend=$(TORCH))
.PHONY: bootstrap restore build test test-reliability bench demo gpu-check clean

bootstrap:
	scripts/bootstrap

restore: bootstrap
	$(DOTNET) restore $(SOLUTION) $(TORCH_BACKEND)

build: restore
	$(DOTNET) build $(SOLUTION) -c $(CONFIGURATION) --no-restore $(TORCH_BACKEND)

# scripts/test repeats each failure's name and message at the end of the output (CI keeps only the tail).
test: build
	CONFIGURATION=$(CONFIGURATION) scripts/test "Category!=Reliability"

# The main job: synth a demo corpus, extract, train, evaluate, tag; prints a summary (see scripts/demo).
demo: build
	scripts/demo

# The prepared GPU check: `make gpu-check TORCH=cuda` on a GPU machine; without TORCH the same steps on the CPU build.
gpu-check: build
	TORCH=$(TORCH) CONFIGURATION=$(CONFIGURATION) scripts/gpu-check

# Slow fault-injection suite (kill -9, disk full, memory bounds); not part of `make test`.
test-reliability: build
	CONFIGURATION=$(CONFIGURATION) scripts/test "Category=Reliability"

# Writes its report to .bench/report.md and prints it.
bench: build
	$(DOTNET) run --project $(BENCH_PROJECT) -c $(CONFIGURATION) --no-build -- all

clean:
	$(DOTNET) clean $(SOLUTION)
