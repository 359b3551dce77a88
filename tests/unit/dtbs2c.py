#!/usr/bin/env python3
"""Embed DTB files in a C source for the devtree unit tests: each file
becomes one entry of dt_test_blobs[] (file name, bytes, length), ending
with a NULL name (see devtree_util.h)."""
import os
import sys

print('#include "devtree_util.h"')
entries = []
for i, path in enumerate(sys.argv[1:]):
    data = open(path, "rb").read()
    print("static const unsigned char blob%d[] = {%s};" % (i, ",".join(map(str, data))))
    entries.append('\t{ "%s", blob%d, %d },' % (os.path.basename(path), i, len(data)))
print("const struct dt_test_blob dt_test_blobs[] = {")
print("\n".join(entries))
print("\t{ 0, 0, 0 },")
print("};")
