// Explains messages on N worker threads and hands the outcomes back in input order. Messages
// travel in small batches (a thread hand-off costs about as much as explaining a small bounce),
// and at most `window` batches are in flight, so memory stays bounded whatever the volume.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "reader.hpp"
#include "render.hpp"

namespace bx::cli {

class Pipeline {
 public:
  using Work = std::function<Outcome(Message&)>;
  using Emit = std::function<void(Outcome&)>;

  /// `jobs` worker threads (1: everything runs on the calling thread); `emit` always runs on
  /// the calling thread, in the order the messages were submitted.
  Pipeline(unsigned jobs, Work work, Emit emit);
  ~Pipeline();
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  /// Queues a message (waits while the window is full, emitting what is ready).
  void submit(Message message);
  /// Waits for every message and emits the rest.
  void finish();

 private:
  /// A batch closes at this many messages or bytes, whichever comes first, or at once when the
  /// workers have nothing to do.
  static constexpr std::size_t kBatchMessages = 16;
  static constexpr std::size_t kBatchBytes = 256 * 1024;
  struct Task {
    std::uint64_t seq = 0;
    std::vector<Message> messages;
  };
  void worker();
  Outcome run(Message& message);
  /// Hands the batch being filled to the workers (waits while the window is full).
  void send_batch();
  bool nothing_in_flight();
  /// Emits the finished outcomes that come next in order; `lock` is held on entry and exit.
  void emit_ready(std::unique_lock<std::mutex>& lock);

  Work work_;
  Emit emit_;
  std::size_t window_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable work_ready_, outcome_ready_;
  Task filling_;  ///< the batch submit() is filling (the calling thread's alone)
  std::size_t filling_bytes_ = 0;
  std::deque<Task> queue_;
  std::map<std::uint64_t, std::vector<Outcome>> done_;
  std::uint64_t next_seq_ = 0, next_emit_ = 0;
  bool closing_ = false;
};

}  // namespace bx::cli
