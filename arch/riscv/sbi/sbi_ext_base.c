/*
 * SBI BASE extension (EID 0x10) for guests: the spec version we follow
 * (2.0), our implementation ID and version, extension probing through the
 * dispatcher, and the machine ID registers, which are the host's own as
 * reported once by the host firmware.  BASE cannot be hidden.
 */
#include <arch/sbi.h>
#include <arch/sbi_server.h>

enum {
	BASE_SPEC_VERSION,
	BASE_IMPL_ID,
	BASE_IMPL_VERSION,
	BASE_PROBE_EXT,
	BASE_MVENDORID,
	BASE_MARCHID,
	BASE_MIMPID,
	BASE_NR_FIDS
};

/* mvendorid, marchid, mimpid of the host, read on first use (harts racing
 * here read the same values). */
static unsigned long host_ids[3];
static bool host_ids_valid;

static unsigned long host_id(unsigned long fid)
{
	if (!__atomic_load_n(&host_ids_valid, __ATOMIC_ACQUIRE)) {
		for (unsigned long i = 0; i < 3; i++) {
			struct sbiret r = sbi_ecall(SBI_EXT_BASE, BASE_MVENDORID + i,
						    0, 0, 0, 0, 0, 0);

			host_ids[i] = r.error ? 0 : (unsigned long)r.value;
		}
		__atomic_store_n(&host_ids_valid, true, __ATOMIC_RELEASE);
	}
	return host_ids[fid - BASE_MVENDORID];
}

/* The functions that make calls: out of line, so that the others (the
 * commonest BASE calls) save no registers. */
static __attribute__((noinline)) void base_query(struct vcpu *v, unsigned long fid,
						 const unsigned long *args, struct sbi_ret *ret)
{
	if (fid == BASE_PROBE_EXT)
		ret->value = sbi_server_probe(v, args[0]) ? 1 : 0;
	else if (fid < BASE_NR_FIDS)
		ret->value = host_id(fid);
	else
		ret->error = SBI_ERR_NOT_SUPPORTED;
}

static void base_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
			const unsigned long *args, struct sbi_ret *ret)
{
	static const unsigned long constants[] = {
		[BASE_SPEC_VERSION] = SBI_SPEC_VERSION,
		[BASE_IMPL_ID] = SBI_IMPL_ID,
		[BASE_IMPL_VERSION] = SBI_IMPL_VERSION,
	};

	(void)eid;
	ret->error = SBI_SUCCESS;
	if (fid < BASE_PROBE_EXT)
		ret->value = constants[fid];
	else
		base_query(v, fid, args, ret);
}

VMM_SBI_EXT(sbi_ext_base) = {
	.eid_min = SBI_EXT_BASE,
	.eid_max = SBI_EXT_BASE,
	.handle = base_handle,
};
