# Host unit test of the device side of split virtqueues over a fake guest
# memory, hostile rings included.
unit-tests += virtqueue
virtqueue-srcs := tests/unit/test_virtqueue.c core/vio/virtqueue.c
