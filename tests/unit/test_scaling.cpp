// Linear by construction (issue 13): for every hostile shape of tests/unit/hostile_shapes.hpp, the
// run at 4x the size costs at most 4.5x the run at 1x, in counts that do not depend on the
// machine or its load: records, output bytes, bytes allocated, allocations, peak live bytes, and
// (natively) bytes scanned by memchr/memmem, the searches under std::string_view::find and
// text::find. Never wall time. The mbox shape goes through the CLI's reader (core/cli/reader.cpp).
// Outlook .msg files are measured in the .msg reader (bx::read_outlook_msg) alone.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#include "bx/explain.hpp"
#include "bx/outlook_msg.hpp"
#include "hostile_shapes.hpp"
#include "msg_builder.hpp"
#include "reader.hpp"

// ---- counting allocator and searches (this executable only) -----------------------------------

#if defined(__SANITIZE_ADDRESS__)
#define BX_COUNTING 0  // the sanitizer's own allocator and interceptors stay in charge
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BX_COUNTING 0
#endif
#endif
#ifndef BX_COUNTING
#define BX_COUNTING 1
#endif

namespace {

struct Counts {
  std::size_t allocated = 0;    ///< bytes asked of operator new
  std::size_t allocations = 0;  ///< calls of operator new
  std::size_t live = 0;         ///< bytes allocated and not yet freed
  std::size_t peak = 0;         ///< the most `live` reached
  std::size_t scanned = 0;      ///< bytes looked at by memchr / memmem
};
Counts g_counts;  // (the tests run on one thread)

}  // namespace

#if BX_COUNTING
namespace {
// Each block carries its size in front, so that delete knows how much stops being live.
constexpr std::size_t kHeader = alignof(std::max_align_t);

void* counted_alloc(std::size_t n) {
  void* raw = std::malloc(n + kHeader);
  if (!raw) return nullptr;
  *static_cast<std::size_t*>(raw) = n;
  g_counts.allocated += n;
  ++g_counts.allocations;
  g_counts.live += n;
  if (g_counts.live > g_counts.peak) g_counts.peak = g_counts.live;
  return static_cast<char*>(raw) + kHeader;
}

void counted_free(void* p) {
  if (!p) return;
  void* raw = static_cast<char*>(p) - kHeader;
  g_counts.live -= *static_cast<std::size_t*>(raw);
  std::free(raw);
}
}  // namespace

void* operator new(std::size_t n) {
  if (void* p = counted_alloc(n)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return counted_alloc(n); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return counted_alloc(n); }
void operator delete(void* p) noexcept { counted_free(p); }
void operator delete[](void* p) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::size_t) noexcept { counted_free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { counted_free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { counted_free(p); }

#if !defined(__EMSCRIPTEN__)  // (the wasm build brings its own, wasm/byte_search.cpp)
// The byte searches of the core and of std::string_view::find, counted: a plain loop each. (Named
// by their symbol: <cstring> declares C++ overloads of these names.)
extern "C" void* counting_memchr(const void* s, int c, std::size_t n) __asm__("memchr");
extern "C" void* counting_memmem(const void* hay, std::size_t n, const void* needle, std::size_t m) __asm__("memmem");
extern "C" void* counting_memchr(const void* s, int c, std::size_t n) {
  const auto* p = static_cast<const unsigned char*>(s);
  for (std::size_t i = 0; i < n; ++i) {
    if (p[i] == static_cast<unsigned char>(c)) {
      g_counts.scanned += i + 1;
      return const_cast<unsigned char*>(p + i);
    }
  }
  g_counts.scanned += n;
  return nullptr;
}

extern "C" void* counting_memmem(const void* hay, std::size_t n, const void* needle, std::size_t m) {
  const auto* h = static_cast<const unsigned char*>(hay);
  const auto* k = static_cast<const unsigned char*>(needle);
  if (m == 0) return const_cast<unsigned char*>(h);
  for (std::size_t i = 0; i + m <= n; ++i) {
    if (h[i] == k[0] && std::memcmp(h + i, k, m) == 0) {
      g_counts.scanned += i + m;
      return const_cast<unsigned char*>(h + i);
    }
  }
  g_counts.scanned += n;
  return nullptr;
}
#endif
#endif  // BX_COUNTING

namespace {

/// What one run cost.
struct Cost {
  std::size_t records = 0, output = 0, allocated = 0, allocations = 0, peak = 0, scanned = 0;
};

/// Runs `work` (which returns its records and output bytes) and counts what it cost.
template <typename Work>
Cost measure(Work work) {
  const Counts before = g_counts;
  g_counts.peak = g_counts.live;
  Cost cost;
  work(cost);
  cost.allocated = g_counts.allocated - before.allocated;
  cost.allocations = g_counts.allocations - before.allocations;
  cost.peak = g_counts.peak - before.live;
  cost.scanned = g_counts.scanned - before.scanned;
  g_counts.peak = std::max(before.peak, g_counts.peak);
  return cost;
}

/// The core on one input, its report rendered as the CLI's JSON lines would be.
Cost explain_cost(const std::string& input) {
  return measure([&](Cost& cost) {
    bx::Report report = bx::explain(input);
    cost.records = report.records.size();
    cost.output = bx::to_json(report).size();
    for (const bx::Record& r : report.records) cost.output += bx::record_to_json_line(r, "f").size();
  });
}

/// The .msg reader alone (bx::read_outlook_msg): the text it writes is its output. What the
/// pipeline then does with that text is the other shapes' business.
Cost msg_read_cost(const std::string& input) {
  return measure([&](Cost& cost) {
    bx::OutlookMessage read = bx::read_outlook_msg(input);
    REQUIRE(read.ok);
    cost.output = read.text.size();
  });
}

/// The CLI's reader splitting a file into messages, and the core on each.
Cost mbox_cost(const std::string& input) {
  char path[] = "/tmp/bx_scaling_XXXXXX";
  const int fd = ::mkstemp(path);
  REQUIRE(fd >= 0);
  REQUIRE(::write(fd, input.data(), input.size()) == static_cast<ssize_t>(input.size()));
  ::lseek(fd, 0, SEEK_SET);
  Cost cost = measure([&](Cost& c) {
    bx::cli::MessageStream stream(fd, "box.mbox", bx::Limits{}.max_input_bytes, {true, input.size()});
    bx::cli::Message message;
    while (stream.next(message)) {
      bx::Report report = bx::explain(message.bytes);
      c.records += report.records.size();
      for (const bx::Record& r : report.records) c.output += bx::record_to_json_line(r, message.label, message.mbox_message).size();
    }
  });
  ::close(fd);
  ::unlink(path);
  return cost;
}

void check_scaling(const bx::shapes::Shape& shape, Cost (*run)(const std::string&)) {
  const std::string small = shape.make(shape.n), large = shape.make(4 * shape.n);
  run(small);  // once first: what is made on first use (the knowledge base, the automaton) is not the input's cost
  const Cost one = run(small), four = run(large);
  INFO("shape " << shape.name << ": " << small.size() << " → " << large.size() << " bytes");
  INFO("records " << one.records << " → " << four.records << ", output " << one.output << " → " << four.output
                  << ", allocated " << one.allocated << " → " << four.allocated << " in " << one.allocations << " → "
                  << four.allocations << ", peak " << one.peak << " → " << four.peak << ", scanned " << one.scanned
                  << " → " << four.scanned);
  // The ratios, printed whatever the outcome (ctest shows them with --verbose): where a shape
  // comes near the bar is seen before it crosses it.
  auto ratio = [](std::size_t at_one, std::size_t at_four) { return at_one ? double(at_four) / double(at_one) : 0.0; };
  std::printf("scaling %-30s bytes %7zu -> %8zu  records %.2fx output %.2fx allocated %.2fx allocations %.2fx peak %.2fx scanned %.2fx\n",
              shape.name, small.size(), large.size(), ratio(one.records, four.records), ratio(one.output, four.output),
              ratio(one.allocated, four.allocated), ratio(one.allocations, four.allocations), ratio(one.peak, four.peak),
              ratio(one.scanned, four.scanned));
  CHECK(2 * large.size() >= 7 * small.size());  // (the shape does grow 4x)
  // At most 4.5 times (and a little slack for counts near zero).
  auto within = [](std::size_t at_one, std::size_t at_four) { return 2 * at_four <= 9 * at_one + 128; };
  CHECK(within(one.records, four.records));
  CHECK(within(one.output, four.output));
  if (!BX_COUNTING) return;
  CHECK(within(one.allocated, four.allocated));
  CHECK(within(one.allocations, four.allocations));
  CHECK(within(one.peak, four.peak));
  CHECK(within(one.scanned, four.scanned));
  // Peak memory: a few times the input, and what the records hold (each at most its caps of text
  // and its explanation, and the JSON of it).
  CHECK(four.peak <= 8 * large.size() + four.records * (32u << 10) + (4u << 20));
}

}  // namespace

TEST_CASE("every hostile shape costs at most 4.5x at 4x the size", "[scaling]") {
  for (const bx::shapes::Shape& shape : bx::shapes::all()) {
    SECTION(shape.name) {
      const bool mbox = std::string(shape.name).rfind("mbox", 0) == 0;
      check_scaling(shape, mbox ? mbox_cost : explain_cost);
    }
  }
}

namespace {

/// An NDR saved as .msg with `children` (recipients, attachments, a body property) added.
std::string msg_report(std::vector<msgtest::Node> children) {
  using namespace msgtest;
  children.insert(children.begin(), {unicode(0x001A, "REPORT.IPM.Note.NDR"), unicode(0x0037, "Undeliverable: report")});
  return write_cfb(message(std::move(children))).bytes;
}

std::string msg_recipients(std::size_t n) {
  using namespace msgtest;
  std::vector<Node> children{unicode(0x1000, "Delivery has failed to these recipients or groups:")};
  for (unsigned i = 0; i < n; ++i)
    children.push_back(recipient(i, {unicode(0x39FE, "user" + std::to_string(i) + "@example.com"),
                                     unicode(0x0C1B, "Remote server returned '550 5.1.1 User unknown'"),
                                     properties(8, {{0x0C05, 0x0003, 13}})}));
  return msg_report(std::move(children));
}

std::string msg_embedded(std::size_t n) {
  using namespace msgtest;
  std::vector<Node> children{unicode(0x1000, "Delivery to bob@example.com failed: 550 5.1.1 User unknown")};
  for (unsigned i = 0; i < n; ++i)
    children.push_back(embedded_message(i, {unicode(0x0037, "Original " + std::to_string(i)), unicode(0x1000, std::string(300, 'b'))}));
  return msg_report(std::move(children));
}

std::string msg_rtf_body(std::size_t n) {
  std::string rtf = "{\\rtf1\\ansi\\ansicpg1252 Delivery has failed to bob@example.com\\par ";
  std::uint32_t state = 12345;  // letters that do not compress, so that the file grows with n
  for (std::size_t i = 0; i < n; ++i) {
    for (int k = 0; k < 48; ++k) rtf += static_cast<char>('a' + ((state = state * 1103515245u + 12345u) >> 16) % 26);
    rtf += " \\'e9t\\'e9\\par ";
  }
  return msg_report({msgtest::binary(0x1009, msgtest::compress_rtf(rtf + "}"))});
}

}  // namespace

TEST_CASE("reading Outlook .msg files costs at most 4.5x at 4x the size", "[scaling][msg]") {
  const bx::shapes::Shape shapes[] = {{"msg: a recipient table of n failed recipients", msg_recipients, 50},
                                      {"msg: n embedded messages", msg_embedded, 20},
                                      {"msg: a compressed RTF body of n lines", msg_rtf_body, 400}};
  for (const bx::shapes::Shape& shape : shapes) {
    SECTION(shape.name) { check_scaling(shape, msg_read_cost); }
  }
}

TEST_CASE("the counts see a quadratic cost", "[scaling]") {
  // The measure itself: copying a text once per item is caught.
  bx::shapes::Shape quadratic{"quadratic", [](std::size_t n) { return std::string(n, 'x'); }, 2000};
  auto copies = [](const std::string& input) {
    return measure([&](Cost& cost) {
      for (std::size_t i = 0; i < input.size(); i += 16) cost.output += std::string(input, i).size();
    });
  };
  const Cost one = copies(quadratic.make(quadratic.n)), four = copies(quadratic.make(4 * quadratic.n));
  CHECK(four.output > 10 * one.output);
  if (BX_COUNTING) CHECK(four.allocated > 10 * one.allocated);
}

TEST_CASE("caps of a record's text give warnings", "[scaling][limits]") {
  auto has = [](const bx::Report& r, const char* words) {
    for (const std::string& w : r.warnings)
      if (w.find(words) != std::string::npos) return true;
    return false;
  };
  bx::Report domino = bx::explain(bx::shapes::domino(300));
  REQUIRE(domino.records.size() == 300);
  CHECK(domino.records.front().diagnostic_code.size() <= bx::Limits{}.max_diagnostic_bytes);
  CHECK(domino.records.front().evidence.size() <= bx::Limits{}.max_evidence_lines);
  CHECK(has(domino, "diagnostic longer than 4096 bytes"));
  CHECK(has(domino, "more than 10 evidence lines"));
  bx::Report subject = bx::explain(bx::shapes::shared_subject(300));
  CHECK(subject.records.front().subject.size() <= bx::Limits{}.max_field_bytes);
  CHECK(has(subject, "longer than 1024 bytes"));

  std::string many_fields = "From: a@example.com\nSubject: Undelivered Mail\n";
  for (int i = 0; i < 5001; ++i) many_fields += "X-Field: " + std::to_string(i) + "\n";
  many_fields += "\n550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown\n";
  CHECK(has(bx::explain(many_fields), "More than 5000 header fields"));
}
