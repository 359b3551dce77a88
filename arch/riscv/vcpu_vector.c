/*
 * The guest's vector state: allocation (32 registers of the host's vlenb),
 * architectural reset, the lazy load/put around scheduling points and its
 * part of `vcpu dumpreg`.  The assembly is in vcpu_vector_unpriv.S; the
 * dirty tracking (sstatus.VS at each exit) is in the vCPU run loop.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arch/cpu.h>
#include <arch/vcpu_arch.h>
#include <arch/vcpu_vector.h>

#define VTYPE_VILL	(1UL << 63)

unsigned long host_vlenb;

void vector_probe(void)
{
	if (host_cpu_has(ISA_EXT_LETTER('v')))
		host_vlenb = vector_read_vlenb();
}

bool vcpu_has_vector(struct vcpu *v)
{
	return (v->isa >> ISA_EXT_LETTER('v')) & 1;
}

int vcpu_vector_init(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;

	if (!vcpu_has_vector(v))
		return 0;
	a->vec = calloc(1, sizeof(*a->vec) + 32 * host_vlenb);
	return a->vec ? 0 : -ENOMEM;
}

void vcpu_vector_deinit(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;

	free(a->vec);
	a->vec = NULL;
}

void vcpu_vector_reset(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;

	a->vec_dirty = false;
	if (!a->vec)
		return;
	memset(a->vec, 0, sizeof(*a->vec) + 32 * host_vlenb);
	a->vec->vtype = VTYPE_VILL;
}

void vcpu_vector_load(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;

	if (a->vec)
		vector_restore(a->vec);
}

void vcpu_vector_put(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;

	if (a->vec_dirty) {
		vector_save(a->vec);
		a->vec_dirty = false;
	}
}

void vcpu_vector_dump(struct vcpu *v)
{
	struct vcpu_arch *a = v->arch;
	const struct vcpu_vector *vs = a->vec;

	if (!vs)
		return;
	printf("  vector state (vlenb %lu)%s:\n", host_vlenb,
	       a->loaded ? ", as last saved: the vCPU is on a hart" : "");
	printf("  vl       0x%016lx  vtype    0x%016lx  vstart  0x%016lx  vcsr   0x%016lx\n",
	       vs->vl, vs->vtype, vs->vstart, vs->vcsr);
	for (unsigned int r = 0; r < 32; r++) {
		const uint8_t *reg = vs->regs + r * host_vlenb;

		printf("  v%-2u 0x", r);
		/* Element 0 is at the lowest address: print most significant first. */
		for (unsigned long i = host_vlenb; i-- > 0;)
			printf("%02x", reg[i]);
		printf("\n");
	}
}
