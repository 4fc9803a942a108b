// The inputs named on the command line, expanded lazily: files as they are, directories
// recursively in sorted order, Maildir folders as their cur/ and new/ messages.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace bx::cli {

struct Input {
  std::string path;   ///< as given, or joined under the directory given; "-" for standard input
  std::string error;  ///< non-empty: the path cannot be read (no such file, unreadable directory)
  /// A regular file (not a pipe, terminal or device): on one, a short read() is the end.
  bool regular = false;
  /// Its size when the walker had to stat it (a path given by name), else npos: a file met in a
  /// directory listing is known to be regular from the listing itself, and a stat per file
  /// would cost as much as reading a small one.
  std::size_t size = static_cast<std::size_t>(-1);
};

class InputWalker {
 public:
  explicit InputWalker(std::vector<std::string> args) : args_(std::move(args)) {}
  /// The next input file; false when there are no more.
  bool next(Input& out);

 private:
  struct Entry {
    std::string path;
    bool regular = false;  ///< the directory listing says it is a regular file (no stat needed)
  };
  struct Frame {
    std::vector<Entry> entries;  ///< full paths, already in the order to visit
    std::size_t next = 0;
  };
  /// Expands a path: a file becomes `out`; a directory pushes a frame (false: nothing to return yet).
  bool visit(const std::string& path, bool named, Input& out);
  /// Lists a directory (or a Maildir) onto the stack; an error when it cannot be read.
  bool push_directory(const std::string& path, Input& out);

  std::vector<std::string> args_;
  std::size_t arg_ = 0;
  std::vector<Frame> stack_;
  std::set<std::pair<dev_t, ino_t>> seen_dirs_;  // symbolic links must not make a loop
};

}  // namespace bx::cli
