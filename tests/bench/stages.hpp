// What both benchmark programs (bench.cpp's timings, micro.cpp's Catch2 benchmarks) share: the
// e-mails of a folder read into memory, and each stage's input made by the stages before it, the
// way bx::explain makes it, so that their figures measure the same work.
#pragma once

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "bx/explain.hpp"
#include "dsn/delivery_status.hpp"
#include "formats/format.hpp"
#include "mime/mime.hpp"
#include "text/text.hpp"

namespace bx::bench {

/// The regular files of `dir` (not its sub-folders), sorted; with `inputs_only`, only the
/// .eml / .txt ones (tests/golden also holds expected reports and a README). Empty when the
/// folder cannot be read.
inline std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir, bool inputs_only = false) {
  std::vector<std::filesystem::path> paths;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (!e.is_regular_file()) continue;
    const std::filesystem::path ext = e.path().extension();
    if (!inputs_only || ext == ".eml" || ext == ".txt") paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

/// Each file's bytes, in order.
inline std::vector<std::string> read_all(const std::vector<std::filesystem::path>& paths) {
  std::vector<std::string> inputs;
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    inputs.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return inputs;
}

/// The first decoder of the registry that recognises the message, tried as bx::explain tries
/// them; its candidates are appended to `out` (when not null). The number it found.
inline std::size_t decode_first(const mime::Message& message, const dsn::DeliveryStatus& status,
                                std::vector<formats::Candidate>* out) {
  formats::Context context{message, status, message.headers.get_decoded("subject"),
                           message.headers.get_decoded("from")};
  for (const formats::Format& format : formats::registry()) {
    std::vector<formats::Candidate> found;
    if (!format.extract(context, found) || found.empty()) continue;
    if (out) out->insert(out->end(), found.begin(), found.end());
    return found.size();
  }
  return 0;
}

/// Every stage's input for a set of e-mails: line ends normalised, MIME parsed, the RFC 3464
/// part read, and the decoders' candidates.
struct StageInputs {
  Limits limits;
  std::vector<text::Normalized> normalized;
  std::vector<mime::Message> messages;
  std::vector<dsn::DeliveryStatus> statuses;
  std::vector<formats::Candidate> candidates;

  explicit StageInputs(const std::vector<std::string>& inputs) {
    for (const std::string& s : inputs) normalized.emplace_back(s);
    for (const auto& nz : normalized) messages.push_back(mime::parse(nz.text(), limits));
    for (const auto& m : messages) statuses.push_back(dsn::parse_delivery_status(m.delivery_status));
    for (std::size_t i = 0; i < messages.size(); ++i) decode_first(messages[i], statuses[i], &candidates);
  }
};

}  // namespace bx::bench
