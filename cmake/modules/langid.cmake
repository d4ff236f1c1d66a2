# Language identification's tables: tables/langid/words/<lang>.txt (frequent
# words, written by tools/langid_words.py), tables/langid/shtokavian.txt (words
# that tell hr, sr and bs apart) and the language list of the letter-pair
# models (tables/charset/<lang>.txt) -> ${PISAR_GEN_DIR}/langid_tables.h
file(GLOB PISAR_LANGID_WORDS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tables/langid/words/*.txt)
list(SORT PISAR_LANGID_WORDS)
file(GLOB PISAR_LANGID_MODELS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tables/charset/*.txt)
list(FILTER PISAR_LANGID_MODELS EXCLUDE REGEX "/rules\\.txt$")
list(SORT PISAR_LANGID_MODELS)
add_executable(gen_langid ${CMAKE_SOURCE_DIR}/tools/gen_langid.c)
target_link_libraries(gen_langid PRIVATE m)
add_custom_command(OUTPUT ${PISAR_GEN_DIR}/langid_tables.h
  COMMAND gen_langid ${PISAR_GEN_DIR}/langid_tables.h ${PISAR_LANGID_WORDS}
    --markers ${CMAKE_SOURCE_DIR}/tables/langid/shtokavian.txt
    --endings ${CMAKE_SOURCE_DIR}/tables/langid/endings.txt --models ${PISAR_LANGID_MODELS}
  DEPENDS gen_langid ${PISAR_LANGID_WORDS} ${CMAKE_SOURCE_DIR}/tables/langid/shtokavian.txt
    ${CMAKE_SOURCE_DIR}/tables/langid/endings.txt
    ${PISAR_LANGID_MODELS}
  COMMENT "Generating language identification tables")
list(APPEND PISAR_GENERATED ${PISAR_GEN_DIR}/langid_tables.h)
