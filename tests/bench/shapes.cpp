// Writes one of the inputs of tests/unit/hostile_shapes.hpp to stdout, for timing the CLI on it
// (tests/bench/shapes.sh): `bx_shapes NAME N`, or `bx_shapes --list`.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "../unit/hostile_shapes.hpp"

int main(int argc, char** argv) {
  if (argc == 2 && std::strcmp(argv[1], "--list") == 0) {
    for (const bx::shapes::Shape& s : bx::shapes::all()) std::printf("%s %zu\n", s.name, s.n);
    return 0;
  }
  if (argc != 3) {
    std::fprintf(stderr, "usage: bx_shapes NAME N | --list\n");
    return 2;
  }
  for (const bx::shapes::Shape& s : bx::shapes::all()) {
    if (std::strcmp(s.name, argv[1]) != 0) continue;
    const std::string text = s.make(std::strtoul(argv[2], nullptr, 10));
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
  }
  std::fprintf(stderr, "bx_shapes: no shape named %s\n", argv[1]);
  return 2;
}
