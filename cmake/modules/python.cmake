# python.cmake -- the Python package pisar (python/pisar/, standard library
# only: ctypes over libpisar.so).
#
# Build: the package is copied to ${CMAKE_BINARY_DIR}/python/pisar/ with a
# generated _libpath.py naming the built libpisar.so, so that
#   PYTHONPATH=build/python python3 -c 'import pisar'
# works after the build. Install: the package goes into the interpreter's
# site-packages under the install prefix (PISAR_PYTHON_SITEDIR, relative to
# the prefix unless absolute), its _libpath.py naming the installed
# libpisar.so.<major> under the prefix given at install time.
find_program(PISAR_PYTHON NAMES python3 python)
set(PISAR_PYTHON_BUILD_DIR ${CMAKE_BINARY_DIR}/python)

file(GLOB PISAR_PYTHON_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/python/pisar/*.py)
foreach(src ${PISAR_PYTHON_SOURCES})
  get_filename_component(name ${src} NAME)
  configure_file(${src} ${PISAR_PYTHON_BUILD_DIR}/pisar/${name} COPYONLY)
endforeach()
file(GENERATE OUTPUT ${PISAR_PYTHON_BUILD_DIR}/pisar/_libpath.py
  CONTENT "# written by the build (cmake/modules/python.cmake)\nLIBRARY = \"$<TARGET_FILE:pisar_shared>\"\n")

# Where `cmake --install` puts the package: Debian's python3 reads
# <prefix>/lib/python3.X/dist-packages for prefix /usr/local, others
# <prefix>/lib/python3.X/site-packages.
if(NOT DEFINED PISAR_PYTHON_SITEDIR AND PISAR_PYTHON)
  execute_process(COMMAND ${PISAR_PYTHON} -c
    "import sys; d = 'dist-packages' if any(p.endswith('dist-packages') for p in sys.path) else 'site-packages'; print('lib/python%d.%d/%s' % (sys.version_info[0], sys.version_info[1], d))"
    OUTPUT_VARIABLE _pisar_sitedir OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE _pisar_py_rc)
  if(_pisar_py_rc EQUAL 0 AND _pisar_sitedir)
    set(PISAR_PYTHON_SITEDIR ${_pisar_sitedir} CACHE STRING
      "Where the Python package pisar is installed (relative to the prefix unless absolute)")
  endif()
endif()
if(PISAR_PYTHON_SITEDIR)
  install(FILES ${PISAR_PYTHON_SOURCES} DESTINATION ${PISAR_PYTHON_SITEDIR}/pisar)
  if(IS_ABSOLUTE "${PISAR_PYTHON_SITEDIR}")
    set(_pisar_pydest "${PISAR_PYTHON_SITEDIR}/pisar")
  else()
    set(_pisar_pydest "\${CMAKE_INSTALL_PREFIX}/${PISAR_PYTHON_SITEDIR}/pisar")
  endif()
  include(GNUInstallDirs)
  # the prefix is known only when installing (cmake --install --prefix DIR)
  install(CODE "
    set(_lib \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/libpisar.so.${PROJECT_VERSION_MAJOR}\")
    if(IS_ABSOLUTE \"${CMAKE_INSTALL_LIBDIR}\")
      set(_lib \"${CMAKE_INSTALL_LIBDIR}/libpisar.so.${PROJECT_VERSION_MAJOR}\")
    endif()
    file(WRITE \"\$ENV{DESTDIR}${_pisar_pydest}/_libpath.py\"
      \"# written by cmake --install\\nLIBRARY = \\\"\${_lib}\\\"\\n\")
    message(STATUS \"Installing: \$ENV{DESTDIR}${_pisar_pydest}/_libpath.py\")")
endif()
