# Host unit test of the virtio-mmio transport and the virtio-blk back-end
# over a fake guest, a fake device tree and a RAM block device.
unit-tests += virtio_mmio
virtio_mmio-srcs := tests/unit/test_virtio_mmio.c emulators/virtio_mmio.c emulators/virtio_dev.c \
	emulators/virtio_blk.c core/virtqueue.c core/vdisk.c core/blockdev.c core/rbd.c \
	core/emulator.c
