unit-tests += shmem
shmem-srcs := tests/unit/test_shmem.c core/mm/shmem.c commands/cmd_shmem.c core/shell/cmd.c \
	core/mm/page_alloc.c core/mm/page_pool.c
