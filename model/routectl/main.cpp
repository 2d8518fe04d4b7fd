#include "model/routectl/RouteCtl.h"

#include <exception>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char **argv)
{
    std::ios::sync_with_stdio(false);
    try {
        const std::vector<std::string> args(argv + 1, argv + argc);
        return rd::routectl::run(args, std::cout, std::cerr);
    } catch (const std::exception &e) {
        // An operator's script must get a clear exit code and a reason, never an abort and a core dump.
        std::cout.flush();
        std::cerr << "routectl: internal error: " << e.what() << '\n';
    } catch (...) {
        std::cout.flush();
        std::cerr << "routectl: internal error\n";
    }
    return rd::routectl::kExitBadInput;
}
