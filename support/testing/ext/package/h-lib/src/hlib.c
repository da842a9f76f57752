int hlib_answer(void) { return 42; }
