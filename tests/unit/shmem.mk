unit-tests += shmem
shmem-srcs := tests/unit/test_shmem.c core/shmem.c commands/cmd_shmem.c core/cmd.c \
	core/page_alloc.c core/page_pool.c
