// bounce-explain: the native command line face of the core. Reads files, directories, Maildir
// folders and mbox files (or stdin), one message at a time, and prints one JSON object per
// failed recipient (jsonl), one JSON report per message (json), a readable explanation (text),
// CSV rows, or counts (--summary). The core does no I/O: everything read happens here.
#include <fcntl.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "bx/explain.hpp"
#include "bx/outlook_msg.hpp"
#include "bx/version.hpp"
#include "pipeline.hpp"
#include "reader.hpp"
#include "render.hpp"
#include "walk.hpp"

namespace {

using bx::cli::Format;

constexpr int kExitOk = 0;
constexpr int kExitInputError = 1;  // an input could not be read (the others were still processed)
constexpr int kExitUsage = 2;

const char kUsage[] =
    "Usage: bounce-explain [--format jsonl|json|text|csv] [--summary] [--jobs N] [--msg-text] [FILE|DIR ...]\n"
    "\n"
    "Explains bounced e-mail: reads each FILE (a .eml, an Outlook .msg, a DSN, an NDR, a pasted\n"
    "error line, or an mbox) and each DIR (recursively, in sorted order; a Maildir gives the messages of its cur/\n"
    "and new/ folders); no FILE or '-' reads standard input. Prints, per failed recipient, the\n"
    "reason, SMTP codes, hard/soft and what to do.\n"
    "\n"
    "Options:\n"
    "  --format jsonl  one JSON object per recipient, with \"file\" (default)\n"
    "  --format json   one JSON report per message, in a JSON array\n"
    "  --format text   a readable explanation\n"
    "  --format csv    one row per recipient (RFC 4180, with a header row): file, mbox_message,\n"
    "                  recipient, reason, status, reply_code, hard_bounce, destination,\n"
    "                  decoded_by, category, headline, provider, diagnostic_code; a cell\n"
    "                  starting with = + - @ tab or CR gets a leading ' (no spreadsheet formula)\n"
    "  --summary       counts by reason, category, provider, recipient domain and hard/soft,\n"
    "                  instead of the records (with --format too: the records on stdout and\n"
    "                  the counts on stderr)\n"
    "  --jobs N        explain on N threads (default 0: one per core; 1: a single thread);\n"
    "                  the output order is the input order all the same\n"
    "  --msg-text      print the text each Outlook .msg file is read as (its headers, body,\n"
    "                  recipient table and attached message: the text evidence line numbers\n"
    "                  count in) instead of explaining it; other inputs print nothing\n"
    "  --help          this text\n"
    "  --version       tool, report schema and knowledge base versions\n"
    "\n"
    "\"file\" is the path as given (or found under a DIR). A file whose first line starts with\n"
    "\"From \" is an mbox: it is split on \"From \" lines (at the start, after a blank line,\n"
    "or anywhere when the line is a whole postmark: \"From sender Thu Jul  2 12:05:05 2020\"),\n"
    "\">From \" is unescaped and Content-Length is honoured; when it holds more than one\n"
    "message, each record also has \"mbox_message\": N, the message's 1-based position.\n"
    "Messages are read one at a time; one larger than 32 MB is skipped with an error.\n"
    "A progress line is shown on stderr when it is a terminal (and the records do not go there).\n"
    "\n"
    "A name that is not valid UTF-8 also gets \"file_bytes\": its bytes, the invalid ones as \\xNN.\n"
    "In text and on stderr, control characters in names and texts are shown escaped (\\n, \\x1b).\n"
    "A FIFO or a device named as an input is refused (give a stream on standard input).\n"
    "\n"
    "An Outlook .msg file that is encrypted or damaged is an input that cannot be read.\n"
    "An input that cannot be read gives {\"file\":...,\"error\":...} in jsonl and json, an\n"
    "\"error:\" entry in text, and a message on stderr; the run goes on.\n"
    "Exit status: 0 every input read (bounces or not), 1 an input could not be read,\n"
    "2 wrong usage. Inputs that are not bounces print no jsonl or csv record.\n";

int usage_error(const std::string& what) {
  std::fprintf(stderr, "bounce-explain: %s\n%s", bx::cli::for_terminal(what).c_str(), kUsage);
  return kExitUsage;
}

/// The progress line on stderr, only when stderr is a terminal (and stdout is not that terminal
/// too, unless nothing is printed there before the end: records would be mixed with it).
class Progress {
 public:
  explicit Progress(bool records_on_stdout)
      : enabled_(::isatty(STDERR_FILENO) == 1 && (!records_on_stdout || ::isatty(STDOUT_FILENO) != 1)),
        start_(Clock::now()),
        last_(start_) {}

  void update(std::size_t messages, std::size_t bytes, const bx::cli::Outcome& last) {
    if (!enabled_) return;
    auto now = Clock::now();
    if (now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    double seconds = std::chrono::duration<double>(now - start_).count();
    const std::string label = bx::cli::terminal_name(last);  // only when a line is drawn
    std::string name = label.size() > 50 ? "..." + label.substr(label.size() - 47) : label;
    std::fprintf(stderr, "\r\033[K%zu messages, %.1f MB, %.0f/s: %s", messages,
                 static_cast<double>(bytes) / (1024.0 * 1024.0), seconds > 0 ? static_cast<double>(messages) / seconds : 0.0,
                 name.c_str());
    shown_ = true;
  }
  void clear() {
    if (shown_) std::fputs("\r\033[K", stderr);
    shown_ = false;
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  bool shown_ = false;
  Clock::time_point start_, last_;
};

/// Batch work is what the CLI is for: by default it uses the machine (the output does not
/// depend on the number of threads; tests compare them byte for byte).
unsigned one_per_core() { return std::max(1u, std::thread::hardware_concurrency()); }

/// glibc's malloc grows a thread's heap a few pages at a time (one mprotect() each) and gives
/// memory back as soon as a little is free at its top, so a run that explains thousands of
/// messages kept growing and shrinking its heaps: 263 mprotect() and 13 munmap() calls over the
/// corpus with two threads, about a tenth of the run's time. Growing by 4 MB and keeping up to
/// 64 MB of free memory stops that; the memory in use (peak RSS) does not change.
void tune_malloc() {
#if defined(__GLIBC__)
  mallopt(M_TOP_PAD, 4 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
}

}  // namespace

int main(int argc, char** argv) {
  tune_malloc();
  Format format = Format::JsonLines;
  bool format_given = false;
  bool summary = false;
  bool msg_text = false;
  unsigned jobs = one_per_core();
  std::vector<std::string> files;
  bool options_done = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (options_done || arg == "-" || arg.empty() || arg[0] != '-') {
      files.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
    } else if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return kExitOk;
    } else if (arg == "--version") {
      std::printf("bounce-explain %s (report schema %s, knowledge base %s)\n", bx::kToolVersion, bx::kReportSchema,
                  bx::kb_version());
      return kExitOk;
    } else if (arg == "--format" || arg.rfind("--format=", 0) == 0) {
      std::string value = arg == "--format" ? (i + 1 < argc ? argv[++i] : "") : arg.substr(9);
      if (value == "jsonl") format = Format::JsonLines;
      else if (value == "json") format = Format::Json;
      else if (value == "text") format = Format::Text;
      else if (value == "csv") format = Format::Csv;
      else return usage_error("unknown format '" + value + "' (jsonl, json, text or csv)");
      format_given = true;
    } else if (arg == "--summary") {
      summary = true;
    } else if (arg == "--msg-text") {
      msg_text = true;
    } else if (arg == "--jobs" || arg == "-j" || arg.rfind("--jobs=", 0) == 0) {
      std::string value = arg.rfind("--jobs=", 0) == 0 ? arg.substr(7) : (i + 1 < argc ? argv[++i] : "");
      char* end = nullptr;
      unsigned long n = std::strtoul(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0' || n > 256) return usage_error("--jobs wants a number from 0 to 256");
      jobs = n == 0 ? one_per_core() : static_cast<unsigned>(n);
    } else {
      return usage_error("unknown option '" + arg + "'");
    }
  }
  if (files.empty()) files.push_back("-");
  if (msg_text && (summary || format_given)) return usage_error("--msg-text prints text: no --format or --summary with it");
  if (summary && !format_given) format = Format::None;
  if (msg_text) format = Format::None;
  std::FILE* summary_out = format_given ? stderr : stdout;

  if (::isatty(STDOUT_FILENO) != 1) {
    static char out_buffer[1 << 16];
    std::setvbuf(stdout, out_buffer, _IOFBF, sizeof out_buffer);
  }

  bx::Limits limits;
  // Only the json and text formats show the route of the original message: the others (and
  // --summary alone) do not pay for reading it.
  if (format != Format::Json && format != Format::Text) limits.max_route_hops = 0;
  Progress progress(format != Format::None);
  bx::cli::Summary counts;
  std::size_t messages = 0, bytes = 0;
  bool failed = false;
  bool first_json = true;
  if (format == Format::Json) std::fputs("[", stdout);
  if (format == Format::Csv) std::fputs(bx::csv_header().c_str(), stdout);

  auto work = [&](bx::cli::Message& m) {
    bx::cli::Outcome o;
    o.label = m.label;
    o.mbox_message = m.mbox_message;
    o.size = m.size;
    if (!m.error.empty()) {
      o.error = m.error;
      bx::cli::render_error(format, o);
      return o;
    }
    const bool outlook_msg = bx::is_compound_file(m.bytes);
    if (msg_text) {
      if (!outlook_msg) return o;
      bx::OutlookMessage read = bx::read_outlook_msg(m.bytes, limits);
      if (read.ok) o.out = std::move(read.text);
      else o.error = read.error;
      return o;
    }
    bx::Report report = bx::explain(m.bytes, limits);
    m.bytes = std::string();
    // A .msg file that cannot be read (encrypted, damaged) is an input error, with its reason.
    if (outlook_msg && report.status == bx::ReportStatus::Unusable) {
      o.error = report.message;
      bx::cli::render_error(format, o);
      return o;
    }
    bx::cli::render_report(report, format, summary, o);
    return o;
  };
  auto emit = [&](bx::cli::Outcome& o) {
    if (!o.error.empty()) {
      if (o.out.empty()) bx::cli::render_error(format, o);  // an exception in the worker
      progress.clear();
      std::fprintf(stderr, "bounce-explain: %s: %s\n", bx::cli::terminal_name(o).c_str(),
                   bx::cli::for_terminal(o.error).c_str());
      failed = true;
    }
    if (format == Format::Json && !o.out.empty()) {
      std::fputs(first_json ? "\n" : ",\n", stdout);
      first_json = false;
    }
    std::fwrite(o.out.data(), 1, o.out.size(), stdout);
    if (summary) counts.add(o);
    ++messages;
    bytes += o.size;
    progress.update(messages, bytes, o);
  };

  {
    bx::cli::Pipeline pipeline(jobs, work, emit);
    bx::cli::InputWalker walker(std::move(files));
    bx::cli::Input input;
    while (walker.next(input)) {
      bx::cli::Message m;
      m.label = input.path;
      if (!input.error.empty()) {
        m.error = input.error;
        pipeline.submit(std::move(m));
        continue;
      }
      // O_NONBLOCK: should a FIFO take the place of a file after the walker looked at it, open()
      // must not wait for a writer (reads of regular files ignore the flag).
      int fd = input.path == "-" ? STDIN_FILENO : ::open(input.path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
      if (fd < 0) {
        m.error = std::string("cannot read: ") + std::strerror(errno);
        pipeline.submit(std::move(m));
        continue;
      }
      bx::cli::FileKind kind{input.regular, input.size};
      struct stat st {};
      if (fd == STDIN_FILENO && ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode))  // "< file.eml"
        kind = {true, static_cast<std::size_t>(st.st_size)};
      bx::cli::MessageStream stream(fd, input.path, limits.max_input_bytes, kind);
      while (stream.next(m)) pipeline.submit(std::move(m));
      if (fd != STDIN_FILENO) ::close(fd);
    }
    pipeline.finish();
  }

  if (format == Format::Json) std::fputs("\n]\n", stdout);
  progress.clear();
  if (summary) {
    std::fflush(stdout);
    std::fputs(counts.text().c_str(), summary_out);
  }
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    std::fprintf(stderr, "bounce-explain: cannot write the output: %s\n", std::strerror(errno));
    return kExitInputError;
  }
  return failed ? kExitInputError : kExitOk;
}
