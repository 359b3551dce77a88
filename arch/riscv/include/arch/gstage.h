/*
 * G-stage (guest physical to host physical) translation capabilities of
 * the harts, probed once at boot: the widest of Sv57x4, Sv48x4 and Sv39x4
 * that hgatp accepts, and how many VMID bits it implements.
 */
#ifndef ARCH_GSTAGE_H
#define ARCH_GSTAGE_H

extern unsigned long gstage_mode;	/* hgatp MODE value, 0 if none */
extern unsigned int gstage_levels;
extern unsigned int vmid_bits;

void gstage_probe(void);
const char *gstage_mode_name(void);
/* Width of the guest physical addresses the mode translates (the x4
 * modes add 2 bits to their VS-stage counterpart): 41, 50 or 59. */
unsigned int gstage_gpa_bits(void);

#endif
