# Letter-pair language models (tables/charset/<lang>.txt) and the detector's rules for
# hard pairs (tables/charset/rules.txt) -> ${PISAR_GEN_DIR}/lm_tables.h
# (trained by tools/train-models.sh; the order here is the order of the models).
set(PISAR_LM_LANGS ru uk be bg mk sr kk sr-Latn en de fr es it pl cs sk sl hr hu ro tr
  lt lv et nl pt da sv no fi ga cy br eo mt is ca eu gl sq fo af gd)
# No Luxembourgish (lb) model: trained on its only source, the UDHR, it took
# German news sentences with foreign names from the German model
# (tests/test_detect.c, test_language_api); see tables/charset/SOURCES.md.
set(lm_files "")
foreach(l ${PISAR_LM_LANGS})
  list(APPEND lm_files ${CMAKE_SOURCE_DIR}/tables/charset/${l}.txt)
endforeach()
add_executable(gen_lm ${CMAKE_SOURCE_DIR}/tools/gen_lm.c)
# gen_lm classifies code points below U+0800 as the library does (src/lm_class.h)
target_include_directories(gen_lm PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_link_libraries(gen_lm PRIVATE ICU::uc ICU::data)
add_custom_command(OUTPUT ${PISAR_GEN_DIR}/lm_tables.h
  COMMAND gen_lm ${PISAR_GEN_DIR}/lm_tables.h ${CMAKE_SOURCE_DIR}/tables/charset/rules.txt ${lm_files}
  DEPENDS gen_lm ${CMAKE_SOURCE_DIR}/tables/charset/rules.txt ${lm_files}
  COMMENT "Generating language model tables")
list(APPEND PISAR_GENERATED ${PISAR_GEN_DIR}/lm_tables.h)

# The trainer: built so that it keeps compiling, run only by tools/train-models.sh.
add_executable(train_lm ${CMAKE_SOURCE_DIR}/tools/train_lm.c)
target_include_directories(train_lm PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_link_libraries(train_lm PRIVATE ICU::uc ICU::data m)
