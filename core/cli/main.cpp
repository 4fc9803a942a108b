// bounce-explain: the native command line face of the core. Reads files (or stdin), prints
// one JSON object per failed recipient (jsonl), one JSON report per input (json) or a
// readable explanation (text).
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "bx/explain.hpp"
#include "bx/version.hpp"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitInputError = 1;  // a file could not be read (the others were still processed)
constexpr int kExitUsage = 2;

const char kUsage[] =
    "Usage: bounce-explain [--format jsonl|json|text] [FILE ...]\n"
    "\n"
    "Explains bounced e-mail: reads each FILE (a .eml, a DSN, an NDR or a pasted error line;\n"
    "no FILE or '-' reads standard input) and prints, per failed recipient, the reason,\n"
    "SMTP codes, hard/soft and what to do.\n"
    "\n"
    "Options:\n"
    "  --format jsonl  one JSON object per recipient, with \"file\" (default)\n"
    "  --format json   one JSON report per input, in a JSON array\n"
    "  --format text   a readable explanation\n"
    "  --help          this text\n"
    "  --version       tool, report schema and knowledge base versions\n"
    "\n"
    "Exit status: 0 all inputs read (bounces or not), 1 an input could not be read,\n"
    "2 wrong usage. Inputs that are not bounces print no jsonl record.\n";

enum class Format { JsonLines, Json, Text };

bool read_input(const std::string& path, std::string& out) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    out = ss.str();
    return !std::cin.bad();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return !in.bad();
}

void print_text(const std::string& file, const bx::Report& report) {
  std::printf("== %s: %s\n", file.c_str(), report.message.c_str());
  for (const bx::Record& r : report.records) {
    const bx::Explanation& e = r.explanation;
    std::printf("\n%s — %s (%s bounce)\n", r.recipient.empty() ? "(recipient unknown)" : r.recipient.c_str(),
                r.reason.c_str(), r.hard_bounce ? "hard" : "soft");
    std::printf("  %s\n", e.headline.c_str());
    if (!r.status.empty() || !r.reply_code.empty())
      std::printf("  Codes: %s %s%s%s\n", r.reply_code.c_str(), r.status.c_str(), e.status_title.empty() ? "" : " — ",
                  e.status_title.c_str());
    if (!r.diagnostic_code.empty()) std::printf("  Server said: %s\n", r.diagnostic_code.c_str());
    if (!e.summary.empty()) std::printf("  What happened: %s\n", e.summary.c_str());
    if (!e.who_acts.empty()) {
      std::string who;
      for (const std::string& w : e.who_acts) who += (who.empty() ? "" : ", ") + w;
      std::printf("  Who must act: %s\n", who.c_str());
    }
    for (std::size_t i = 0; i < e.fix_steps.size(); ++i) std::printf("  %zu. %s\n", i + 1, e.fix_steps[i].c_str());
    if (!e.retry.empty()) std::printf("  Retry: %s\n", e.retry.c_str());
    if (!e.typo_suggestion.empty()) std::printf("  Did you mean @%s?\n", e.typo_suggestion.c_str());
    if (!e.provider_name.empty()) std::printf("  Provider: %s (%s)\n", e.provider_name.c_str(), e.provider_url.c_str());
    if (!e.blocklist_name.empty())
      std::printf("  Blocklist: %s — delist: %s\n", e.blocklist_name.c_str(), e.blocklist_delist_url.c_str());
    for (const bx::Evidence& ev : r.evidence)
      if (ev.line) std::printf("  Evidence (line %zu): %s\n", ev.line, ev.text.c_str());
  }
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  Format format = Format::JsonLines;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return kExitOk;
    }
    if (arg == "--version") {
      std::printf("bounce-explain %s (report schema %s, knowledge base %s)\n", bx::kToolVersion, bx::kReportSchema,
                  bx::kb_version());
      return kExitOk;
    }
    if (arg == "--format" || arg.rfind("--format=", 0) == 0) {
      std::string value = arg == "--format" ? (i + 1 < argc ? argv[++i] : "") : arg.substr(9);
      if (value == "jsonl") format = Format::JsonLines;
      else if (value == "json") format = Format::Json;
      else if (value == "text") format = Format::Text;
      else {
        std::fprintf(stderr, "bounce-explain: unknown format '%s' (jsonl, json or text)\n%s", value.c_str(), kUsage);
        return kExitUsage;
      }
      continue;
    }
    if (arg.size() > 1 && arg[0] == '-' && arg != "-") {
      std::fprintf(stderr, "bounce-explain: unknown option '%s'\n%s", arg.c_str(), kUsage);
      return kExitUsage;
    }
    files.push_back(arg);
  }
  if (files.empty()) files.push_back("-");

  int status = kExitOk;
  bool first_json = true;
  if (format == Format::Json) std::fputs("[", stdout);
  for (const std::string& file : files) {
    std::string input;
    if (!read_input(file, input)) {
      std::fprintf(stderr, "bounce-explain: %s: cannot read: %s\n", file.c_str(), std::strerror(errno));
      status = kExitInputError;
      continue;
    }
    bx::Report report = bx::explain(input);
    switch (format) {
      case Format::JsonLines:
        for (const bx::Record& r : report.records) std::printf("%s\n", bx::record_to_json_line(r, file).c_str());
        break;
      case Format::Json:
        std::printf("%s%s", first_json ? "\n" : ",\n", bx::to_json(report, -1, file).c_str());
        first_json = false;
        break;
      case Format::Text:
        print_text(file, report);
        break;
    }
  }
  if (format == Format::Json) std::fputs("\n]\n", stdout);
  return status;
}
