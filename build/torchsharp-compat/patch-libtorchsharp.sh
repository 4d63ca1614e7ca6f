#!/usr/bin/env bash
# Makes TorchSharp 0.107.0's libLibTorchSharp.so loadable on systems whose libstdc++ predates GCC 13.
#
#   patch-libtorchsharp.sh NATIVE_DIR
#
# NATIVE_DIR is an output folder that received libLibTorchSharp.so (runtimes/linux-x64/native). The library asks
# for GLIBCXX_3.4.32 for exactly one symbol, std::ios_base_library_init(); libtorch itself only needs 3.4.26.
# When the system libstdc++ lacks that version we
#   1. mark the GLIBCXX_3.4.32 requirement in .gnu.version_r as weak (VER_FLG_WEAK), so the loader only warns, and
#   2. add a DT_NEEDED entry for a tiny shim that defines the symbol (found through the library's $ORIGIN rpath).
# Idempotent; a no-op where libstdc++ is new enough. Never touches the NuGet cache: the output file may be a hard
# link into it, so the link is broken (copy + rename) before anything is written.
set -euo pipefail

native_dir=${1:?usage: patch-libtorchsharp.sh NATIVE_DIR}
lib="$native_dir/libLibTorchSharp.so"
shim_name=libtorchsharp-glibcxx-shim.so
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

[ -f "$lib" ] || exit 0

system_libstdcxx=$(/sbin/ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}')
[ -n "$system_libstdcxx" ] || system_libstdcxx=/usr/lib/x86_64-linux-gnu/libstdc++.so.6
if grep -q 'GLIBCXX_3\.4\.32' "$system_libstdcxx" 2>/dev/null; then
  exit 0
fi

for tool in readelf patchelf g++; do
  if ! command -v "$tool" >/dev/null; then
    echo "patch-libtorchsharp: '$tool' is missing; run scripts/bootstrap (it installs binutils, patchelf and g++)." >&2
    exit 1
  fi
done

already_needed() { readelf -d "$lib" | grep -q "NEEDED.*\[$shim_name\]"; }
requirement_line() { readelf -V "$lib" | grep -E 'Name: GLIBCXX_3\.4\.32 '; }

if [ ! -f "$native_dir/$shim_name" ]; then
  g++ -shared -fPIC -O2 -o "$native_dir/$shim_name.tmp" "$here/ios_base_library_init_shim.cpp"
  mv -f "$native_dir/$shim_name.tmp" "$native_dir/$shim_name"
fi

if already_needed && requirement_line | grep -q 'Flags: WEAK'; then
  exit 0
fi

# Break a possible hard link into the NuGet cache: from here on we only write our own copy.
cp "$lib" "$lib.patching"
mv -f "$lib.patching" "$lib"

if ! requirement_line | grep -q 'Flags: WEAK'; then
  # readelf prints the section's file offset and each entry's offset inside it; in an Elf64_Vernaux entry the
  # 16-bit vna_flags field follows the 32-bit vna_hash.
  section_offset=$(readelf -V "$lib" | awk '/\.gnu\.version_r/ {found=1} found && /Offset:/ {for (i=1;i<=NF;i++) if ($i=="Offset:") {print $(i+1); exit}}')
  entry_offset=$(requirement_line | awk '{print $1}' | tr -d ':')
  [ -n "$section_offset" ] && [ -n "$entry_offset" ] || { echo "patch-libtorchsharp: cannot locate GLIBCXX_3.4.32 in $lib" >&2; exit 1; }
  flags_offset=$(( section_offset + entry_offset + 4 ))
  printf '\x02' | dd of="$lib" bs=1 seek="$flags_offset" conv=notrunc status=none
  requirement_line | grep -q 'Flags: WEAK' || { echo "patch-libtorchsharp: failed to weaken GLIBCXX_3.4.32 in $lib" >&2; exit 1; }
fi

already_needed || patchelf --add-needed "$shim_name" "$lib"
echo "patch-libtorchsharp: patched $lib for a libstdc++ without GLIBCXX_3.4.32"
