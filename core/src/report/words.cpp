#include "report/words.hpp"

#include "kb/kb.hpp"

namespace bx::report {

std::string fill_template(std::string_view text, const std::string_view* names, const std::string_view* values,
                          std::size_t count) {
  std::string out;
  out.reserve(text.size() + 32);
  std::size_t done = 0;
  for (std::size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
    std::size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    std::string_view name = text.substr(open + 1, close - open - 1);
    for (std::size_t i = 0; i < count; ++i) {
      if (names[i] != name) continue;
      out.append(text.substr(done, open - done)).append(values[i]);
      done = close + 1;
      open = close;
      break;
    }
  }
  return out.append(text.substr(done));
}

std::string_view sentence_text(std::string_view id) { return kb::knowledge().sentence(id); }

std::string actor_label(std::string_view id) { return std::string(kb::knowledge().actor_label(id)); }

}  // namespace bx::report
