// The C++ runtime (libstdc++, exceptions) on the target.
#include <iostream>
#include <stdexcept>
#include <string>

int main()
{
	try {
		throw std::runtime_error("ok");
	} catch (const std::exception &e) {
		std::cout << "tc-hello-cxx: " << std::string(e.what()) << std::endl;
	}
	return 0;
}
