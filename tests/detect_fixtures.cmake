# detect_fixtures.cmake -- one CTest test per detection fixture, uchardet style.
#
# fixtures/detect/<lang>/<encoding>/<name>.txt holds text in <encoding>; the
# test detect:<lang>:<encoding>:<name> runs `pisar detect` on it through the
# small driver detect_fixture (tests/detect_fixture.c), which accepts the
# expected encoding or one that gives the same text. Fixtures listed in
# fixtures/detect/KNOWN_FAILURES (relpath<TAB>reason) are WILL_FAIL: the driver
# prints the reason, and such a test fails as soon as detection gets it right,
# so the list stays true. A driver that cannot get an answer at all aborts,
# which fails the test even under WILL_FAIL.
#
# `ctest -L detect` runs only these; `ctest -LE detect` everything else.

# The driver needs only the code page tables (codepage.c, encoding.c), compiled
# in without the library, and without sanitizers even in a PISAR_SANITIZE
# build: it is started ~2000 times, and an instrumented start-up costs tens of
# milliseconds. The tool it runs is the one under test, sanitized or not.
add_executable(detect_fixture ${CMAKE_CURRENT_SOURCE_DIR}/detect_fixture.c
  ${CMAKE_SOURCE_DIR}/src/codepage.c ${CMAKE_SOURCE_DIR}/src/encoding.c)
target_include_directories(detect_fixture PRIVATE ${CMAKE_SOURCE_DIR}/include
  ${CMAKE_SOURCE_DIR}/src ${PISAR_GEN_DIR})
add_dependencies(detect_fixture pisar_generated)
if(PISAR_SANITIZE)
  target_compile_options(detect_fixture PRIVATE -fno-sanitize=all)
  target_link_options(detect_fixture PRIVATE -fno-sanitize=all)
endif()

set(_pisar_detect_dir ${CMAKE_SOURCE_DIR}/fixtures/detect)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_pisar_detect_dir}/KNOWN_FAILURES)

# relpath -> reason (a ';' in a reason would split the line as a CMake list)
file(READ ${_pisar_detect_dir}/KNOWN_FAILURES _pisar_known)
string(REPLACE ";" "," _pisar_known "${_pisar_known}")
string(REPLACE "\n" ";" _pisar_known "${_pisar_known}")
set(_pisar_known_paths "")
foreach(line IN LISTS _pisar_known)
  if(line MATCHES "^#" OR NOT line MATCHES "\t")
    continue()
  endif()
  string(FIND "${line}" "\t" tab)
  string(SUBSTRING "${line}" 0 ${tab} rel)
  math(EXPR tab "${tab} + 1")
  string(SUBSTRING "${line}" ${tab} -1 reason)
  list(APPEND _pisar_known_paths "${rel}")
  set("_pisar_reason_${rel}" "${reason}")
endforeach()

file(GLOB _pisar_detect_files CONFIGURE_DEPENDS RELATIVE ${_pisar_detect_dir} ${_pisar_detect_dir}/*/*/*.txt)
foreach(rel IN LISTS _pisar_detect_files)
  string(REPLACE "/" ";" parts "${rel}")
  list(GET parts 0 lang)
  list(GET parts 1 enc)
  list(GET parts 2 name)
  string(REGEX REPLACE "\\.txt$" "" name "${name}")
  set(test detect:${lang}:${enc}:${name})
  if(rel IN_LIST _pisar_known_paths)
    add_test(NAME ${test} COMMAND detect_fixture $<TARGET_FILE:pisar> ${_pisar_detect_dir}/${rel} ${enc}
      "${_pisar_reason_${rel}}")
    set_tests_properties(${test} PROPERTIES WILL_FAIL TRUE LABELS "detect;known-failure")
    list(REMOVE_ITEM _pisar_known_paths "${rel}")
  else()
    add_test(NAME ${test} COMMAND detect_fixture $<TARGET_FILE:pisar> ${_pisar_detect_dir}/${rel} ${enc})
    set_tests_properties(${test} PROPERTIES LABELS detect)
  endif()
endforeach()
if(_pisar_known_paths)
  message(FATAL_ERROR "fixtures/detect/KNOWN_FAILURES lists files that do not exist: ${_pisar_known_paths}")
endif()
