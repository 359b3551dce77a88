# Host unit test of calendar arithmetic, the wall clock and the RTC registry.
unit-tests += wallclock
wallclock-srcs := tests/unit/test_wallclock.c core/datetime.c core/wallclock.c core/rtc.c
