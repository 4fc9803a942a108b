#include "walk.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace bx::cli {
namespace {

std::string join(const std::string& dir, const std::string& name) {
  return !dir.empty() && dir.back() == '/' ? dir + name : dir + "/" + name;
}

bool is_directory(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool is_maildir(const std::string& path) { return is_directory(join(path, "cur")) && is_directory(join(path, "new")); }

struct Name {
  std::string name;
  bool regular;  ///< the listing's d_type says so (DT_UNKNOWN, links and the rest: false)
  bool operator<(const Name& o) const { return name < o.name; }
};

/// The entries of a directory, sorted (byte order), without "." and "..". errno on failure.
bool list_names(const std::string& path, std::vector<Name>& names, int& error) {
  DIR* dir = ::opendir(path.c_str());
  if (dir == nullptr) {
    error = errno;
    return false;
  }
  errno = 0;
  while (const dirent* entry = ::readdir(dir)) {
    std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back({std::move(name), entry->d_type == DT_REG});
  }
  error = errno;
  ::closedir(dir);
  std::sort(names.begin(), names.end());
  return error == 0;
}

/// Why a named input that is neither a file nor a directory is not read: opening a FIFO waits for
/// a writer (forever, if none comes) and a device can be endless or wait for a person.
std::string not_a_file(mode_t mode) {
  const char* what = S_ISFIFO(mode) ? "a named pipe (FIFO)"
                     : S_ISCHR(mode) || S_ISBLK(mode) ? "a device"
                     : S_ISSOCK(mode) ? "a socket"
                                      : "not a regular file";
  return std::string("not read: it is ") + what + "; to read a stream, give it on standard input ('-')";
}

}  // namespace

bool InputWalker::next(Input& out) {
  out = Input{};
  for (;;) {
    if (!stack_.empty()) {
      Frame& frame = stack_.back();
      if (frame.next == frame.entries.size()) {
        stack_.pop_back();
        continue;
      }
      Entry entry = std::move(frame.entries[frame.next++]);  // visit() may grow the stack
      if (entry.regular) {
        out.path = std::move(entry.path);
        out.regular = true;
        return true;
      }
      if (visit(entry.path, false, out)) return true;
      continue;
    }
    if (arg_ == args_.size()) return false;
    std::string path = args_[arg_++];
    if (path == "-") {
      out.path = path;
      return true;
    }
    if (visit(path, true, out)) return true;
  }
}

bool InputWalker::visit(const std::string& path, bool named, Input& out) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    out.path = path;
    out.error = std::string("cannot read: ") + std::strerror(errno);
    return true;
  }
  if (S_ISDIR(st.st_mode)) {
    if (!seen_dirs_.insert({st.st_dev, st.st_ino}).second) return false;  // reached again by a link
    return push_directory(path, out);
  }
  if (!S_ISREG(st.st_mode)) {
    if (!named) return false;  // sockets, pipes, devices met in a tree
    out.path = path;
    out.error = not_a_file(st.st_mode);
    return true;
  }
  out.path = path;
  out.regular = true;
  out.size = static_cast<std::size_t>(st.st_size);
  return true;
}

bool InputWalker::push_directory(const std::string& path, Input& out) {
  Frame frame;
  std::vector<Name> names;
  int error = 0;
  if (!list_names(path, names, error)) {
    out.path = path;
    out.error = std::string("cannot read directory: ") + std::strerror(error);
    return true;
  }
  if (is_maildir(path)) {
    // A Maildir: the messages of cur/ and new/ (tmp/ holds deliveries in progress, the other
    // files are the mail server's indexes), then its Maildir++ sub-folders (".Sent", ...).
    for (const char* sub : {"cur", "new"}) {
      std::string dir = join(path, sub);
      std::vector<Name> files;
      if (!list_names(dir, files, error)) {
        out.path = dir;
        out.error = std::string("cannot read directory: ") + std::strerror(error);
        return true;
      }
      for (const Name& f : files)
        if (f.name[0] != '.') frame.entries.push_back({join(dir, f.name), f.regular});
    }
    for (const Name& n : names) {
      if (n.name == "cur" || n.name == "new" || n.name == "tmp") continue;
      std::string sub = join(path, n.name);
      if (is_directory(sub) && is_maildir(sub)) frame.entries.push_back({sub, false});
    }
  } else {
    for (const Name& n : names)
      if (n.name[0] != '.') frame.entries.push_back({join(path, n.name), n.regular});  // not .git, .DS_Store, ...
  }
  stack_.push_back(std::move(frame));
  return false;
}

}  // namespace bx::cli
