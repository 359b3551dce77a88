vmm-objs-y += core/time/datetime.o
vmm-objs-y += core/time/wallclock.o
vmm-objs-y += core/time/rtc.o
vmm-objs-y += core/time/rtc_choice.o
