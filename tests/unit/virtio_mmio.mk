# Host unit test of the virtio-mmio transport and the virtio-blk back-end
# over a fake guest, a fake device tree and a RAM block device (the
# device's worker thread is faked by the test).
unit-tests += virtio_mmio
virtio_mmio-srcs := tests/unit/test_virtio_mmio.c emulators/virtio_mmio.c emulators/virtio_dev.c \
	emulators/virtio_blk.c core/vio/virtqueue.c core/vio/vdisk.c core/registry.c core/fs/blockdev.c core/fs/rbd.c \
	core/guest/emulator.c
