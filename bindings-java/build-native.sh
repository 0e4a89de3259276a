#!/usr/bin/env bash
# Builds the native library (cargo, release) and copies it where the jar
# takes it: $1/native/<os>-<arch>/. Called by Maven (pom.xml, phase
# generate-resources); HUYING_NATIVE_PROFILE=dev builds a debug library.
set -euo pipefail
out="$1"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
profile="${HUYING_NATIVE_PROFILE:-release}"
target="${CARGO_TARGET_DIR:-$root/target}"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux-x86_64; lib=libhuying_java.so ;;
  Linux-aarch64) platform=linux-aarch64; lib=libhuying_java.so ;;
  Darwin-arm64) platform=macos-aarch64; lib=libhuying_java.dylib ;;
  Darwin-x86_64) platform=macos-x86_64; lib=libhuying_java.dylib ;;
  *) echo "build-native.sh: unsupported platform $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac
if [ "$profile" = dev ]; then dir=debug; flag=""; else dir=release; flag="--release"; fi
echo "huying: cargo build $flag -p huying-java (target $target)"
(cd "$root" && CARGO_TARGET_DIR="$target" cargo build $flag -p huying-java --locked --quiet)
mkdir -p "$out/native/$platform"
cp "$target/$dir/$lib" "$out/native/$platform/$lib"
echo "huying: $out/native/$platform/$lib"
