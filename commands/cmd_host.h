/*
 * Handlers of the `host` command split out of cmd_host.c: the host's
 * devices by bus and by class, and its physical resources
 * (cmd_host_dev.c).  Each gets the full argv, already checked against the
 * subcommand's argument count.
 */
#ifndef CMD_HOST_H
#define CMD_HOST_H

int cmd_host_aspace_info(int argc, char **argv);
int cmd_host_resources(int argc, char **argv);
int cmd_host_bus_list(int argc, char **argv);
int cmd_host_bus_device_list(int argc, char **argv);
int cmd_host_class_list(int argc, char **argv);
int cmd_host_class_device_list(int argc, char **argv);
/* cmd_host_ram.c: page-level views of RAM and the address pool. */
int cmd_host_ram_bitmap(int argc, char **argv);
int cmd_host_vapool_state(int argc, char **argv);

#endif
