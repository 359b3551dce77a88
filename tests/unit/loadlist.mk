# Host unit test of the guest_load_list / host_load_list parser.
unit-tests += loadlist
loadlist-srcs := tests/unit/test_loadlist.c core/fs/loadlist.c
