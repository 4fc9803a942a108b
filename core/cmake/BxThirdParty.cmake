# Third-party headers, exposed through a build-tree include folder that holds only them.
# Why a copy: the wasm build must never see /usr/include (glibc headers break Emscripten,
# bits/wordsize.h), yet nlohmann-json and Catch2 come from Debian packages installed there.
find_path(BX_NLOHMANN_INCLUDE nlohmann/json.hpp PATHS /usr/include /usr/local/include NO_CMAKE_FIND_ROOT_PATH REQUIRED)
find_path(BX_CATCH2_INCLUDE catch2/catch.hpp PATHS /usr/include /usr/local/include NO_CMAKE_FIND_ROOT_PATH)

set(BX_THIRD_PARTY_INCLUDE ${CMAKE_BINARY_DIR}/third_party/include)
file(COPY ${BX_NLOHMANN_INCLUDE}/nlohmann DESTINATION ${BX_THIRD_PARTY_INCLUDE})
if(BX_CATCH2_INCLUDE)
  file(COPY ${BX_CATCH2_INCLUDE}/catch2/catch.hpp DESTINATION ${BX_THIRD_PARTY_INCLUDE}/catch2)
endif()

add_library(bx_third_party INTERFACE)
target_include_directories(bx_third_party SYSTEM INTERFACE ${BX_THIRD_PARTY_INCLUDE})
