# libFuzzer target over the device side of split virtqueues
# (core/vio/virtqueue.c) with attacker-chosen rings in a fake guest memory.
fuzzers += virtqueue
virtqueue-fuzz-srcs := tests/fuzz/fuzz_virtqueue.c core/vio/virtqueue.c
