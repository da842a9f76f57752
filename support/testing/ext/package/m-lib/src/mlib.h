const char *mlib_greeting(void);
