#!/usr/bin/env bash
# Builds the real-music fixtures for the loudness tests: three stereo tracks of freely licensed
# game music from Debian packages, cut to 45 s clips, each written as 16-bit WAV, 24-bit WAV,
# FLAC, MP3, Ogg Vorbis and Opus into fixtures/music/ (not committed).
# Packages are fetched with `apt-get download` and unpacked with dpkg-deb: nothing is installed.
# Needs: apt-get (with package lists), dpkg-deb, ffmpeg with libmp3lame, libvorbis and libopus.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/fixtures/music"

# name | Debian package | file inside the package | clip start (s) | clip length (s)
tracks=(
  "funnyboat-trip|funnyboat|usr/share/games/funnyboat/data/JDruid-Trip_on_the_Funny_Boat.ogg|40|45"
  "pangzero-upipang|pangzero|usr/share/perl5/auto/share/dist/Games-PangZero/UPiPang.mp3|10|45"
  "solarwolf-h2|solarwolf|usr/share/games/solarwolf/data/music/h2.ogg|20|45"
)
# variant | extension | ffmpeg output options
formats=(
  "s16|wav|-c:a pcm_s16le"
  "s24|wav|-c:a pcm_s24le"
  "s24|flac|-c:a flac -sample_fmt s32 -compression_level 5"
  "192k|mp3|-c:a libmp3lame -b:a 192k"
  "q5|ogg|-c:a libvorbis -q:a 5"
  "128k|opus|-c:a libopus -b:a 128k"
)

# Rebuild only when the recipe changed or a file is missing.
recipe="$(printf '%s\n' "${tracks[@]}" "${formats[@]}" | sha256sum | cut -d' ' -f1)"
complete=true
[[ "$(cat "$out/.recipe" 2>/dev/null || true)" == "$recipe" ]] || complete=false
for track in "${tracks[@]}"; do
  name="${track%%|*}"
  for format in "${formats[@]}"; do
    IFS='|' read -r variant ext _ <<<"$format"
    [[ -s "$out/$name.$variant.$ext" ]] || complete=false
  done
done
if $complete; then
  echo "fixtures/music is up to date"
  exit 0
fi

for tool in apt-get dpkg-deb ffmpeg; do
  command -v "$tool" >/dev/null || { echo "fetch-music: $tool is required" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# apt-get download drops privileges to _apt, which must be able to write here.
chmod 0777 "$work"
mkdir -p "$out"
rm -f "$out/.recipe"
sources="$work/SOURCES.txt"
echo "Clips made by scripts/fetch-music.sh from these Debian packages (licences: <package>.copyright):" >"$sources"

for track in "${tracks[@]}"; do
  IFS='|' read -r name package path start length <<<"$track"
  (cd "$work" && apt-get download -q "$package" >/dev/null) || {
    echo "fetch-music: could not download the Debian package '$package' (run 'apt-get update' first?)" >&2
    exit 1
  }
  deb="$(ls "$work/${package}_"*.deb | head -n 1)"
  mkdir -p "$work/$package"
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work/$package" "./$path" "./usr/share/doc/$package/copyright"
  echo "- $name: $(basename "$deb") /$path, ${length} s from ${start} s" >>"$sources"
  cp "$work/$package/usr/share/doc/$package/copyright" "$work/$package.copyright"

  # A float master keeps inter-sample and over-full-scale peaks; each format is encoded from it.
  master="$work/$name.master.wav"
  ffmpeg -nostdin -v error -y -ss "$start" -t "$length" -i "$work/$package/$path" \
    -af "afade=t=in:d=0.05,areverse,afade=t=in:d=0.05,areverse" -ac 2 -ar 44100 -c:a pcm_f32le "$master"
  for format in "${formats[@]}"; do
    IFS='|' read -r variant ext options <<<"$format"
    # shellcheck disable=SC2086 # options are several words on purpose
    ffmpeg -nostdin -v error -y -i "$master" $options -map_metadata -1 "$out/$name.$variant.$ext"
  done
  echo "fixtures/music: $name done"
done

cp "$sources" "$work"/*.copyright "$out/"
echo "$recipe" >"$out/.recipe"
echo "fixtures/music: $(( ${#tracks[@]} * ${#formats[@]} )) files written to $out"
