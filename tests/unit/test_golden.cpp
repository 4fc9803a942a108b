// Golden cases (tests/golden/): each input's report must hold the fields its .expected.json
// lists. Also: the same input with CRLF or CR line ends gives the same records.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "bx/explain.hpp"

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<fs::path> golden_inputs() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(fs::path(BX_SOURCE_DIR) / "tests" / "golden")) {
    const fs::path& p = entry.path();
    if (p.extension() == ".eml" || p.extension() == ".txt") out.push_back(p);
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// Every key of `want` must have the same value in `got` (objects compared recursively).
void check_subset(const json& want, const json& got, const std::string& where) {
  if (want.is_object()) {
    for (auto it = want.begin(); it != want.end(); ++it) {
      INFO(where << "." << it.key());
      REQUIRE(got.contains(it.key()));
      check_subset(it.value(), got[it.key()], where + "." + it.key());
    }
  } else if (want.is_array()) {
    INFO(where);
    REQUIRE(got.is_array());
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) check_subset(want[i], got[i], where + "[" + std::to_string(i) + "]");
  } else {
    INFO(where);
    CHECK(got == want);
  }
}

std::string with_line_ends(const std::string& lf, const std::string& eol) {
  std::string out;
  for (char c : lf) {
    if (c == '\n') out += eol;
    else out += c;
  }
  return out;
}

json records_without_offsets(const bx::Report& report) {
  json j = json::parse(bx::to_json(report));
  for (auto& r : j["records"]) r.erase("evidence");
  return j["records"];
}

}  // namespace

TEST_CASE("golden cases give the expected report", "[golden]") {
  auto inputs = golden_inputs();
  REQUIRE(inputs.size() >= 3);
  for (const fs::path& input : inputs) {
    fs::path expected_path = input;
    expected_path.replace_extension(".expected.json");
    INFO("case " << input.filename().string());
    REQUIRE(fs::exists(expected_path));
    json want = json::parse(read_file(expected_path));
    json got = json::parse(bx::to_json(bx::explain(read_file(input))));
    check_subset(want, got, input.filename().string());
  }
}

TEST_CASE("LF, CRLF and CR line ends give identical records", "[golden]") {
  for (const fs::path& input : golden_inputs()) {
    INFO("case " << input.filename().string());
    std::string lf = read_file(input);
    json base = records_without_offsets(bx::explain(lf));
    CHECK(records_without_offsets(bx::explain(with_line_ends(lf, "\r\n"))) == base);
    CHECK(records_without_offsets(bx::explain(with_line_ends(lf, "\r"))) == base);
  }
}

TEST_CASE("evidence points at the line in the user's own text, whatever the line ends", "[golden]") {
  std::string lf = read_file(fs::path(BX_SOURCE_DIR) / "tests/golden/postfix-user-unknown.eml");
  for (const char* eol : {"\n", "\r\n"}) {
    std::string input = with_line_ends(lf, eol);
    bx::Report report = bx::explain(input);
    REQUIRE(report.records.size() == 1);
    REQUIRE_FALSE(report.records[0].evidence.empty());
    const bx::Evidence& ev = report.records[0].evidence[0];
    REQUIRE(ev.begin.has_value());
    std::string shown = input.substr(*ev.begin, *ev.end - *ev.begin);
    CHECK(shown.find("550 5.1.1 <bob@example.com>") != std::string::npos);
    CHECK(ev.line > 40);
  }
}
