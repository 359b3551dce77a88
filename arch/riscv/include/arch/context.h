/*
 * What a thread switch saves: the callee-saved registers, the return
 * address and the stack pointer.  Everything else is saved by the C
 * calling convention or by the trap frame of an interrupted thread.
 */
#ifndef ARCH_CONTEXT_H
#define ARCH_CONTEXT_H

struct arch_context {
	unsigned long ra;
	unsigned long sp;
	unsigned long s[12];
};

/* Save the current context into prev and resume next. */
void arch_context_switch(struct arch_context *prev, struct arch_context *next);
/* Prepare ctx so that switching to it calls entry(arg) on the given stack. */
void arch_context_init(struct arch_context *ctx, void *stack_top,
		       void (*entry)(void *), void *arg);

#endif
