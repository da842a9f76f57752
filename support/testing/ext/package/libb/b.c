int b_answer(void) { return 42; }
