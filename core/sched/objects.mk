vmm-objs-y += core/sched/smp.o
vmm-objs-y += core/sched/thread.o
vmm-objs-y += core/sched/sched.o
vmm-objs-y += core/sched/timer.o
vmm-objs-y += core/sched/waitq.o
vmm-objs-y += core/sched/irq.o
