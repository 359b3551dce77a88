unit-tests += lineedit
lineedit-srcs := tests/unit/test_lineedit.c core/lineedit.c
