#include "formats/format.hpp"

namespace bx::formats {

#define BX_FORMAT(id, name) bool extract_##id(const Context& context, std::vector<Candidate>& out);
#include "formats/formats.def"
#undef BX_FORMAT

const std::vector<Format>& registry() {
  static const std::vector<Format> formats = {
#define BX_FORMAT(id, name) {#id, name, &extract_##id},
#include "formats/formats.def"
#undef BX_FORMAT
  };
  return formats;
}

}  // namespace bx::formats
