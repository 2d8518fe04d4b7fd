# Runs the real routectl executable and checks its exit status (and, optionally, its output), so that what
# CI jobs and git hooks depend on is tested at process level, where a crash shows as a signal, not a code.
#
#   cmake -DROUTECTL=<exe> -DEXPECT_EXIT=<n> [-DSTDIN=<file>] [-DSTDOUT_MATCHES=<regex>]
#         [-DSTDERR_MATCHES=<regex>] [-DGENERATE=deep|huge -DWORK_DIR=<dir>] -P RunRoutectl.cmake -- <args>...
#
# GENERATE writes a hostile input into WORK_DIR and replaces the argument @GENERATED@ with its path.
cmake_minimum_required(VERSION 3.24)

set(args)
set(collect FALSE)
foreach(i RANGE 1 ${CMAKE_ARGC})
  if(i EQUAL CMAKE_ARGC)
    break()
  endif()
  if(collect)
    list(APPEND args "${CMAKE_ARGV${i}}")
  elseif("${CMAKE_ARGV${i}}" STREQUAL "--")
    set(collect TRUE)
  endif()
endforeach()

if(DEFINED GENERATE)
  file(MAKE_DIRECTORY "${WORK_DIR}")
  if(GENERATE STREQUAL "deep")
    set(generated "${WORK_DIR}/deep.json")
    string(REPEAT "[" 100000 text)
    file(WRITE "${generated}" "${text}")
  elseif(GENERATE STREQUAL "huge")
    # 50 MiB of one JSON string: far over the 16 MiB limit, so it must be refused before it is parsed.
    set(generated "${WORK_DIR}/huge.json")
    string(REPEAT "x" 1048576 mebibyte)
    file(WRITE "${generated}" "\"")
    foreach(n RANGE 1 50)
      file(APPEND "${generated}" "${mebibyte}")
    endforeach()
    file(APPEND "${generated}" "\"")
  else()
    message(FATAL_ERROR "unknown GENERATE=${GENERATE}")
  endif()
  list(TRANSFORM args REPLACE "^@GENERATED@$" "${generated}")
endif()

set(input_args)
if(DEFINED STDIN)
  set(input_args INPUT_FILE "${STDIN}")
endif()
execute_process(
  COMMAND "${ROUTECTL}" ${args}
  ${input_args}
  RESULT_VARIABLE status
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err
  TIMEOUT 30)

if(DEFINED generated)
  file(REMOVE "${generated}")
endif()

set(failed FALSE)
if(NOT "${status}" STREQUAL "${EXPECT_EXIT}")
  message(SEND_ERROR "routectl ${args}: exit status ${status}, expected ${EXPECT_EXIT}")
  set(failed TRUE)
endif()
if(DEFINED STDOUT_MATCHES AND NOT out MATCHES "${STDOUT_MATCHES}")
  message(SEND_ERROR "stdout does not match '${STDOUT_MATCHES}'")
  set(failed TRUE)
endif()
if(DEFINED STDERR_MATCHES AND NOT err MATCHES "${STDERR_MATCHES}")
  message(SEND_ERROR "stderr does not match '${STDERR_MATCHES}'")
  set(failed TRUE)
endif()
if(failed)
  message(FATAL_ERROR "--- stdout ---\n${out}\n--- stderr ---\n${err}")
endif()
