// Build-time check of the knowledge base compiled into bx::core: the schema (types, required
// and unknown fields, https links, lower-case phrases), cross references (categories, reasons,
// status codes), that the compiled-in copy equals kb/, and that every example classifies to its
// own entry. Exit 1 on any problem.
#include <cstdio>
#include <string>
#include <vector>

#include "bx/explain.hpp"
#include "dsn/codes.hpp"
#include "kb/load.hpp"
#include "kb/serialize.hpp"

namespace {

void check_examples(const bx::kb::Knowledge& kb, std::vector<std::string>& errors) {
  for (const bx::kb::Reason& reason : kb.reasons) {
    for (std::size_t i = 0; i < reason.examples.size(); ++i) {
      bx::Report report = bx::explain(reason.examples[i]);
      std::string got = report.records.empty() ? "no record" : report.records.front().reason;
      if (got != reason.id)
        errors.push_back("kb/reasons/" + std::string(reason.id) + ".json: examples[" + std::to_string(i) +
                         "]: classifies as " + got);
    }
  }
}

void check_status_codes(const bx::kb::Knowledge& kb, std::vector<std::string>& errors) {
  for (const auto& provider : kb.providers)
    for (const auto& code : provider.codes)
      if (!code.status.empty() && !bx::dsn::is_status_code(code.status))
        errors.push_back("kb/providers/" + std::string(provider.id) + ".json: " + std::string(code.id) + ": status '" +
                         std::string(code.status) + "' is not an enhanced status code (class.subject.detail)");
}

/// What the product unpacks must be what the JSON says (a stale or mis-packed blob fails here).
void check_compiled_in(const bx::kb::Knowledge& from_json, std::vector<std::string>& errors) {
  if (bx::kb::serialize(bx::kb::knowledge()) != bx::kb::serialize(from_json))
    errors.push_back("the knowledge base compiled in differs from kb/ (rebuild kb_blob.cpp)");
}

}  // namespace

int main() {
  std::vector<std::string> errors;
  bx::kb::Knowledge kb = bx::kb::load(errors);
  check_status_codes(kb, errors);
  check_compiled_in(kb, errors);
  if (errors.empty()) check_examples(kb, errors);
  for (const std::string& e : errors) std::fprintf(stderr, "%s\n", e.c_str());
  if (!errors.empty()) {
    std::fprintf(stderr, "knowledge base: %zu problem(s)\n", errors.size());
    return 1;
  }
  std::printf("knowledge base: %zu reasons, %zu reply codes, %zu status codes, %zu providers, %zu blocklists: OK\n",
              kb.reasons.size(), kb.reply_codes.size(), kb.status_codes.size(), kb.providers.size(),
              kb.blocklists.size());
  return 0;
}
