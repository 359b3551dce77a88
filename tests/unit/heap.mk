unit-tests += heap
heap-srcs := tests/unit/test_heap.c core/mm/heap.c core/shell/cmd.c commands/cmd_heap.c
