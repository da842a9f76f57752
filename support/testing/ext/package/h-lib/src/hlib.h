int hlib_answer(void);
