// In-process throughput of the core, and of its hot stages, over a directory of e-mails.
// Loads every file first, then times bx::explain over all of them REPS times (best and median
// pass), then each stage alone: line ends, MIME parse, DSN parse, decoders, classification,
// explanation (KB lookup) and JSON. Prints "key value" lines that tests/bench/bench.sh reads.
//
//   bx_bench DIR [REPS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <string>
#include <vector>

#include "bx/explain.hpp"
#include "classify/classifier.hpp"
#include "dsn/delivery_status.hpp"
#include "formats/format.hpp"
#include "mime/mime.hpp"
#include "stages.hpp"
#include "text/text.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Timing {
  double best = 0, median = 0;  ///< wall time
  double best_cpu = 0;          ///< process CPU time (steadier on a loaded machine)
};

/// Runs `pass` `reps` times; the best and the median pass, in seconds.
Timing time_passes(int reps, const std::function<void()>& pass) {
  std::vector<double> t, cpu;
  for (int i = 0; i < reps; ++i) {
    auto t0 = Clock::now();
    std::clock_t c0 = std::clock();
    pass();
    cpu.push_back(static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC);
    t.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
  }
  std::sort(t.begin(), t.end());
  std::sort(cpu.begin(), cpu.end());
  return {t.front(), t[t.size() / 2], std::max(cpu.front(), 1e-6)};
}

volatile std::size_t g_sink = 0;  // keeps the optimiser from dropping the work

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bx_bench DIR [REPS]\n");
    return 2;
  }
  const int reps = argc > 2 ? std::max(1, std::atoi(argv[2])) : 10;
  const std::vector<std::string> inputs = bx::bench::read_all(bx::bench::files_in(argv[1]));
  std::size_t bytes = 0;
  for (const std::string& s : inputs) bytes += s.size();
  if (inputs.empty()) {
    std::fprintf(stderr, "bx_bench: no files in %s\n", argv[1]);
    return 2;
  }
  const double n = static_cast<double>(inputs.size());
  const double mb = static_cast<double>(bytes) / (1024.0 * 1024.0);
  std::printf("files %zu\nbytes %zu\nreps %d\n", inputs.size(), bytes, reps);

  (void)bx::explain("550 5.1.1 <warm@example.com>: User unknown");  // KB load and matcher build, once
  Timing whole = time_passes(reps, [&] {
    for (const std::string& s : inputs) g_sink = g_sink + bx::explain(s).records.size();
  });
  std::printf("explain_emails_per_s %.1f\nexplain_mb_per_s %.2f\nexplain_median_emails_per_s %.1f\n", n / whole.best,
              mb / whole.best, n / whole.median);
  std::printf("explain_cpu_emails_per_s %.1f\n", n / whole.best_cpu);

  // The stages, each over every input, with the earlier stages' results prepared beforehand.
  const bx::bench::StageInputs prepared(inputs);
  const bx::Limits& limits = prepared.limits;
  const auto& normalized = prepared.normalized;
  const auto& messages = prepared.messages;
  const auto& statuses = prepared.statuses;
  const auto& candidates = prepared.candidates;
  std::vector<bx::Report> reports;
  for (const std::string& s : inputs) reports.push_back(bx::explain(s));

  struct Stage {
    const char* name;
    std::function<void()> pass;
  };
  const Stage stages[] = {
      {"normalize", [&] { for (const std::string& s : inputs) g_sink = g_sink + bx::text::Normalized(s).text().size(); }},
      {"mime_parse",
       [&] { for (const auto& nz : normalized) g_sink = g_sink + bx::mime::parse(nz.text(), limits).body_text.size(); }},
      {"dsn_parse",
       [&] { for (const auto& m : messages) g_sink = g_sink + bx::dsn::parse_delivery_status(m.delivery_status).recipients.size(); }},
      {"decoders",
       [&] {
         for (std::size_t i = 0; i < messages.size(); ++i)
           g_sink = g_sink + bx::bench::decode_first(messages[i], statuses[i], nullptr);
       }},
      {"classify",
       [&] { for (const auto& c : candidates) g_sink = g_sink + bx::classify::classify(c).reason.size(); }},
      {"find_knowledge",
       [&] {
         for (const auto& c : candidates) g_sink = g_sink + (bx::classify::find_knowledge(c).provider ? 1u : 0u);
       }},
      {"to_json", [&] { for (const auto& r : reports) g_sink = g_sink + bx::to_json(r).size(); }},
  };
  std::printf("candidates %zu\n", candidates.size());
  for (const Stage& stage : stages) {
    Timing t = time_passes(reps, stage.pass);
    std::printf("stage_%s_ms %.3f\n", stage.name, std::min(t.best, t.best_cpu) * 1000.0);
  }
  std::printf("explain_pass_ms %.3f\n", whole.best * 1000.0);
  return 0;
}
