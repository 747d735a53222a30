#!/usr/bin/env bash
# Installs what the operations tests (tests/integration/ops.rs) need on a fresh Debian machine,
# and nothing that is already there:
#   prometheus (Debian; brings promtool)  a real server to scrape the worker; config/rules checks
#   chromium (Debian)                     loads the status page headless
#   check-jsonschema (PyPI)               validates deploy/docker-compose.yml against the compose
#                                         spec it ships (--builtin-schema vendor.compose-spec);
#                                         its ruamel.yaml also lets the tests read YAML
#   kubernetes-validate (PyPI)            validates deploy/k8s/*.yaml offline, --strict
# Fails loudly: the tests fail under CI=true when a tool is missing.
set -euo pipefail

missing_apt=()
[ -x /usr/bin/prometheus ] && command -v promtool >/dev/null || missing_apt+=(prometheus)
[ -x /usr/bin/chromium ] || missing_apt+=(chromium)
if [ ${#missing_apt[@]} -gt 0 ]; then
  echo "ops-deps: apt-get install ${missing_apt[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing_apt[@]}"
fi
# The Debian package may start a server of its own (on systemd machines): the tests use
# their own on free ports, and this one is not needed.
if command -v systemctl >/dev/null && systemctl is-active --quiet prometheus 2>/dev/null; then
  systemctl stop prometheus || true
fi

# pip puts commands in the Python's scripts directory: make sure it is on PATH here.
scripts=$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')
case ":$PATH:" in *":$scripts:"*) ;; *) export PATH="$PATH:$scripts" ;; esac

missing_pip=()
command -v check-jsonschema >/dev/null || missing_pip+=(check-jsonschema)
command -v kubernetes-validate >/dev/null || missing_pip+=(kubernetes-validate)
if [ ${#missing_pip[@]} -gt 0 ]; then
  echo "ops-deps: pip install ${missing_pip[*]}"
  python3 -m pip install --quiet --disable-pip-version-check "${missing_pip[@]}"
  if command -v pyenv >/dev/null; then pyenv rehash; fi
fi

promtool --version | head -n1
/usr/bin/prometheus --version 2>&1 | head -n1
/usr/bin/chromium --version 2>/dev/null || true
check-jsonschema --version
kubernetes-validate --version
python3 -c 'import ruamel.yaml' || { echo "ops-deps: python3 cannot import ruamel.yaml" >&2; exit 1; }
