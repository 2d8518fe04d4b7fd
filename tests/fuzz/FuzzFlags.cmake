# Compiler flags for the RD_FUZZ tree, included by the top-level CMakeLists before model/ is added, so the
# model is instrumented too: libFuzzer can only steer by the branches it sees, and the sanitizers can only
# report what runs in instrumented code.

if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "RD_FUZZ needs clang with libFuzzer (Debian: clang, libclang-rt-14-dev); this is "
                      "${CMAKE_CXX_COMPILER_ID}. Configure a fresh build directory with "
                      "CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DRD_FUZZ=ON")
endif()

# fuzzer-no-link: coverage instrumentation without libFuzzer's main(), so the model library (and routectl,
# which model/ also builds) link as usual; the fuzz targets add -fsanitize=fuzzer for the driver.
# UBSan must not recover: a report that lets the input run on is not a crash to libFuzzer, and is lost.
set(RD_FUZZ_SANITIZERS -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all)
add_compile_options(${RD_FUZZ_SANITIZERS} -fno-omit-frame-pointer
  # Assertions on, whatever the build type: nlohmann's JSON_ASSERT catches misuse (operator[] on a const
  # object without the key) that is silent UB otherwise, and libstdc++'s checks catch bad indexes at once.
  -UNDEBUG -D_GLIBCXX_ASSERTIONS
  # ...but simdjson's development checks change the layout of its classes, and the installed libsimdjson
  # was built without them.
  -DSIMDJSON_DEVELOPMENT_CHECKS=0
  # The model silences g++-only warnings by name (JsonText.cpp around simdjson); clang need not know them.
  -Wno-unknown-warning-option)
add_link_options(${RD_FUZZ_SANITIZERS})
