# Abbreviation tables for the sentence segmenter:
# tables/abbrev/<lang>.txt -> ${PISAR_GEN_DIR}/abbrev_tables.h
file(GLOB PISAR_ABBREV_TABLES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tables/abbrev/*.txt)
list(SORT PISAR_ABBREV_TABLES)
add_executable(gen_abbrev ${CMAKE_SOURCE_DIR}/tools/gen_abbrev.c)
add_custom_command(OUTPUT ${PISAR_GEN_DIR}/abbrev_tables.h
  COMMAND gen_abbrev ${PISAR_GEN_DIR}/abbrev_tables.h ${PISAR_ABBREV_TABLES}
  DEPENDS gen_abbrev ${PISAR_ABBREV_TABLES}
  COMMENT "Generating abbreviation tables")
list(APPEND PISAR_GENERATED ${PISAR_GEN_DIR}/abbrev_tables.h)
