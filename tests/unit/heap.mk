unit-tests += heap
heap-srcs := tests/unit/test_heap.c core/heap.c core/cmd.c commands/cmd_heap.c
