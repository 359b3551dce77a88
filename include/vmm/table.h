/*
 * Link-time registration tables.  A file adds an entry to a table with
 * VMM_TABLE_ENTRY(name); the linker gathers every entry of a table into one
 * section whose bounds are __start_<name> and __stop_<name> (provided by the
 * linker for sections named like C identifiers, on the target and on the
 * host alike).  Adding a driver, emulator or command is adding one file.
 */
#ifndef VMM_TABLE_H
#define VMM_TABLE_H

#define VMM_TABLE_ENTRY(table) \
	__attribute__((used, section(#table), aligned(sizeof(void *))))

#define VMM_TABLE_DECLARE(type, table) \
	extern type __start_##table[] __attribute__((weak)); \
	extern type __stop_##table[] __attribute__((weak))

#define vmm_table_foreach(type, table, it) \
	for (type *it = __start_##table; it < __stop_##table; it++)

#endif
