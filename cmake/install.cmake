# install.cmake -- `cmake --install`: the pisar tool, libpisar (shared and
# static), the public headers, the man pages (pisar.1, libpisar.3), the bash
# completion, a CMake package and a pkg-config file. Included from the top
# CMakeLists.txt after the targets are defined.
#
#   find_package(pisar CONFIG REQUIRED)
#   target_link_libraries(app PRIVATE pisar::pisar)         # libpisar.so
#   target_link_libraries(app PRIVATE pisar::pisar_static)  # libpisar.a + its dependencies
#
#   cc app.c $(pkg-config --cflags --libs pisar)
#   cc -static app.c $(pkg-config --static --cflags --libs pisar)
#
# The one version is project(pisar VERSION ...): the shared library's
# VERSION/SOVERSION, pisarConfigVersion.cmake and pisar.pc all take it from there.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(PISAR_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/pisar
  CACHE STRING "Where pisarConfig.cmake goes, relative to the prefix")
mark_as_advanced(PISAR_INSTALL_CMAKEDIR)

set_target_properties(pisar_shared PROPERTIES EXPORT_NAME pisar)
set_target_properties(pisar_static PROPERTIES EXPORT_NAME pisar_static)

install(TARGETS pisar RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS pisar_shared pisar_static EXPORT pisarTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/include/pisar DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h")
install(FILES ${CMAKE_SOURCE_DIR}/docs/pisar.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 OPTIONAL)
install(FILES ${CMAKE_SOURCE_DIR}/docs/libpisar.3 DESTINATION ${CMAKE_INSTALL_MANDIR}/man3)
# bash completion, where bash-completion looks for it under the prefix
install(FILES ${CMAKE_SOURCE_DIR}/completion/pisar
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)

# CMake package. The static library's link interface names ICU::*, Iconv::Iconv,
# Threads::Threads, PkgConfig::LIBXML2 and PkgConfig::JANSSON (as $<LINK_ONLY:>);
# pisarConfig.cmake finds them again in the consumer.
install(EXPORT pisarTargets NAMESPACE pisar:: DESTINATION ${PISAR_INSTALL_CMAKEDIR})
configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/pisarConfig.cmake.in
  ${CMAKE_BINARY_DIR}/pisarConfig.cmake INSTALL_DESTINATION ${PISAR_INSTALL_CMAKEDIR})
# SameMajorVersion, like the SONAME (libpisar.so.<major>).
write_basic_package_version_file(${CMAKE_BINARY_DIR}/pisarConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_BINARY_DIR}/pisarConfig.cmake ${CMAKE_BINARY_DIR}/pisarConfigVersion.cmake
  DESTINATION ${PISAR_INSTALL_CMAKEDIR})

# pkg-config. Everything but the prefix is filled in now; the prefix when
# installing, so that `cmake --install build --prefix DIR` gets a pisar.pc
# that points into DIR.
set(PISAR_PC_LIBS_PRIVATE "")
if(NOT Iconv_IS_BUILT_IN)
  # GNU libiconv or another separate library (glibc has iconv built in)
  set(PISAR_PC_LIBS_PRIVATE "${PISAR_PC_LIBS_PRIVATE} -liconv")
endif()
if(CMAKE_THREAD_LIBS_INIT)
  set(PISAR_PC_LIBS_PRIVATE "${PISAR_PC_LIBS_PRIVATE} ${CMAKE_THREAD_LIBS_INIT}")
endif()
set(PISAR_PC_LIBS_PRIVATE "${PISAR_PC_LIBS_PRIVATE} -lm")
string(STRIP "${PISAR_PC_LIBS_PRIVATE}" PISAR_PC_LIBS_PRIVATE)
foreach(d LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${d}}")
    set(PISAR_PC_${d} "${CMAKE_INSTALL_${d}}")
  else()
    set(PISAR_PC_${d} "\${prefix}/${CMAKE_INSTALL_${d}}")
  endif()
endforeach()
set(PISAR_PC_PREFIX "@PISAR_PC_PREFIX@") # left for the install step
configure_file(${CMAKE_SOURCE_DIR}/cmake/pisar.pc.in ${CMAKE_BINARY_DIR}/pisar.pc.in @ONLY)
install(CODE "
  set(PISAR_PC_PREFIX \"\${CMAKE_INSTALL_PREFIX}\")
  configure_file(\"${CMAKE_BINARY_DIR}/pisar.pc.in\" \"${CMAKE_BINARY_DIR}/pisar.pc\" @ONLY)
")
install(FILES ${CMAKE_BINARY_DIR}/pisar.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
