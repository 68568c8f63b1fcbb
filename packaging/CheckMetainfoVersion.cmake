# cmake -DFILE=metainfo.xml -DVERSION=x.y.z -P CheckMetainfoVersion.cmake
# Fails unless the first <release> of the AppStream metainfo is VERSION.
file(READ ${FILE} text)
string(REGEX MATCH "<release version=\"([^\"]+)\"" match "${text}")
if(NOT CMAKE_MATCH_1 STREQUAL VERSION)
    message(FATAL_ERROR "${FILE}: newest release is \"${CMAKE_MATCH_1}\", but project() says ${VERSION}; add a <release> for it")
endif()
