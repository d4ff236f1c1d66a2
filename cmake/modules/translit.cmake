# Transliteration schemes: tables/translit/<id>.txt -> ${PISAR_GEN_DIR}/translit_tables.h
# The generator is built from the library's own scheme compiler, so a table
# that builds is a table pisar_translit_load() accepts, and vice versa.
# Listed in the order of their ids ("ru-bgn" before "ru-bgn-strict").
file(GLOB translit_files CONFIGURE_DEPENDS RELATIVE ${CMAKE_SOURCE_DIR}/tables/translit
  ${CMAKE_SOURCE_DIR}/tables/translit/*.txt)
list(TRANSFORM translit_files REPLACE "\\.txt$" "")
list(SORT translit_files)
set(PISAR_TRANSLIT_TABLES "")
foreach(id ${translit_files})
  list(APPEND PISAR_TRANSLIT_TABLES ${CMAKE_SOURCE_DIR}/tables/translit/${id}.txt)
endforeach()
add_executable(gen_translit ${CMAKE_SOURCE_DIR}/tools/gen_translit.c
  ${CMAKE_SOURCE_DIR}/src/translit_compile.c)
target_include_directories(gen_translit PRIVATE ${CMAKE_SOURCE_DIR}/src ${CMAKE_SOURCE_DIR}/include)
target_link_libraries(gen_translit PRIVATE ICU::uc ICU::data)
add_custom_command(OUTPUT ${PISAR_GEN_DIR}/translit_tables.h
  COMMAND gen_translit ${PISAR_GEN_DIR}/translit_tables.h ${PISAR_TRANSLIT_TABLES}
  DEPENDS gen_translit ${PISAR_TRANSLIT_TABLES}
  COMMENT "Compiling transliteration schemes")
list(APPEND PISAR_GENERATED ${PISAR_GEN_DIR}/translit_tables.h)
