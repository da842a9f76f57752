#include <hlib.h>
int main(void) { return hlib_answer() != 42; }
