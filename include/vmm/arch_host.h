/*
 * Architecture facts and actions the host commands need: a description
 * of a hart (ISA, MMU modes, VMID bits), the I/O virtual address pool, and
 * powering the machine off or resetting it.
 */
#ifndef VMM_ARCH_HOST_H
#define VMM_ARCH_HOST_H

#include <stdint.h>

struct vmm_cpu;

void arch_print_cpu_info(const struct vmm_cpu *cpu);
void arch_print_vapool_info(void);
void arch_print_firmware_info(void);
uint64_t arch_vapool_size(void);
void arch_system_shutdown(void) __attribute__((noreturn));
void arch_system_reset(void) __attribute__((noreturn));

#endif
