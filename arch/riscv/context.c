/*
 * Initial switch context of a new thread: it starts in
 * arch_thread_trampoline, which calls thread_entry(entry, arg).
 */
#include <string.h>
#include <arch/context.h>

void arch_thread_trampoline(void);

void arch_context_init(struct arch_context *ctx, void *stack_top,
		       void (*entry)(void *), void *arg)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->ra = (unsigned long)arch_thread_trampoline;
	ctx->sp = (unsigned long)stack_top & ~15UL;
	ctx->s[0] = (unsigned long)entry;
	ctx->s[1] = (unsigned long)arg;
}
