#!/usr/bin/env bash
# Builds the development corpus (fixtures/corpus/, not committed): MIDI from Debian packages rendered
# with fluidsynth in three General MIDI soundfonts, truth from each file's own tempo map, time and key
# signatures, a tuning and a held-out half fixed by a seed. Cached: a track is rendered again only
# when its MIDI changed. See scripts/build-corpus.py for the sources and the rules.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${CORPUS_DIR:-$root/fixtures/corpus}"
packages="fluidsynth mma abcmidi musescore3 fluid-soundfont-gm timgm6mb-soundfont musescore-general-soundfont-small"
for tool in fluidsynth mma abc2midi python3; do
  command -v "$tool" >/dev/null || { echo "$tool not found: apt-get install $packages" >&2; exit 1; }
done
command -v mscore3 >/dev/null || echo "mscore3 not found: the MuseScore demo scores are left out (apt-get install musescore3)" >&2
nice -n 10 python3 "$root/scripts/build-corpus.py" "$out"
