#!/usr/bin/env bash
# Installs the system tools some tests drive, when they are missing and we may install them:
#   chromium                         browser tests of the maps and the web app (Debian's package)
#   tesseract-ocr tesseract-ocr-vie  OCR of scanned PDFs, with Vietnamese
#   libreoffice-writer-nogui         reading .doc, .rtf and .odt
#   virtuoso-opensource              a second SPARQL server for the server-path tests (virtuoso-t,
#                                    isql-vt); the tests start their own on loopback
# and says which it found, installed or could not install. Tests that need a missing tool skip
# with a reason, so a machine without apt (or without root) still runs the rest.
set -u
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie; } \
  || missing+=(tesseract-ocr tesseract-ocr-vie)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
{ command -v virtuoso-t >/dev/null 2>&1 && command -v isql-vt >/dev/null 2>&1; } \
  || missing+=(virtuoso-opensource)
if [ ${#missing[@]} -eq 0 ]; then
  echo "test setup: chromium, tesseract with Vietnamese, LibreOffice Writer and Virtuoso are" \
    "installed"
elif command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "test setup: installing ${missing[*]} (apt-get)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null) \
    || echo "test setup: could not install ${missing[*]}; the tests that need them will be skipped"
else
  echo "test setup: ${missing[*]} missing and not installable here (needs apt-get as root);" \
    "the tests that need them will be skipped"
fi
exit 0
