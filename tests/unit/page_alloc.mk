unit-tests += page_alloc
page_alloc-srcs := tests/unit/test_page_alloc.c core/mm/page_alloc.c core/mm/page_pool.c
