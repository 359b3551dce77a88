/*
 * The banner line printed at boot and by `version`.  It keeps Xvisor's
 * shape ("Xvisor v<version> (<date> <time>)") so scripts that look for it
 * still match, and names this implementation and its git revision.
 */
#ifndef VMM_VERSION_H
#define VMM_VERSION_H

#define VMM_XVISOR_COMPAT	"0.3.2"
#ifndef VMM_VERSION_GIT
#define VMM_VERSION_GIT		"unknown"
#endif

void vmm_print_banner(void);

#endif
