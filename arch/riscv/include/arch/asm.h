/*
 * CSR numbers and bit fields used by the hypervisor, shared by C and
 * assembly.  Names follow the RISC-V privileged specification.
 */
#ifndef ARCH_ASM_H
#define ARCH_ASM_H

#define CSR_SSTATUS	0x100
#define CSR_SIE		0x104
#define CSR_STVEC	0x105
#define CSR_SCOUNTEREN	0x106
#define CSR_SENVCFG	0x10a
#define CSR_SSCRATCH	0x140
#define CSR_SEPC	0x141
#define CSR_SCAUSE	0x142
#define CSR_STVAL	0x143
#define CSR_SIP		0x144
#define CSR_STIMECMP	0x14d
#define CSR_SATP	0x180
#define CSR_SISELECT	0x150
#define CSR_SIREG	0x151
#define CSR_STOPEI	0x15c
#define CSR_STOPI	0xdb0

#define CSR_VSSTATUS	0x200
#define CSR_VSIE	0x204
#define CSR_VSTVEC	0x205
#define CSR_VSSCRATCH	0x240
#define CSR_VSEPC	0x241
#define CSR_VSCAUSE	0x242
#define CSR_VSTVAL	0x243
#define CSR_VSIP	0x244
#define CSR_VSTIMECMP	0x24d
#define CSR_VSATP	0x280

#define CSR_HSTATUS	0x600
#define CSR_HEDELEG	0x602
#define CSR_HIDELEG	0x603
#define CSR_HIE		0x604
#define CSR_HTIMEDELTA	0x605
#define CSR_HCOUNTEREN	0x606
#define HCOUNTEREN_TM	(1UL << 1)
#define CSR_HGEIE	0x607
#define CSR_HENVCFG	0x60a
#define CSR_HTVAL	0x643
#define CSR_HIP		0x644
#define CSR_HVIP	0x645
#define CSR_HTINST	0x64a
#define CSR_HGATP	0x680

#define CSR_CYCLE	0xc00
#define CSR_TIME	0xc01
#define CSR_INSTRET	0xc02

#define SSTATUS_SIE	(1UL << 1)
#define SSTATUS_SPIE	(1UL << 5)
#define SSTATUS_SPP	(1UL << 8)
#define SSTATUS_VS	(3UL << 9)
#define SSTATUS_VS_INITIAL (1UL << 9)
#define SSTATUS_FS	(3UL << 13)
#define SSTATUS_FS_INITIAL (1UL << 13)
#define SSTATUS_SUM	(1UL << 18)
#define SSTATUS_MXR	(1UL << 19)

#define HSTATUS_VSBE	(1UL << 5)
#define HSTATUS_GVA	(1UL << 6)
#define HSTATUS_SPV	(1UL << 7)
#define HSTATUS_SPVP	(1UL << 8)
#define HSTATUS_HU	(1UL << 9)
#define HSTATUS_VGEIN_SHIFT 12
#define HSTATUS_VTW	(1UL << 21)
#define HSTATUS_VTSR	(1UL << 22)
#define HSTATUS_VSXL_SHIFT 32

#define IRQ_S_SOFT	1
#define IRQ_VS_SOFT	2
#define IRQ_S_TIMER	5
#define IRQ_VS_TIMER	6
#define IRQ_S_EXT	9
#define IRQ_VS_EXT	10
#define IRQ_S_GEXT	12

#define SCAUSE_IRQ	(1UL << 63)

#define EXC_INST_MISALIGNED	0
#define EXC_INST_ACCESS		1
#define EXC_ILLEGAL_INST	2
#define EXC_BREAKPOINT		3
#define EXC_LOAD_MISALIGNED	4
#define EXC_LOAD_ACCESS		5
#define EXC_STORE_MISALIGNED	6
#define EXC_STORE_ACCESS	7
#define EXC_ECALL_U		8
#define EXC_ECALL_S		9
#define EXC_ECALL_VS		10
#define EXC_INST_PAGE_FAULT	12
#define EXC_LOAD_PAGE_FAULT	13
#define EXC_STORE_PAGE_FAULT	15
#define EXC_INST_GUEST_PAGE_FAULT 20
#define EXC_LOAD_GUEST_PAGE_FAULT 21
#define EXC_VIRTUAL_INST	22
#define EXC_STORE_GUEST_PAGE_FAULT 23

#define SATP_MODE_SHIFT	60
#define SATP_MODE_SV39	8UL
#define SATP_MODE_SV48	9UL
#define SATP_MODE_SV57	10UL
#define HGATP_MODE_SHIFT 60
#define HGATP_VMID_SHIFT 44
#define HGATP_VMID_MASK	0x3fffUL

#ifndef __ASSEMBLY__

#define csr_read(csr) ({ \
	unsigned long __v; \
	__asm__ __volatile__("csrr %0, " __stringify(csr) : "=r"(__v) : : "memory"); \
	__v; })

#define csr_write(csr, val) ({ \
	unsigned long __v = (unsigned long)(val); \
	__asm__ __volatile__("csrw " __stringify(csr) ", %0" : : "rK"(__v) : "memory"); })

#define csr_swap(csr, val) ({ \
	unsigned long __v = (unsigned long)(val); \
	__asm__ __volatile__("csrrw %0, " __stringify(csr) ", %1" : "=r"(__v) : "rK"(__v) : "memory"); \
	__v; })

#define csr_set(csr, val) ({ \
	unsigned long __v = (unsigned long)(val); \
	__asm__ __volatile__("csrs " __stringify(csr) ", %0" : : "rK"(__v) : "memory"); })

#define csr_clear(csr, val) ({ \
	unsigned long __v = (unsigned long)(val); \
	__asm__ __volatile__("csrc " __stringify(csr) ", %0" : : "rK"(__v) : "memory"); })

#define csr_read_clear(csr, val) ({ \
	unsigned long __v = (unsigned long)(val); \
	__asm__ __volatile__("csrrc %0, " __stringify(csr) ", %1" : "=r"(__v) : "rK"(__v) : "memory"); \
	__v; })

#define __stringify_1(x) #x
#define __stringify(x) __stringify_1(x)

static inline void wfi(void)
{
	__asm__ __volatile__("wfi" : : : "memory");
}

#endif

#endif
