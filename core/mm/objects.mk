vmm-objs-y += core/mm/page_alloc.o
vmm-objs-y += core/mm/page_pool.o
vmm-objs-y += core/mm/heap.o
vmm-objs-y += core/mm/malloc.o
vmm-objs-y += core/mm/shmem.o
