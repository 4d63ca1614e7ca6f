# The README's commands. `make test` is what CI runs (.ci/run).
DOTNET ?= dotnet
CONFIGURATION ?= Release
SOLUTION := Pipeline.sln
BENCH_PROJECT := benchmarks/Pipeline.Benchmarks
# `make build TORCH=cuda` builds against the CUDA libtorch (build/torch-backend/TorchBackend.props); unset: CPU.
TORCH ?=
TORCH_BACKEND := $(if $(TORCH),-p:TorchBackend=$(TORCH))
# Each backend's package graph is locked in its own folder (Directory.Build.props).
LOCKS := build/package-locks/$(if $(TORCH),$(TORCH),cpu)

.PHONY: bootstrap restore lock build test test-reliability test-cluster bench demo gpu-check clean

bootstrap:
	scripts/bootstrap

# Restores exactly the locked packages: a changed graph, a pin the source cannot meet or a package whose content
# differs fails here. The CUDA build's first restore, on a machine whose NuGet source serves libtorch-cuda, writes its
# lock files (pins still met exactly, or it fails): commit them.
restore: bootstrap
	@if [ "$(TORCH)" = cuda ] && [ ! -f $(LOCKS)/Pipeline.Model.lock.json ]; then \
	  echo "restore: no $(LOCKS) yet: writing the CUDA build's lock files (make lock TORCH=cuda); commit them"; \
	  $(MAKE) --no-print-directory lock TORCH=cuda; \
	else \
	  $(DOTNET) restore $(SOLUTION) $(TORCH_BACKEND) --locked-mode; \
	fi

# Writes the lock files anew from the pins in Directory.Packages.props: after changing a pin or a package reference.
# A failed restore still writes lock files for what it resolved: new ones are removed, so none is half made.
lock: bootstrap
	@$(DOTNET) restore $(SOLUTION) $(TORCH_BACKEND) --force-evaluate || { \
	  git ls-files --others --exclude-standard -- $(LOCKS) | xargs -r rm -f; rmdir $(LOCKS) 2> /dev/null; \
	  echo "lock: restore failed; no new lock file was kept in $(LOCKS)"; exit 1; }

build: restore
	$(DOTNET) build $(SOLUTION) -c $(CONFIGURATION) --no-restore $(TORCH_BACKEND)

# scripts/test repeats each failure's name and message at the end of the output (CI keeps only the tail).
test: build
	CONFIGURATION=$(CONFIGURATION) scripts/test "Category!=Reliability&Category!=Cluster"

# The main job: synth a demo corpus, extract, train, evaluate, tag; prints a summary (see scripts/demo).
demo: build
	scripts/demo

# The prepared GPU check: `make gpu-check TORCH=cuda` on a GPU machine; without TORCH the same steps on the CPU build.
gpu-check: build
	TORCH=$(TORCH) CONFIGURATION=$(CONFIGURATION) scripts/gpu-check

# Slow fault-injection suite (kill -9, disk full, memory bounds); not part of `make test`.
test-reliability: build
	CONFIGURATION=$(CONFIGURATION) scripts/test "Category=Reliability"

# Cluster nodes on separate hosts (network namespaces on a bridge, links cut and restored); root only, slow, not part
# of `make test`.
test-cluster: build
	CONFIGURATION=$(CONFIGURATION) scripts/test "Category=Cluster"

# Writes its report to .bench/report.md and prints it.
bench: build
	$(DOTNET) run --project $(BENCH_PROJECT) -c $(CONFIGURATION) --no-build -- all

clean:
	$(DOTNET) clean $(SOLUTION)
