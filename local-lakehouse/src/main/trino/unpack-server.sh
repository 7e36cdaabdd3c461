#!/usr/bin/env bash
# Unpacks Trino's server tarball into the folder given. Maven's own unpacking turns the tarball's
# hard links (the plugins share many jars) into empty files, so GNU tar does it. Skips the work when
# the folder already holds this version.
set -euo pipefail
tarball="$1"
target="$2"
if [ -f "$target/.unpacked-from" ] && [ "$(cat "$target/.unpacked-from")" = "$(basename "$tarball")" ]; then
  exit 0
fi
rm -rf "$target.partial"
mkdir -p "$target.partial"
tar -xzf "$tarball" -C "$target.partial" --strip-components=1
basename "$tarball" > "$target.partial/.unpacked-from"
# Keep a plugin folder that the build has already filled (the Iceberg plugin, the H2 driver).
if [ -d "$target/plugin/iceberg" ]; then
  mv "$target/plugin/iceberg" "$target.partial/plugin/iceberg"
fi
rm -rf "$target"
mv "$target.partial" "$target"
