# Single-byte code pages: tables/codepages/<name>.txt -> ${PISAR_GEN_DIR}/codepages.h
set(PISAR_CODEPAGES windows-1251 koi8-r koi8-u iso-8859-5 ibm866 ibm855 cp1125 x-mac-cyrillic
  windows-1250 windows-1252 windows-1254 windows-1257 iso-8859-1 iso-8859-2 iso-8859-3
  iso-8859-4 iso-8859-9 iso-8859-13 iso-8859-15 iso-8859-16 ibm437 ibm850 ibm852 ibm775
  macintosh x-mac-ce iso-8859-10 iso-8859-14)
set(cp_files "")
foreach(cp ${PISAR_CODEPAGES})
  list(APPEND cp_files ${CMAKE_SOURCE_DIR}/tables/codepages/${cp}.txt)
endforeach()
add_executable(gen_codepages ${CMAKE_SOURCE_DIR}/tools/gen_codepages.c)
target_link_libraries(gen_codepages PRIVATE ICU::uc ICU::data)
add_custom_command(OUTPUT ${PISAR_GEN_DIR}/codepages.h
  COMMAND gen_codepages ${PISAR_GEN_DIR}/codepages.h ${cp_files}
  DEPENDS gen_codepages ${cp_files}
  COMMENT "Generating code page tables")
list(APPEND PISAR_GENERATED ${PISAR_GEN_DIR}/codepages.h)
