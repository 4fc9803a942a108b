#include "pipeline.hpp"

#include <exception>
#include <utility>

namespace bx::cli {

Pipeline::Pipeline(unsigned jobs, Work work, Emit emit)
    : work_(std::move(work)), emit_(std::move(emit)), window_(jobs > 1 ? 4u * jobs : 1u) {
  if (jobs > 1)
    for (unsigned i = 0; i < jobs; ++i) threads_.emplace_back([this] { worker(); });
}

Pipeline::~Pipeline() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
  }
  work_ready_.notify_all();
  for (std::thread& t : threads_)
    if (t.joinable()) t.join();
}

Outcome Pipeline::run(Message& message) {
  try {
    return work_(message);
  } catch (const std::exception& e) {  // bad_alloc on a huge message, say: that message fails, not the run
    Outcome o;
    o.label = message.label;
    o.mbox_message = message.mbox_message;
    o.error = std::string("internal error: ") + e.what();
    return o;
  }
}

void Pipeline::submit(Message message) {
  if (threads_.empty()) {
    Outcome o = run(message);
    emit_(o);
    return;
  }
  filling_bytes_ += message.bytes.size();
  filling_.messages.push_back(std::move(message));
  bool full = filling_.messages.size() >= kBatchMessages || filling_bytes_ >= kBatchBytes;
  if (full || nothing_in_flight()) send_batch();
}

// With the workers idle, waiting for more would only delay a slow stream (stdin fed message by
// message): batches form only while the workers are busy, which is when hand-offs cost.
bool Pipeline::nothing_in_flight() {
  std::lock_guard<std::mutex> lock(mutex_);
  return next_emit_ == next_seq_;
}

void Pipeline::send_batch() {
  if (filling_.messages.empty()) return;
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    emit_ready(lock);
    if (next_seq_ - next_emit_ < window_) break;
    outcome_ready_.wait(lock);
  }
  filling_.seq = next_seq_++;
  queue_.push_back(std::move(filling_));
  filling_ = Task{};
  filling_bytes_ = 0;
  work_ready_.notify_one();
}

void Pipeline::finish() {
  if (threads_.empty()) return;
  send_batch();
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    emit_ready(lock);
    if (next_emit_ == next_seq_) break;
    outcome_ready_.wait(lock);
  }
}

void Pipeline::emit_ready(std::unique_lock<std::mutex>& lock) {
  for (auto it = done_.find(next_emit_); it != done_.end(); it = done_.find(next_emit_)) {
    std::vector<Outcome> batch = std::move(it->second);
    done_.erase(it);
    lock.unlock();
    for (Outcome& o : batch) emit_(o);
    lock.lock();
    ++next_emit_;
  }
}

void Pipeline::worker() {
  for (;;) {
    Task task;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      work_ready_.wait(lock, [this] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    std::vector<Outcome> outcomes;
    outcomes.reserve(task.messages.size());
    for (Message& message : task.messages) {
      outcomes.push_back(run(message));
      message = Message{};  // free each input once explained
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_.emplace(task.seq, std::move(outcomes));
    }
    outcome_ready_.notify_one();
  }
}

}  // namespace bx::cli
