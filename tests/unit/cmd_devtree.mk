# Host unit test of the devtree command (output formats, edits, errors);
# shares the sources and test DTBs declared in devtree.mk.
unit-tests += cmd_devtree
cmd_devtree-srcs = tests/unit/test_cmd_devtree.c commands/cmd_devtree.c \
	commands/cmd_devtree_print.c core/shell/cmd.c $(devtree-test-srcs)

$(BUILD)/unit/cmd_devtree: tests/unit/devtree_util.h tests/unit/capture.h \
	commands/cmd_devtree_priv.h
