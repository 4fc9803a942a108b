#include "reader.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

namespace bx::cli {
namespace {

bool is_blank_line(std::string_view line) { return line == "\n" || line == "\r\n"; }

/// "Content-Length: 1234" → 1234; npos when the line is not that field or the value is odd.
std::size_t content_length_of(std::string_view line) {
  static constexpr std::string_view kName = "content-length:";
  if (line.size() <= kName.size()) return std::string::npos;
  for (std::size_t i = 0; i < kName.size(); ++i) {
    char c = line[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != kName[i]) return std::string::npos;
  }
  std::size_t i = kName.size();
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  std::size_t value = 0;
  std::size_t digits = 0;
  for (; i < line.size() && line[i] >= '0' && line[i] <= '9'; ++i, ++digits) {
    if (digits >= 15) return std::string::npos;  // absurd: ignore rather than overflow
    value = value * 10 + static_cast<std::size_t>(line[i] - '0');
  }
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r' || line[i] == '\n')) ++i;
  return digits > 0 && i == line.size() ? value : std::string::npos;
}

/// mboxrd: ">From ", ">>From ", ... lose one '>'.
bool is_escaped_from(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && line[i] == '>') ++i;
  return i > 0 && line.substr(i, 5) == "From ";
}

/// `word` is one of the three-letter words run together in `list` ("MonTueWed...").
bool is_one_of(std::string_view word, std::string_view list) {
  return word.size() == 3 && list.find(word) != std::string_view::npos && list.find(word) % 3 == 0;
}

/// An mbox postmark: "From " sender, then an asctime date beginning "Thu Jul  2 ...". A body
/// line that merely starts with "From " (escaped by the writer, or not) is not followed by that.
bool is_postmark(std::string_view line) {
  if (line.substr(0, 5) != "From ") return false;
  std::size_t sender_end = line.find(' ', 5);
  if (sender_end == std::string_view::npos || sender_end == 5) return false;
  std::size_t date = line.find_first_not_of(' ', sender_end);
  if (date == std::string_view::npos || line.size() < date + 8 || line[date + 3] != ' ') return false;
  return is_one_of(line.substr(date, 3), "MonTueWedThuFriSatSun") &&
         is_one_of(line.substr(date + 4, 3), "JanFebMarAprMayJunJulAugSepOctNovDec");
}

}  // namespace

std::string too_large_message(std::size_t cap) {
  return "message larger than " + std::to_string(cap >> 20) + " MB (" + std::to_string(cap) +
         " bytes), the most one message may be: skipped";
}

// ---- ByteReader ----------------------------------------------------------------------------

bool ByteReader::fill() {
  if (eof_) return false;
  if (pos_ > 0 && pos_ >= buf_.size() / 2) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  // Reads grow from 4 KiB to 64 KiB: most mail files are small. They land in a buffer of the
  // thread's that is never cleared, and only the bytes read are appended: a resize() of buf_
  // would zero-fill the whole chunk first (16 KiB for each file of a directory, whose size is
  // not known, for a read that is mostly a few KiB).
  thread_local const std::unique_ptr<char[]> landing(new char[kMaxChunk]);
  const std::size_t chunk = chunk_;
  chunk_ = std::min(chunk_ * 2, kMaxChunk);
  for (;;) {
    ssize_t n = ::read(fd_, landing.get(), chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n < 0) error_ = errno;
      eof_ = true;
      return false;
    }
    buf_.append(landing.get(), static_cast<std::size_t>(n));
    taken_ += static_cast<std::size_t>(n);
    eof_ = short_read_ends(chunk, static_cast<std::size_t>(n));
    return true;
  }
}

bool ByteReader::ensure(std::size_t n) {
  while (buf_.size() - pos_ < n)
    if (!fill()) break;
  return buf_.size() - pos_ >= n;
}

bool ByteReader::at_end() { return !ensure(1); }

std::string_view ByteReader::peek_line(std::size_t max) {
  // Ask for one byte more than is buffered until a line end, the limit or the end of input.
  for (std::size_t want = 1;; ++want) {
    bool more = ensure(want);
    std::string_view ahead = std::string_view(buf_).substr(pos_, max);
    std::size_t nl = ahead.find('\n');
    if (nl != std::string_view::npos) return ahead.substr(0, nl + 1);
    if (!more || ahead.size() == max) return ahead;
    want = ahead.size();
  }
}

bool ByteReader::starts_with(std::string_view prefix) {
  ensure(prefix.size());
  return std::string_view(buf_).substr(pos_, prefix.size()) == prefix;
}

std::size_t ByteReader::read_line(std::string& out, std::size_t max) {
  std::size_t total = 0;
  for (;;) {
    if (pos_ == buf_.size() && !fill()) return total;
    std::size_t nl = buf_.find('\n', pos_);
    std::size_t end = nl == std::string::npos ? buf_.size() : nl + 1;
    std::size_t n = end - pos_;
    std::size_t take = std::min(n, max);
    if (take > 0) out.append(buf_, pos_, take);
    max -= take;
    total += n;
    pos_ = end;
    if (nl != std::string::npos) return total;
  }
}

std::size_t ByteReader::read_bytes(std::string& out, std::size_t n) {
  std::size_t got = std::min(buf_.size() - pos_, n);
  out.append(buf_, pos_, got);
  pos_ += got;
  while (got < n && !eof_) {  // the rest straight from the descriptor, without the buffer
    // Grow by one chunk at a time: resize() zero-fills, so asking for 1 MB per small file
    // would spend more time clearing memory than reading mail.
    std::size_t spare = out.capacity() - out.size();  // reserved by the caller (the file size)
    std::size_t want = std::min<std::size_t>(n - got, spare > 0 ? spare : kMaxChunk);
    std::size_t old = out.size();
    out.resize(old + want);
    ssize_t r = ::read(fd_, &out[old], want);
    if (r < 0 && errno == EINTR) {
      out.resize(old);
      continue;
    }
    if (r <= 0) {
      if (r < 0) error_ = errno;
      eof_ = true;
      out.resize(old);
      break;
    }
    out.resize(old + static_cast<std::size_t>(r));
    taken_ += static_cast<std::size_t>(r);
    got += static_cast<std::size_t>(r);
    eof_ = short_read_ends(want, static_cast<std::size_t>(r));
  }
  return got;
}

bool ByteReader::take_all(std::string& out) {
  if (!eof_ || pos_ != 0 || error_ != 0) return false;
  out.swap(buf_);
  buf_.clear();
  return true;
}

std::string_view ByteReader::peek(std::size_t n) {
  ensure(n);
  return std::string_view(buf_).substr(pos_, n);
}

// ---- MessageStream -------------------------------------------------------------------------

bool MessageStream::next(Message& out) {
  out = Message{};
  if (done_) return false;
  if (!started_) {
    started_ = true;
    mbox_ = in_.starts_with("From ");
    if (!mbox_) {
      read_whole(out);
      out.label = path_;
      done_ = true;
      return true;
    }
  }
  read_mbox_message(out);
  ++index_;
  if (!out.error.empty() && in_.error() != 0) done_ = true;
  if (in_.at_end()) done_ = true;
  out.label = path_;
  out.mbox_message = index_ == 1 && done_ ? 0 : index_;
  return true;
}

void MessageStream::read_whole(Message& out) {
  if (file_size_ != std::string::npos && file_size_ > cap_) {
    out.size = file_size_;
    out.error = too_large_message(cap_);
    return;
  }
  std::size_t got = 0;
  if (in_.take_all(out.bytes)) {  // a small file, read whole by the look at its first bytes
    got = out.bytes.size();
  } else {
    if (file_size_ != std::string::npos) out.bytes.reserve(file_size_ + 1);
    got = in_.read_bytes(out.bytes, cap_ + 1);
  }
  out.size = got;
  if (in_.error() != 0) {
    out.error = std::string("cannot read: ") + std::strerror(in_.error());
    out.bytes = std::string();
  } else if (got > cap_) {
    out.error = too_large_message(cap_);
    out.bytes = std::string();
  }
}

bool MessageStream::take_counted_body(std::size_t length, std::string& bytes) {
  // The body and the few bytes after it, looked at where they are buffered: a wrong length
  // costs no second read (a claim of 30 MB in every message once read the rest of the file
  // again for each).
  static constexpr std::string_view kSeparators[] = {"From ", "\nFrom ", "\r\nFrom "};
  // A file of known size too short for the claim: nothing to read to know it is wrong.
  if (file_size_ != std::string::npos && (in_.offset() > file_size_ || length > file_size_ - in_.offset())) return false;
  const std::string_view ahead = in_.peek(length + 7);  // 7: "\r\nFrom "
  if (ahead.size() < length) return false;
  const std::string_view after = ahead.substr(length);
  // A separator follows: the end of the input, a "From " line, or only line ends up to the end.
  bool separated = after.empty() || after == "\n" || after == "\r\n";
  for (std::string_view s : kSeparators) separated = separated || after.substr(0, s.size()) == s;
  if (!separated) return false;
  bytes.append(ahead.data(), length);
  in_.skip(length);
  return true;
}

void MessageStream::read_mbox_message(Message& out) {
  std::string& bytes = out.bytes;
  std::string line;
  // The "From " line stays: the core skips it, and evidence offsets then match the file.
  std::size_t total = in_.read_line(line, cap_ + 1);
  bool oversized = line.size() > cap_;
  if (!oversized) bytes = line;
  bool in_header = true;
  bool prev_blank = false;     // the last line read was blank: a "From " line now starts a message
  bool after_length = false;   // just read a body of Content-Length bytes ending at a separator
  std::size_t last_line = 0;
  std::size_t content_length = std::string::npos;
  while (!in_.at_end()) {
    if (in_.starts_with("From ") && (prev_blank || after_length || is_postmark(in_.peek_line(256)))) break;
    std::size_t len = 0;
    std::string_view view;  // the line as kept (or its first bytes, once the message is too large)
    if (oversized) {        // only whether it is blank matters now
      line.clear();
      len = in_.read_line(line, 8);
      view = line;
    } else {  // straight into the message: no second copy of a long line
      const std::size_t start = bytes.size();
      len = in_.read_line(bytes, cap_ - start + 1);
      if (bytes.size() - start < len || bytes.size() > cap_) {
        oversized = true;
        line.assign(bytes, start, 8);
        bytes = std::string();
        view = line;
      } else {
        if (is_escaped_from(std::string_view(bytes).substr(start))) bytes.erase(start, 1);
        last_line = bytes.size() - start;
        view = std::string_view(bytes).substr(start);
      }
    }
    total += len;
    after_length = false;
    prev_blank = view.size() == len && is_blank_line(view);
    if (!in_header) continue;
    if (!prev_blank) {
      if (std::size_t n = content_length_of(view); n != std::string::npos) content_length = n;
      continue;
    }
    in_header = false;
    if (content_length == std::string::npos || oversized || content_length > cap_ - bytes.size()) continue;
    // mboxcl2: the body is exactly Content-Length bytes, when a separator (or the end) follows;
    // a wrong length: split on "From " lines instead.
    if (take_counted_body(content_length, bytes)) {
      total += content_length;
      prev_blank = false;
      after_length = true;
    }
  }
  if (prev_blank && !oversized && last_line <= bytes.size()) bytes.resize(bytes.size() - last_line);
  out.size = total;
  if (in_.error() != 0) {
    out.error = std::string("cannot read: ") + std::strerror(in_.error());
    bytes = std::string();
  } else if (oversized) {
    out.error = too_large_message(cap_);
  }
}

}  // namespace bx::cli
