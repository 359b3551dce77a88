# Host unit test of calendar arithmetic, the wall clock and the RTC registry.
unit-tests += wallclock
wallclock-srcs := tests/unit/test_wallclock.c core/time/datetime.c core/time/wallclock.c core/time/rtc.c core/registry.c
