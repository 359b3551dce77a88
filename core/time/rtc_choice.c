/*
 * Which RTC sets the wall clock: vmm.rtcdev=<name or path> in the
 * bootargs, else the /chosen/rtcdev string of the live device tree.
 */
#include <errno.h>
#include <stdio.h>
#include <vmm/bootargs.h>
#include <vmm/devtree.h>
#include <vmm/host.h>
#include <vmm/rtc.h>

int rtc_wallclock_choice(char *buf, size_t len)
{
	const char *chosen;

	if (host_info.bootargs && bootargs_get(host_info.bootargs, "vmm.rtcdev", buf, len) > 0)
		return 0;
	chosen = devtree_path_read_string("/chosen", "rtcdev");
	if (!chosen || !*chosen)
		return -ENOENT;
	snprintf(buf, len, "%s", chosen);
	return 0;
}
