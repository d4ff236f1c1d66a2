# Whole words of look-alike letters for the homoglyph repair:
# tables/repair/lookalike-words.txt -> ${PISAR_GEN_DIR}/lookalike_words.h
add_executable(gen_lookalike_words ${CMAKE_SOURCE_DIR}/tools/gen_lookalike_words.c)
add_custom_command(OUTPUT ${PISAR_GEN_DIR}/lookalike_words.h
  COMMAND gen_lookalike_words ${PISAR_GEN_DIR}/lookalike_words.h
          ${CMAKE_SOURCE_DIR}/tables/repair/lookalike-words.txt
  DEPENDS gen_lookalike_words ${CMAKE_SOURCE_DIR}/tables/repair/lookalike-words.txt
  COMMENT "Generating the look-alike words table")
list(APPEND PISAR_GENERATED ${PISAR_GEN_DIR}/lookalike_words.h)
