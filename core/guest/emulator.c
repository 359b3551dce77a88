/*
 * Emulator lookup: finds the emulator whose compatible list names the
 * given string, in the vmm_emulators link-time table.
 */
#include <string.h>
#include <vmm/emulator.h>

VMM_TABLE_DECLARE(const struct emulator, vmm_emulators);

const struct emulator *emulator_match(const char *compatible)
{
	vmm_table_foreach(const struct emulator, vmm_emulators, emu)
		for (const char *const *c = emu->compatible; *c; c++)
			if (!strcmp(*c, compatible))
				return emu;
	return NULL;
}
