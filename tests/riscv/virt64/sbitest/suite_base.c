/*
 * BASE extension checks: every FID (spec version 2.0, implementation ID
 * and version, probe_extension, the machine ID registers), an unknown FID,
 * and probe_extension of every EID the hypervisor offers, of the ones it
 * does not offer to this vCPU, and of an unknown one.
 */
#include <stdio.h>

#include "sbitest.h"

#define SBI_SPEC_V2_0		0x02000000
#define SBI_IMPL_ID_XVISOR	2
#define EID_UNKNOWN		0x12345678

static struct sbiret base(unsigned long fid, unsigned long arg)
{
	return sbi_call(SBI_EXT_BASE, fid, arg, 0, 0, 0);
}

static const struct {
	const char *name;
	unsigned long eid;
	long present;
} probes[] = {
	{ "base.probe.base", SBI_EXT_BASE, 1 },
	{ "base.probe.time", SBI_EXT_TIME, 1 },
	{ "base.probe.ipi", SBI_EXT_IPI, 1 },
	{ "base.probe.rfence", SBI_EXT_RFENCE, 1 },
	{ "base.probe.hsm", SBI_EXT_HSM, 1 },
	{ "base.probe.srst", SBI_EXT_SRST, 1 },
	{ "base.probe.dbcn", SBI_EXT_DBCN, 1 },
	{ "base.probe.pmu", SBI_EXT_PMU, 1 },
	{ "base.probe.susp", SBI_EXT_SUSP, 1 },
	{ "base.probe.xvisor", SBI_EXT_XVISOR, 1 },
	{ "base.probe.fwft", SBI_EXT_FWFT, 1 },
	{ "base.probe.sta", SBI_EXT_STA, 1 },
	{ "base.probe.legacy_set_timer", 0x00, 1 },
	{ "base.probe.legacy_putchar", 0x01, 1 },
	{ "base.probe.legacy_shutdown", 0x08, 1 },
	{ "base.probe.nacl_without_h", SBI_EXT_NACL, 0 },
	{ "base.probe.unknown", EID_UNKNOWN, 0 },
};

/*
 * The `probe` command: for each extension, "probe <name> <probe_extension
 * value> <error of FID 0 with zero arguments>" (SRST and SUSP are not
 * called: their FID 0 would reset or suspend), for the system test of
 * xvisor,disable-sbi-<name>.
 */
void probe_report(void)
{
	static const struct {
		const char *name;
		unsigned long eid;
		bool call;
	} exts[] = {
		{ "time", SBI_EXT_TIME, true }, { "ipi", SBI_EXT_IPI, true },
		{ "rfence", SBI_EXT_RFENCE, true }, { "hsm", SBI_EXT_HSM, true },
		{ "srst", SBI_EXT_SRST, false }, { "dbcn", SBI_EXT_DBCN, true },
		{ "pmu", SBI_EXT_PMU, true }, { "susp", SBI_EXT_SUSP, false },
		{ "fwft", SBI_EXT_FWFT, true }, { "sta", SBI_EXT_STA, true },
		{ "xvisor", SBI_EXT_XVISOR, true }, { "legacy", 0x03, true },
	};

	irq_disable_all();
	for (unsigned int i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		printf("probe %s %ld %ld\n", exts[i].name, base(3, exts[i].eid).value,
		       exts[i].call ? sbi_call(exts[i].eid, 0, 0, 0, 0, 0).error : 0L);
	sbi_set_timer(~0ULL);
}

void suite_base(void)
{
	struct sbiret r;
	unsigned int i;

	check_ret("base.spec_version", base(0, 0), SBI_SUCCESS, SBI_SPEC_V2_0);
	check_ret("base.impl_id", base(1, 0), SBI_SUCCESS, SBI_IMPL_ID_XVISOR);
	r = base(2, 0);
	check_err("base.impl_version", r, SBI_SUCCESS);
	check_eq("base.impl_version_nonzero", r.value != 0, 1);
	/* What a guest prints, as Linux does (the system test reads it). */
	printf("SBI implementation ID=0x%lx Version=0x%lx\n", base(1, 0).value, r.value);
	printf("SBI mvendorid=0x%lx marchid=0x%lx mimpid=0x%lx\n", base(4, 0).value,
	       base(5, 0).value, base(6, 0).value);
	check_err("base.mvendorid", base(4, 0), SBI_SUCCESS);
	check_err("base.marchid", base(5, 0), SBI_SUCCESS);
	check_err("base.mimpid", base(6, 0), SBI_SUCCESS);
	check_err("base.unknown_fid", base(7, 0), SBI_ERR_NOT_SUPPORTED);
	for (i = 0; i < sizeof(probes) / sizeof(probes[0]); i++)
		check_ret(probes[i].name, base(3, probes[i].eid), SBI_SUCCESS, probes[i].present);
	check_err("unknown_eid", sbi_call(EID_UNKNOWN, 0, 0, 0, 0, 0), SBI_ERR_NOT_SUPPORTED);
	check_err("unknown_eid_fid5", sbi_call(EID_UNKNOWN, 5, 0, 0, 0, 0), SBI_ERR_NOT_SUPPORTED);
}
