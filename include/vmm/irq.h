/*
 * Host interrupts.  One host interrupt controller driver (PLIC today)
 * registers itself as the irq chip; device drivers register a handler per
 * host IRQ number (the controller's source number) and the chip routes the
 * line to a hart.  The chip's external-interrupt entry calls irq_dispatch()
 * for each claimed source, which counts it per hart for `host irq stats`.
 */
#ifndef VMM_IRQ_H
#define VMM_IRQ_H

#include <stdint.h>

#define HOST_IRQ_MAX	1024

struct vmm_cpu;

typedef void (*irq_handler_t)(unsigned int irq, void *dev);

struct irq_chip {
	const char *name;
	void (*enable)(unsigned int irq, struct vmm_cpu *target);
	void (*disable)(unsigned int irq);
	void (*handle)(void);	/* external interrupt entry on this hart */
	void (*init_cpu)(void);	/* per-hart set-up, run on each hart */
};

int irq_set_chip(const struct irq_chip *chip);
const struct irq_chip *irq_get_chip(void);
int irq_register(unsigned int irq, const char *name, irq_handler_t handler, void *dev);
void irq_dispatch(unsigned int irq);
void irq_handle_external(void);
void irq_init_cpu(void);
/* Print the `host irq stats` table. */
void irq_print_stats(void);

#endif
