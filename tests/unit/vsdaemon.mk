# Host unit test of vserial daemons (core/vio/vsdaemon.c) over real vserial
# ports and fake character devices: both directions of the chardev
# transport, mterm's decorated console output, refusals, and a port that
# goes away under its daemon.
unit-tests += vsdaemon
vsdaemon-srcs := tests/unit/test_vsdaemon.c core/vio/vsdaemon.c core/vio/vserial.c \
	core/vio/vserial_term.c core/registry.c
