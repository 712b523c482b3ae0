#!/usr/bin/env bash
# Debian packages the interop, browser and wasm tests need. Idempotent; run as root (CI does).
#   libmbedtls-dev   Mbed TLS 2.28 (PSA core + file ITS) for the PSA/ITS interop harnesses
#   libosmocore-dev  libosmocore 1.7 (MILENAGE) for the differential tests and benchmarks
#   gcc, pkg-config  to build those harnesses
#   chromium         real headless browser for the IndexedDB and teaching-page tests (no download)
#   clang-16, lld-16, wasi-libc, libclang-rt-16-dev-wasm32
#                    compile C to wasm32-wasi for the psa-emu/wasm tests and example
set -euo pipefail
PKGS=(gcc pkg-config libmbedtls-dev libosmocore-dev chromium clang-16 lld-16 wasi-libc libclang-rt-16-dev-wasm32)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "system dependencies present: ${PKGS[*]}"
