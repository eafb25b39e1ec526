#!/usr/bin/env bash
# Renders the tempo/key test set (fixtures/tempo/) with fluidsynth and the FluidR3 GM soundfont.
# Idempotent: a track is rendered again only when its MIDI file changed. Needs the Debian packages
# fluidsynth and fluid-soundfont-gm (or SOUNDFONT=/path/to/a/gm.sf2).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${TEMPO_SET_DIR:-$root/fixtures/tempo}"
soundfont="${SOUNDFONT:-/usr/share/sounds/sf2/FluidR3_GM.sf2}"

command -v fluidsynth >/dev/null || { echo "fluidsynth not found: apt-get install fluidsynth" >&2; exit 1; }
[ -f "$soundfont" ] || { echo "soundfont $soundfont not found: apt-get install fluid-soundfont-gm" >&2; exit 1; }

node "$root/scripts/render-tempo-set.mjs" "$out"

rendered=0
for mid in "$out"/midi/*.mid; do
  name="$(basename "$mid" .mid)"
  wav="$out/$name.wav"
  if [ -s "$wav" ] && [ "$wav" -nt "$mid" ]; then continue; fi
  # Render to a temporary name so an interrupted run never leaves a half-written track behind.
  fluidsynth -q -n -i -R 1 -C 0 -g 0.6 -r 44100 -O s16 -T wav -F "$wav.part" "$soundfont" "$mid" >/dev/null
  mv "$wav.part" "$wav"
  rendered=$((rendered + 1))
done

# Drop audio whose MIDI no longer exists.
for wav in "$out"/*.wav; do
  [ -e "$wav" ] || continue
  [ -f "$out/midi/$(basename "$wav" .wav).mid" ] || rm -f "$wav"
done

echo "tempo set: $(ls "$out"/*.wav | wc -l) tracks in $out ($rendered rendered now)"
