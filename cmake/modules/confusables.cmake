# Latin <-> Cyrillic look-alike letters from ICU's confusable data (UTS #39):
# tools/gen_confusables.c -> ${PISAR_GEN_DIR}/confusables.h
add_executable(gen_confusables ${CMAKE_SOURCE_DIR}/tools/gen_confusables.c)
target_link_libraries(gen_confusables PRIVATE ICU::i18n ICU::uc ICU::data)
add_custom_command(OUTPUT ${PISAR_GEN_DIR}/confusables.h
  COMMAND gen_confusables ${PISAR_GEN_DIR}/confusables.h
  DEPENDS gen_confusables
  COMMENT "Generating the Latin/Cyrillic confusables table")
list(APPEND PISAR_GENERATED ${PISAR_GEN_DIR}/confusables.h)
