/*
 * Emulated IMSIC interrupt files (emulators/imsic_file.c), private to the
 * vIMSIC: one per vCPU, used whenever the vCPU has no hardware guest
 * interrupt file (vmm/vcpu_aia.h).  imsic_file_ops is what the vCPU layer
 * calls for the guest's trapped CSR accesses, MSIs and state moves.
 */
#ifndef EMULATORS_IMSIC_FILE_H
#define EMULATORS_IMSIC_FILE_H

#include <vmm/vcpu_aia.h>

struct imsic_file;

/* An empty file of identities 1..num_ids (<= IMSIC_MAX_IDS) that calls
 * signal(ctx, level) whenever its interrupt line changes (under the file's
 * lock); NULL when num_ids is out of range or out of memory. */
struct imsic_file *imsic_file_create(unsigned int num_ids, void (*signal)(void *ctx, bool level),
				     void *ctx);
void imsic_file_destroy(struct imsic_file *f);

extern const struct vcpu_aia_emul_ops imsic_file_ops;

#endif
