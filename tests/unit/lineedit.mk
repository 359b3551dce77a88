unit-tests += lineedit
lineedit-srcs := tests/unit/test_lineedit.c core/shell/lineedit.c
