/*
 * Spinlocks built on the compiler's atomics, so the same code runs on the
 * target and in host unit tests.  The _irqsave forms also mask interrupts
 * on the local hart (see vmm/irqflags.h).
 */
#ifndef VMM_SPINLOCK_H
#define VMM_SPINLOCK_H

#include <vmm/irqflags.h>

typedef struct {
	volatile int locked;
} spinlock_t;

#define SPINLOCK_INIT { 0 }

static inline void spin_lock_init(spinlock_t *l)
{
	l->locked = 0;
}

static inline void spin_lock(spinlock_t *l)
{
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
			;
}

static inline int spin_trylock(spinlock_t *l)
{
	return !__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE);
}

static inline void spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

#define spin_lock_irqsave(l, flags) \
	do { \
		(flags) = irq_save(); \
		spin_lock(l); \
	} while (0)

#define spin_unlock_irqrestore(l, flags) \
	do { \
		spin_unlock(l); \
		irq_restore(flags); \
	} while (0)

#endif
