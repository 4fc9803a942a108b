# Warning flags shared by every target of ours (not by third-party headers, which are SYSTEM).
add_library(bx_warnings INTERFACE)
target_compile_options(bx_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)
if(BX_WERROR)
  target_compile_options(bx_warnings INTERFACE -Werror)
endif()
