#!/usr/bin/env bash
# Installs the system tools some tests drive, when they are missing and we may install them:
# Debian's chromium (browser tests of maps and the web app), tesseract with Vietnamese (OCR of
# scanned PDFs) and LibreOffice Writer (.doc/.rtf/.odt). Tests that need a tool skip with a reason
# when it is absent, so a machine without apt still runs the rest.
set -u
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie; } \
  || missing+=(tesseract-ocr tesseract-ocr-vie)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "test setup: installing ${missing[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null) \
    || echo "test setup: could not install ${missing[*]}; the tests that need them will be skipped"
fi
exit 0
