# Host unit test of the named-object registry (core/registry.c).
unit-tests += registry
registry-srcs := tests/unit/test_registry.c core/registry.c
