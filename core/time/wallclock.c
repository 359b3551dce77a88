/*
 * The wall clock (vmm/wallclock.h): the epoch time at timer_ns() == 0 and
 * the timezone, under one spinlock.
 */
#include <errno.h>
#include <vmm/datetime.h>
#include <vmm/spinlock.h>
#include <vmm/timer.h>
#include <vmm/wallclock.h>

static spinlock_t wallclock_lock = SPINLOCK_INIT;
static uint64_t base_ns;	/* wall-clock ns at timer_ns() == 0 (mod 2^64) */
static int tz_minutes;

int wallclock_get_ns(uint64_t *ns)
{
	unsigned long flags;

	spin_lock_irqsave(&wallclock_lock, flags);
	*ns = base_ns + timer_ns();
	spin_unlock_irqrestore(&wallclock_lock, flags);
	return 0;
}

int wallclock_set_ns(uint64_t ns)
{
	unsigned long flags;

	spin_lock_irqsave(&wallclock_lock, flags);
	base_ns = ns - timer_ns();
	spin_unlock_irqrestore(&wallclock_lock, flags);
	return 0;
}

int wallclock_get_timezone(int *minutes)
{
	*minutes = __atomic_load_n(&tz_minutes, __ATOMIC_RELAXED);
	return 0;
}

int wallclock_set_timezone(int minutes)
{
	if (minutes > DATETIME_TZ_MAX_MIN || minutes < -DATETIME_TZ_MAX_MIN)
		return -EINVAL;
	__atomic_store_n(&tz_minutes, minutes, __ATOMIC_RELAXED);
	return 0;
}
