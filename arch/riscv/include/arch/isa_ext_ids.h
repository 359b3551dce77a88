/*
 * Numbers of the multi-letter ISA extensions in a 64-bit ISA set, after
 * the letters (bit = letter - 'a', 0-25).  They are also the protocol of
 * the Xvisor vendor SBI ISA_EXT query (26 Ssaia, 27 Smaia, 28 Sstc,
 * 29 Smstateen as in Xvisor, then ours), so this header is shared by the
 * hypervisor (arch/cpu.h) and the guest firmware that builds a Linux
 * guest's riscv,isa from the answers (tests/riscv/virt64/basic).
 * Append only: numbers never change.  No C declarations here.
 */
#ifndef ARCH_ISA_EXT_IDS_H
#define ARCH_ISA_EXT_IDS_H

/* X(ID, bit, "name") for each: ISA_EXT_<ID> = bit. */
#define ISA_EXT_IDS(X)				\
	X(SSAIA, 26, "ssaia")			\
	X(SMAIA, 27, "smaia")			\
	X(SSTC, 28, "sstc")			\
	X(SMSTATEEN, 29, "smstateen")		\
	X(SVPBMT, 30, "svpbmt")			\
	X(SVNAPOT, 31, "svnapot")		\
	X(ZICBOM, 32, "zicbom")			\
	X(ZIHINTPAUSE, 33, "zihintpause")	\
	X(ZBB, 34, "zbb")			\
	X(SVINVAL, 35, "svinval")		\
	X(ZKR, 36, "zkr")			\
	X(SVADU, 37, "svadu")			\
	X(ZICBOZ, 38, "zicboz")			\
	X(ZBA, 39, "zba")			\
	X(ZBC, 40, "zbc")			\
	X(ZBS, 41, "zbs")			\
	X(ZFH, 42, "zfh")			\
	X(ZICOND, 43, "zicond")			\
	X(SSCOFPMF, 44, "sscofpmf")

#define ISA_EXT_ID_FIRST	26
#define ISA_EXT_ID_END		45	/* one past the last number */

#endif
