# Gathers the messages that have plural forms, tr("%n file(s)", nullptr, n), from app/, ui/ and widgets/ into the
# English translation with lupdate (see app/Translations.h).
#   cmake -DMODE=update -DLUPDATE=<lupdate> -DSOURCE_DIR=<source tree> -DTS=<the .ts> -P PluralTranslations.cmake
#     writes them into the .ts: a new message waits there, marked unfinished, for its English forms; a message
#     gone from the code goes from the .ts (the build target update_translations).
#   -DMODE=check -DWORK_DIR=<scratch folder> with the same arguments
#     does the same to a copy and fails when the copy differs from the .ts: a message without its English forms
#     would show as "1 file(s)" (the test translations_complete).
cmake_minimum_required(VERSION 3.24)

foreach(required LUPDATE SOURCE_DIR TS)
  if(NOT DEFINED ${required})
    message(FATAL_ERROR "PluralTranslations.cmake needs -D${required}=…")
  endif()
endforeach()

if(MODE STREQUAL "check")
  get_filename_component(name "${TS}" NAME)
  set(target "${WORK_DIR}/${name}")
  file(COPY_FILE "${TS}" "${target}")
elseif(MODE STREQUAL "update")
  set(target "${TS}")
else()
  message(FATAL_ERROR "PluralTranslations.cmake: MODE is update or check, not '${MODE}'")
endif()

execute_process(
  COMMAND "${LUPDATE}" -silent -I "${SOURCE_DIR}" -pluralonly -no-obsolete -locations none -source-language en
          -target-language en "${SOURCE_DIR}/app" "${SOURCE_DIR}/ui" "${SOURCE_DIR}/widgets" -ts "${target}"
  RESULT_VARIABLE result
  OUTPUT_VARIABLE output
  ERROR_VARIABLE output)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "lupdate failed (${result}):\n${output}")
endif()

if(MODE STREQUAL "check")
  file(READ "${TS}" committed)
  file(READ "${target}" current)
  if(NOT committed STREQUAL current)
    string(REGEX MATCHALL "<source>[^<]*</source>[ \t\r\n]*<translation type=\"unfinished\"" missing "${current}")
    if(missing)
      string(REGEX REPLACE "</source>[^;]*" "" missing "${missing}")
      string(REPLACE "<source>" "\n  " missing "${missing}")
      string(REPLACE ";" "" missing "${missing}")
      set(why "These messages have no English forms yet:${missing}")
    else()
      set(why "A message was removed from the code, or the .ts was edited in a way lupdate would not write.")
    endif()
    message(FATAL_ERROR
      "${name} is not up to date with the code. ${why}\nRun `cmake --build build --target update_translations`, "
      "then give each new message its English forms (singular, plural) in the .ts.")
  endif()
  message(STATUS "${name}: every plural message has its English forms")
endif()
