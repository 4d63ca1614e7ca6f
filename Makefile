# The README's commands. `make test` is what CI runs (.ci/run).
DOTNET ?= dotnet
CONFIGURATION ?= Release
SOLUTION := Pipeline.sln
TEST_PROJECT := tests/Pipeline.Tests
BENCH_PROJECT := benchmarks/Pipeline.Benchmarks
# `make build TORCH=cuda` builds against the CUDA libtorch (build/torch-backend/TorchBackend.props); unset: CPU.
TORCH ?=
TORCH_BACKEND := $(if $(TORCH),-p:TorchBackend=$(TORCH))

.PHONY: bootstrap restore build test test-reliability bench demo clean

bootstrap:
	scripts/bootstrap

restore: bootstrap
	$(DOTNET) restore $(SOLUTION) $(TORCH_BACKEND)

build: restore
	$(DOTNET) build $(SOLUTION) -c $(CONFIGURATION) --no-restore $(TORCH_BACKEND)

test: build
	$(DOTNET) test $(TEST_PROJECT) -c $(CONFIGURATION) --no-build --filter "Category!=Reliability" --logger "console;verbosity=normal"

# The main job: synth a demo corpus, extract, train, evaluate, tag; prints a summary (see scripts/demo).
demo: build
	scripts/demo

# Slow fault-injection suite (kill -9, disk full, memory bounds); not part of `make test`.
test-reliability: build
	$(DOTNET) test $(TEST_PROJECT) -c $(CONFIGURATION) --no-build --filter "Category=Reliability" --logger "console;verbosity=normal"

# Writes its report to .bench/report.md and prints it.
bench: build
	$(DOTNET) run --project $(BENCH_PROJECT) -c $(CONFIGURATION) --no-build -- all

clean:
	$(DOTNET) clean $(SOLUTION)
