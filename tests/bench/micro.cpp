// Catch2 micro-benchmarks of the core's hot stages (the issue's "Catch2 or Google Benchmark
// micro-benchmark"), next to bench.cpp's hand-rolled timings that bench.sh reads.
//
// Every benchmark times ONE PASS over a fixed set of e-mails loaded (and, for the later stages,
// taken through the earlier ones) once, before any timing, as bench.cpp does, so that the
// figures compare with its "stage_*_ms" lines:
//   1. text::Normalized (line ends)          5. classify::find_knowledge (the KB phrase scan),
//   2. mime::parse                              classify::classify, alone and with the scan
//   3. dsn::parse_delivery_status            6. bx::to_json of each report
//   4. the decoders (formats::registry())    7. the whole bx::explain
//   8. GramSet construction (+ may_contain of decoder markers) against text::find (memmem) of the
//      same markers, over each message's Context::marker_text() (the lower-cased body).
// Catch2's table gives the time of a pass; a table at the end divides it by the number of
// e-mails (mean and best pass, in microseconds per e-mail).
//
// The e-mails: every file of $BX_BENCH_CORPUS, by default <source>/../shared/corpus/sisimai/eml;
// without that folder, the inputs of tests/golden (a handful: a smoke run, not a measure). A
// BX_BENCH_CORPUS that holds no file is an error (exit status 2), not a fallback.
//
//   cmake --preset native-release && cmake --build --preset native-release --target bx_microbench -j 2
//   build/native-release/tests/bench/bx_microbench --benchmark-samples 50 --benchmark-warmup-time 50
//   (about 8 s on the 2-core dev machine; Catch2's defaults, 100 samples: about 12 s. Its other
//   options apply too: --benchmark-no-analysis, --benchmark-resamples N, ...)
#define CATCH_CONFIG_MAIN
#define CATCH_CONFIG_ENABLE_BENCHMARKING
#define CATCH_CONFIG_CONSOLE_WIDTH 100  // room for the benchmark names
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "bx/explain.hpp"
#include "classify/classifier.hpp"
#include "dsn/delivery_status.hpp"
#include "formats/format.hpp"
#include "mime/mime.hpp"
#include "stages.hpp"
#include "text/text.hpp"

namespace {

namespace fs = std::filesystem;

/// Decoder markers (vendor::body_has() arguments, formats/*.cpp): a few that bounces of this
/// corpus hold, most that they do not; each message is asked some thirty-five of them.
const std::string_view kMarkers[] = {
    "this is the mail system at host",
    "this is the postfix program at host",
    "this is the qmail-send program",
    "----- transcript of session follows -----",
    "message was created automatically by",
    "delivery to the following recipient",
    "technical details of ",
    "reported error:",
    "recipient address:",
    "running the courier mail server",
    "this is the dragonfly mail agent",
    "-------server message",
    "could not be delivered because of",
    "the following recipients were affected",
    "---the following addresses had delivery errors---",
    "this is a warning message only",
};
constexpr std::size_t kMarkerCount = std::size(kMarkers);

/// The sum of f(0) ... f(n - 1): one pass of a stage, whose result the benchmark returns (and
/// Catch2 keeps), so that the optimiser cannot drop the work.
template <typename F>
std::size_t sum_for(std::size_t n, F f) {
  std::size_t sum = 0;
  for (std::size_t i = 0; i < n; ++i) sum += f(i);
  return sum;
}

/// The e-mails, what each stage takes as input (StageInputs), and what the later benchmarks
/// read, made once.
struct Corpus : bx::bench::StageInputs {
  std::string source;  ///< where the e-mails come from, for the heading
  std::vector<std::string> inputs;
  std::size_t bytes = 0;
  std::vector<bx::classify::Findings> findings;  ///< find_knowledge(candidates[i])
  std::vector<bx::Report> reports;
  std::vector<std::string> marker_texts;  ///< Context::marker_text() of each message

  Corpus(std::string from, std::vector<std::string> files)
      : StageInputs(files), source(std::move(from)), inputs(std::move(files)) {
    for (const std::string& s : inputs) bytes += s.size();
    for (std::size_t i = 0; i < messages.size(); ++i)
      marker_texts.emplace_back(bx::formats::Context{messages[i], statuses[i], {}, {}}.marker_text());
    for (const auto& cand : candidates) findings.push_back(bx::classify::find_knowledge(cand));
    for (const std::string& s : inputs) reports.push_back(bx::explain(s));  // (loads the KB first)
  }
};

Corpus load() {
  std::vector<fs::path> paths;
  std::string source;
  if (const char* env = std::getenv("BX_BENCH_CORPUS"); env && *env) {
    paths = bx::bench::files_in(env);
    source = env;
    if (paths.empty()) {  // named on purpose: measuring something else would mislead
      std::fprintf(stderr, "bx_microbench: no files in BX_BENCH_CORPUS=%s\n", env);
      std::exit(2);
    }
  } else {
    const fs::path corpus = fs::path(BX_SOURCE_DIR) / ".." / "shared" / "corpus" / "sisimai" / "eml";
    paths = bx::bench::files_in(corpus);
    source = corpus.lexically_normal().string();
    if (paths.empty()) {
      const fs::path golden = fs::path(BX_SOURCE_DIR) / "tests" / "golden";
      paths = bx::bench::files_in(golden, true);
      source = golden.string() + " (no corpus at " + source + ": a smoke run, not a measure)";
    }
  }
  return Corpus(std::move(source), bx::bench::read_all(paths));
}

const Corpus& corpus() {
  static const Corpus c = load();
  return c;
}

/// "<what> (N e-mails)": the figure Catch2 shows is for a pass over all N, not for one.
std::string per_pass(const std::string& what) { return what + " (" + std::to_string(corpus().inputs.size()) + " e-mails)"; }

/// Collects each benchmark's result and, at the end, prints the time per e-mail (mean pass and
/// best pass divided by the number of e-mails), comparable with bench.sh's "us per email".
class PerEmail : public Catch::TestEventListenerBase {
 public:
  using TestEventListenerBase::TestEventListenerBase;

  void benchmarkEnded(Catch::BenchmarkStats<> const& result) override {
    double best = result.mean.point.count();
    for (const auto& d : result.samples) best = std::min(best, d.count());
    rows_.push_back({result.info.name, result.mean.point.count(), best});
  }

  void testRunEnded(Catch::TestRunStats const& totals) override {
    if (!rows_.empty()) {
      const double n = static_cast<double>(corpus().inputs.size());
      char line[160];
      stream << "\nPer e-mail (" << corpus().inputs.size() << " e-mails, " << corpus().candidates.size()
             << " candidates): a pass divided by the number of e-mails\n\n";
      std::snprintf(line, sizeof line, "%-54s %10s %10s %10s %10s\n", "benchmark", "mean ms", "best ms", "mean us/e",
                    "best us/e");
      stream << line;
      for (const Row& r : rows_) {
        std::snprintf(line, sizeof line, "%-54s %10.3f %10.3f %10.2f %10.2f\n", r.name.c_str(), r.mean_ns / 1e6,
                      r.best_ns / 1e6, r.mean_ns / 1e3 / n, r.best_ns / 1e3 / n);
        stream << line;
      }
      stream << '\n';
    }
    TestEventListenerBase::testRunEnded(totals);
  }

 private:
  struct Row {
    std::string name;
    double mean_ns, best_ns;
  };
  std::vector<Row> rows_;
};

}  // namespace

CATCH_REGISTER_LISTENER(PerEmail)

TEST_CASE("hot stages, one pass over the corpus", "[bench]") {
  const Corpus& c = corpus();
  std::printf("e-mails: %zu files, %zu bytes, %zu candidates, from %s\n", c.inputs.size(), c.bytes,
              c.candidates.size(), c.source.c_str());
  std::printf("Each figure is the time of one pass over all of them; per e-mail: the table at the end.\n"
              "8b and 8c look for the same %zu decoder markers in each message's lower-cased body.\n",
              kMarkerCount);
  std::fflush(stdout);
  REQUIRE(!c.inputs.empty());

  BENCHMARK(per_pass("1 text::Normalized")) {
    return sum_for(c.inputs.size(), [&](std::size_t i) { return bx::text::Normalized(c.inputs[i]).text().size(); });
  };
  BENCHMARK(per_pass("2 mime::parse")) {
    return sum_for(c.normalized.size(),
                   [&](std::size_t i) { return bx::mime::parse(c.normalized[i].text(), c.limits).body_text.size(); });
  };
  BENCHMARK(per_pass("3 dsn::parse_delivery_status")) {
    return sum_for(c.messages.size(), [&](std::size_t i) {
      return bx::dsn::parse_delivery_status(c.messages[i].delivery_status).recipients.size();
    });
  };
  BENCHMARK(per_pass("4 decoders (formats::registry)")) {
    return sum_for(c.messages.size(), [&](std::size_t i) { return bx::bench::decode_first(c.messages[i], c.statuses[i], nullptr); });
  };
  BENCHMARK(per_pass("5a classify::find_knowledge (KB scan)")) {
    return sum_for(c.candidates.size(),
                   [&](std::size_t i) { return bx::classify::find_knowledge(c.candidates[i]).hits.size(); });
  };
  BENCHMARK(per_pass("5b classify::classify (given the scan)")) {
    return sum_for(c.candidates.size(),
                   [&](std::size_t i) { return bx::classify::classify(c.candidates[i], c.findings[i]).reason.size(); });
  };
  BENCHMARK(per_pass("5c classify::classify (scan included)")) {
    return sum_for(c.candidates.size(),
                   [&](std::size_t i) { return bx::classify::classify(c.candidates[i]).reason.size(); });
  };
  BENCHMARK(per_pass("6 bx::to_json")) {
    return sum_for(c.reports.size(), [&](std::size_t i) { return bx::to_json(c.reports[i]).size(); });
  };
  BENCHMARK(per_pass("7 bx::explain")) {
    return sum_for(c.inputs.size(), [&](std::size_t i) { return bx::explain(c.inputs[i]).records.size(); });
  };

  // The decoders' marker test: a set of the text's 4-byte sequences, made once a message, or a
  // memmem per marker. Same texts, same markers.
  const std::string markers = " x" + std::to_string(kMarkerCount);
  BENCHMARK(per_pass("8a text::GramSet build")) {
    return sum_for(c.marker_texts.size(),
                   [&](std::size_t i) { return bx::text::GramSet(c.marker_texts[i]).may_contain("zzzz") ? 1u : 0u; });
  };
  BENCHMARK(per_pass("8b GramSet build + may_contain" + markers)) {
    return sum_for(c.marker_texts.size(), [&](std::size_t i) {
      const bx::text::GramSet grams(c.marker_texts[i]);
      return sum_for(kMarkerCount, [&](std::size_t m) { return grams.may_contain(kMarkers[m]) ? 1u : 0u; });
    });
  };
  BENCHMARK(per_pass("8c text::find (memmem)" + markers)) {
    return sum_for(c.marker_texts.size(), [&](std::size_t i) {
      return sum_for(kMarkerCount, [&](std::size_t m) {
        return bx::text::find(c.marker_texts[i], kMarkers[m]) != std::string_view::npos ? 1u : 0u;
      });
    });
  };
}
