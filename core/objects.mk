vmm-objs-y += core/cmd.o
vmm-objs-y += core/lineedit.o
vmm-objs-y += core/xscript.o
vmm-objs-y += core/bootargs.o
vmm-objs-y += core/page_alloc.o
vmm-objs-y += core/page_pool.o
