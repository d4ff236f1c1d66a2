# Language identification's tables: tables/langid/words/<lang>.txt (frequent
# words, written by tools/langid_words.py), tables/langid/shtokavian.txt (words
# that tell hr, sr and bs apart), tables/langid/jat.txt (the jat reflex, word by word) and the language list of the letter-pair
# models (tables/charset/<lang>.txt) -> ${PISAR_GEN_DIR}/langid_tables.h
file(GLOB PISAR_LANGID_WORDS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tables/langid/words/*.txt)
list(SORT PISAR_LANGID_WORDS)
# letter-pair counts of the Cyrillic and Latin Slavic languages (tools/langid_pairs.py), read by
# language identification only
file(GLOB PISAR_LANGID_PAIRS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tables/langid/pairs/*.txt)
list(SORT PISAR_LANGID_PAIRS)
# The languages of the compiled models: PISAR_LM_LANGS of lm.cmake (read from
# the file, as this fragment may be included before it), in its order.
if(NOT PISAR_LM_LANGS)
  file(READ ${CMAKE_SOURCE_DIR}/cmake/modules/lm.cmake _pisar_lm_cmake)
  string(REGEX MATCH "set\\(PISAR_LM_LANGS([^)]*)\\)" _pisar_lm_set "${_pisar_lm_cmake}")
  string(STRIP "${CMAKE_MATCH_1}" _pisar_lm_langs)
  string(REGEX REPLACE "[ \t\r\n]+" ";" _pisar_lm_langs "${_pisar_lm_langs}")
else()
  set(_pisar_lm_langs ${PISAR_LM_LANGS})
endif()
set(PISAR_LANGID_MODELS "")
foreach(l ${_pisar_lm_langs})
  list(APPEND PISAR_LANGID_MODELS ${CMAKE_SOURCE_DIR}/tables/charset/${l}.txt)
endforeach()
add_executable(gen_langid ${CMAKE_SOURCE_DIR}/tools/gen_langid.c)
target_link_libraries(gen_langid PRIVATE m)
add_custom_command(OUTPUT ${PISAR_GEN_DIR}/langid_tables.h
  COMMAND gen_langid ${PISAR_GEN_DIR}/langid_tables.h
    --drop ${CMAKE_SOURCE_DIR}/tables/langid/untranslated.txt ${PISAR_LANGID_WORDS}
    --markers ${CMAKE_SOURCE_DIR}/tables/langid/shtokavian.txt
    --jat ${CMAKE_SOURCE_DIR}/tables/langid/jat.txt
    --endings ${CMAKE_SOURCE_DIR}/tables/langid/endings.txt
    --pairs ${PISAR_LANGID_PAIRS} --models ${PISAR_LANGID_MODELS}
  DEPENDS gen_langid ${PISAR_LANGID_WORDS} ${CMAKE_SOURCE_DIR}/tables/langid/untranslated.txt
    ${CMAKE_SOURCE_DIR}/tables/langid/shtokavian.txt
    ${CMAKE_SOURCE_DIR}/tables/langid/jat.txt
    ${CMAKE_SOURCE_DIR}/tables/langid/endings.txt
    ${PISAR_LANGID_PAIRS} ${PISAR_LANGID_MODELS}
  COMMENT "Generating language identification tables")
list(APPEND PISAR_GENERATED ${PISAR_GEN_DIR}/langid_tables.h)
