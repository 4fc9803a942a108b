// The knowledge base as the product uses it. The kb/ JSON files are read and checked at build
// time (kb/load.hpp, by bx_kb_compile and bx_kb_check) and compiled in as compact bytes
// (kb/serialize.hpp), so a process starts by copying strings, not by parsing JSON.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "bx/report.hpp"

namespace bx::kb {

struct Category {
  std::string id, title, description;
};

struct Reason {
  std::string id, category, title, summary, retry;
  bool hard_bounce = false;
  std::vector<std::string> who_acts, fix_steps, phrases, examples;
  std::vector<Link> references;
};

/// A basic reply code ("550") or an enhanced status code pattern ("X.1.1").
struct Code {
  std::string code, title, meaning, in_practice, code_class, reason;
  std::vector<Link> references;
};

struct ProviderCode {
  std::string id, status, reason, title, explanation;
  std::vector<std::string> phrases, who_acts, fix_steps;
  std::vector<Link> references;
};

struct Provider {
  std::string id, name, url;
  std::vector<std::string> domains, hosts, phrases;
  std::vector<ProviderCode> codes;
};

struct Blocklist {
  std::string id, name, lookup_url, delist_url, explanation;
  std::vector<std::string> phrases, fix_steps;
  std::vector<Link> references;
};

/// How the classifier weighs codes against words (kb/classification.json).
struct Classification {
  std::vector<std::string> reason_order;   ///< phrase conflicts: earlier wins
  std::vector<std::string> weak_statuses;  ///< codes whose default reason yields to phrases
  /// Reasons decided, in this order, by their status code or by their phrases (Sisimai's
  /// first pass); the others only by phrases when the status code decides nothing.
  std::vector<std::string> first_pass;
  /// First-pass reasons whose words alone (without a fitting code or command) decide nothing.
  std::vector<std::string> first_pass_only;
  /// Reasons read from a status code that still give way to a phrase of another reason.
  std::vector<std::string> retry_reasons;
  /// Status pattern ("X.4.7") → reason, for codes whose kb/status-codes entry names none.
  std::map<std::string, std::string> status_fallback;
  /// Preamble wording that contains reason-like words but decides nothing ("it was rejected by
  /// the recipient domain" before the real error): phrases inside it are ignored.
  std::vector<std::string> boilerplate;
  /// Reason → the reason reported instead (Sisimai's newer names → the corpus vocabulary).
  std::map<std::string, std::string> reason_aliases;
};

struct Knowledge {
  std::vector<Category> categories;
  std::vector<Reason> reasons;
  std::map<std::string, Code> reply_codes;   ///< by "550"
  std::map<std::string, Code> status_codes;  ///< by "X.1.1"
  std::vector<Provider> providers;
  std::vector<Blocklist> blocklists;
  std::vector<std::string> domains;
  Classification classification;

  const Reason* reason(std::string_view id) const;
  const Category* category(std::string_view id) const;
  /// "5.1.1" → the entry for "X.1.1".
  const Code* status_code(std::string_view status) const;
};

/// The knowledge base of this binary, unpacked on first use.
const Knowledge& knowledge();

}  // namespace bx::kb
