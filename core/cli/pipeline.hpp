// Explains messages on N worker threads and hands the outcomes back in input order. At most
// `window` messages are in flight, so memory stays bounded whatever the volume.
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
  struct Task {
    std::uint64_t seq = 0;
    Message message;
  };
  void worker();
  Outcome run(Message& message);
  /// Emits the finished outcomes that come next in order; `lock` is held on entry and exit.
  void emit_ready(std::unique_lock<std::mutex>& lock);

  Work work_;
  Emit emit_;
  std::size_t window_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable work_ready_, outcome_ready_;
  std::deque<Task> queue_;
  std::map<std::uint64_t, Outcome> done_;
  std::uint64_t next_seq_ = 0, next_emit_ = 0;
  bool closing_ = false;
};

}  // namespace bx::cli
