/*
 * The banner line (`version` and the first line of the boot log).
 */
#include <stdio.h>
#include <vmm/version.h>

void vmm_print_banner(void)
{
	printf("Xvisor v%s-rvh-%s (%s %s)\n", VMM_XVISOR_COMPAT, VMM_VERSION_GIT, __DATE__,
	       __TIME__);
}
