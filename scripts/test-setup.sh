#!/usr/bin/env bash
# Installs the system tools some tests drive, when they are missing and we may install them:
# Debian's chromium (browser tests). Tests that need a tool skip with a reason when it is absent.
set -u
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "test setup: installing Debian chromium for the browser tests"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "test setup: could not install chromium; browser tests will be skipped"
fi
exit 0
