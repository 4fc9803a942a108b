// Reading inputs for the CLI with bounded memory: a buffered reader over a file descriptor, and
// the splitter that turns one input (a single message or an mbox) into messages, one at a time.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

namespace bx::cli {

/// What is known of an input before reading it.
struct FileKind {
  bool regular = false;                   ///< a regular file: a short read() is its end
  std::size_t size = std::string::npos;   ///< its size when known
};

/// Buffered reads from a file descriptor (not owned). Never holds more than one chunk plus
/// what the caller asks for at once.
class ByteReader {
 public:
  /// On a regular file a short read() is the end of the file, so a small file takes one read(),
  /// not two; its first read asks for the whole file (or for 16 KiB, more than most bounces,
  /// when the size is not known).
  explicit ByteReader(int fd, FileKind kind = {}) : fd_(fd), regular_(kind.regular) {
    if (kind.size != std::string::npos) chunk_ = std::min(std::max(kind.size + 1, chunk_), kMaxChunk);
    else if (regular_) chunk_ = kRegularFirstChunk;
  }
  static constexpr std::size_t kRegularFirstChunk = 16 * 1024;
  static constexpr std::size_t kMaxChunk = 64 * 1024;

  /// Reads the next line (with its '\n'), appending at most `max` bytes of it to `out` and
  /// skipping the rest. Returns the full length of the line; 0 at the end of the input.
  std::size_t read_line(std::string& out, std::size_t max);
  /// Appends up to `n` bytes to `out`; fewer only at the end of the input.
  std::size_t read_bytes(std::string& out, std::size_t n);
  /// When the whole input is already buffered (a small file, read in one go), hands it over
  /// into `out` without a copy and returns true; false (and nothing done) otherwise.
  bool take_all(std::string& out);
  /// The next `n` bytes without consuming them (fewer only at the end of the input). Each byte
  /// of the input is read from the descriptor once, however often it is looked at.
  std::string_view peek(std::size_t n);
  /// Consumes `n` bytes already looked at with peek().
  void skip(std::size_t n) { pos_ += std::min(n, buf_.size() - pos_); }
  /// Bytes of the input consumed so far.
  std::size_t offset() const { return taken_ - (buf_.size() - pos_); }
  /// Whether the unread input starts with `prefix` (reads ahead as needed).
  bool starts_with(std::string_view prefix);
  /// The next line (up to `max` bytes of it, without consuming it; reads ahead as needed).
  std::string_view peek_line(std::size_t max);
  bool at_end();
  /// errno of the first failed read(), 0 when none failed.
  int error() const { return error_; }

 private:
  /// Makes at least `n` unread bytes available unless the input ends first.
  bool ensure(std::size_t n);
  bool fill();

  /// Whether `asked` bytes were asked for and `got` came back (> 0) means the end of the input.
  bool short_read_ends(std::size_t asked, std::size_t got) const { return regular_ && got < asked; }

  int fd_;
  bool regular_;
  std::size_t taken_ = 0;  ///< bytes read() from the descriptor
  std::string buf_;
  std::size_t chunk_ = 4096;  ///< size of the next read(): doubles up to kMaxChunk
  std::size_t pos_ = 0;
  bool eof_ = false;
  int error_ = 0;
};

/// One message to explain, or the reason it cannot be.
struct Message {
  std::string label;  ///< the "file" of its records: the path as given
  std::size_t mbox_message = 0;  ///< N for message N (from 1) of an mbox holding several, else 0
  std::string bytes;
  std::string error;  ///< non-empty: the message could not be read (bytes is empty)
  std::size_t size = 0;  ///< bytes read from the input for this message (also when too large)
};

/// Splits one input into messages. A file whose first line starts with "From " is read as an
/// mbox: messages start at "From " lines at the start of the file or after a blank line;
/// ">From " lines are unescaped (mboxrd); a valid Content-Length header (mboxcl2) is honoured.
/// A "From " line that is a whole postmark ("From sender Thu Jul  2 12:05:05 2020") starts a
/// message even without a blank line before it (bodies have their "From " lines escaped).
/// The messages of an mbox with more than one message are numbered (mbox_message, from 1); an
/// mbox holding a single message, or any other file, gets 0.
/// A message larger than `cap` bytes is not kept: it comes back with an error, and reading
/// goes on with the next message.
class MessageStream {
 public:
  /// `kind.size`, when known, reserves memory and refuses a too large file without reading it.
  MessageStream(int fd, std::string path, std::size_t cap, FileKind kind = {})
      : in_(fd, kind), path_(std::move(path)), cap_(cap), file_size_(kind.size) {}
  /// The next message; false when the input is exhausted.
  bool next(Message& out);

 private:
  void read_whole(Message& out);
  void read_mbox_message(Message& out);
  /// When the body starting here is exactly `length` bytes followed by a separator (mboxcl2),
  /// appends it to `bytes` and returns true; else reads nothing.
  bool take_counted_body(std::size_t length, std::string& bytes);

  ByteReader in_;
  std::string path_;
  std::size_t cap_;
  std::size_t file_size_;
  bool started_ = false;
  bool mbox_ = false;
  bool done_ = false;
  std::size_t index_ = 0;
};

/// "larger than 32 MB (33554432 bytes)" and the like, for error messages.
std::string too_large_message(std::size_t cap);

}  // namespace bx::cli
