/*
 * Printing helpers of the devtree command (cmd_devtree_print.c): one
 * property as "name = value;" with a dtc-like guess of the value's shape,
 * and a subtree as "name {" ... "};" with tab indentation.
 */
#ifndef CMD_DEVTREE_PRIV_H
#define CMD_DEVTREE_PRIV_H

/* Print the property at libfdt property offset prop, indented by depth tabs. */
void cmd_devtree_print_prop(int prop, int depth);

/* Print the subtree at node: names only, or with every property (attrs). */
void cmd_devtree_print_node(int node, int depth, int attrs);

#endif
