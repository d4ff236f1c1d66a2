# Names: tables/names/ -> ${PISAR_GEN_DIR}/names_rules.h (key alphabet and press
# conventions) and ${PISAR_GEN_DIR}/names_gazetteer.h (built-in gazetteer with
# the phonetic key of every form, computed by the library's own key code).
set(names_rules_in ${CMAKE_SOURCE_DIR}/tables/names/cyrillic.txt
  ${CMAKE_SOURCE_DIR}/tables/names/latin.txt ${CMAKE_SOURCE_DIR}/tables/names/suffixes.txt
  ${CMAKE_SOURCE_DIR}/tables/names/notnames.txt ${CMAKE_SOURCE_DIR}/tables/names/ukrainian.txt)
set(names_gaz_in ${CMAKE_SOURCE_DIR}/tables/names/gazetteer.txt
  ${CMAKE_SOURCE_DIR}/tables/names/given.txt)

add_executable(gen_names ${CMAKE_SOURCE_DIR}/tools/gen_names.c)
add_custom_command(OUTPUT ${PISAR_GEN_DIR}/names_rules.h
  COMMAND gen_names rules ${PISAR_GEN_DIR}/names_rules.h ${names_rules_in}
  DEPENDS gen_names ${names_rules_in}
  COMMENT "Generating name key rules")

# The gazetteer generator links the key code itself, so keys agree by construction.
add_executable(gen_names_gaz ${CMAKE_SOURCE_DIR}/tools/gen_names.c
  ${CMAKE_SOURCE_DIR}/src/names_key.c ${CMAKE_SOURCE_DIR}/src/names_gaz.c
  ${CMAKE_SOURCE_DIR}/src/core.c ${PISAR_GEN_DIR}/names_rules.h)
target_compile_definitions(gen_names_gaz PRIVATE GEN_NAMES_GAZETTEER PISAR_BUILDING)
target_include_directories(gen_names_gaz PRIVATE ${CMAKE_SOURCE_DIR}/include
  ${CMAKE_SOURCE_DIR}/src ${PISAR_GEN_DIR} ${CMAKE_BINARY_DIR}/gen)
target_link_libraries(gen_names_gaz PRIVATE ICU::uc ICU::data)
add_custom_command(OUTPUT ${PISAR_GEN_DIR}/names_gazetteer.h
  COMMAND gen_names_gaz gazetteer ${PISAR_GEN_DIR}/names_gazetteer.h ${names_gaz_in}
  DEPENDS gen_names_gaz ${names_gaz_in}
  COMMENT "Generating the built-in gazetteer")
list(APPEND PISAR_GENERATED ${PISAR_GEN_DIR}/names_rules.h ${PISAR_GEN_DIR}/names_gazetteer.h)
