#include "kb/kb.hpp"

namespace bx::kb {

const Reason* Knowledge::reason(std::string_view id) const {
  for (const Reason& r : reasons)
    if (r.id == id) return &r;
  return nullptr;
}

const Category* Knowledge::category(std::string_view id) const {
  for (const Category& c : categories)
    if (c.id == id) return &c;
  return nullptr;
}

const Code* Knowledge::status_code(std::string_view status) const {
  if (status.size() < 5) return nullptr;
  auto it = status_codes.find("X" + std::string(status.substr(1)));
  return it == status_codes.end() ? nullptr : &it->second;
}

Text Knowledge::sentence(std::string_view id) const {
  auto it = words.sentences.find(id);
  return it == words.sentences.end() ? Text() : it->second;
}

Text Knowledge::actor_label(std::string_view id) const {
  auto it = words.actors.find(id);
  return it == words.actors.end() ? id : it->second;
}

}  // namespace bx::kb
