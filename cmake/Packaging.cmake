# What `cmake --install` puts where, and how `cpack -G DEB` wraps it. In one place so that the package's contents
# can be read at a glance; resources/CMakeLists.txt installs the files that live there (desktop entry, icon, man
# page, copyright). Included last from the top-level CMakeLists.txt, when every target exists.
include(GNUInstallDirs)

set(_rd_programs route-designer route-sandbox routectl)
install(TARGETS ${_rd_programs} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The package ships no libraries of its own, so the $ORIGIN entries qt_standard_project_setup() puts on every
# installed RUNPATH have nothing to find (and would let a stray library next to the program load). route-designer
# links Graphviz's dot layout plugin from Graphviz's own plugin directory (app/CMakeLists.txt), which is not on the
# loader's path: INSTALL_RPATH_USE_LINK_PATH (set where the target is made) keeps that directory, and only that
# one, on its RUNPATH. The package test checks what each program's RUNPATH holds.
set_target_properties(${_rd_programs} PROPERTIES INSTALL_RPATH "")

set(CPACK_PACKAGE_NAME route-designer)
set(CPACK_PACKAGE_VENDOR "Route Designer")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Design, validate and deploy Cloudflare AI Gateway dynamic routes")
set(CPACK_PACKAGE_DESCRIPTION
    "A desktop editor for the dynamic routes of Cloudflare AI Gateway: see every element of a route on a \
canvas, get what the API would reject before saving, review and deploy versions, and read the gateway's logs. \
Includes routectl, which validates and formats route files in CI, and route-sandbox, a local server for the same \
API.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_RPM_PACKAGE_LICENSE GPL-3.0-or-later) # the .deb says it in /usr/share/doc/route-designer/copyright
set(RD_PACKAGE_MAINTAINER "Route Designer maintainers <maintainers@users.noreply.b-seed-8e74da5e.example>"
    CACHE STRING "The Maintainer field of the .deb")
set(CPACK_PACKAGE_CONTACT ${RD_PACKAGE_MAINTAINER})
set(CPACK_GENERATOR DEB)
# Debian ships debug symbols apart (-dbgsym); stripped, the package is a fraction of the RelWithDebInfo build.
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # route-designer_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Runtime dependencies come from dpkg-shlibdeps (dpkg-dev), which maps every linked library to the Debian
# package that ships it: libqt6*6, libgvc6 (whose shlibs file also covers the dot layout plugin), libqt6keychain1,
# and so on, never a -dev package. What Qt loads as plugins at run time no linker sees, so it is named here: the
# SQLite driver the sandbox keeps its state in, and the platform plugins a window needs.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, qt6-qpa-plugins")

include(CPack)
