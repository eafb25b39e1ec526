#!/usr/bin/env python3
"""Builds the development corpus (fixtures/corpus/): MIDI from Debian packages rendered with fluidsynth.

Sources: grooves of mma's style library rendered at chosen tempos and keys (mma writes the MIDI),
three grooves the library lacks (drum-and-bass two-step, jungle break, trap) written here in mma's
own language, and the MIDI and score files that mma, solfege and abcmidi ship (abc through abc2midi).
The packages reserved for the independent check are never read (RESERVED below).

Truth comes from each MIDI file itself: the tempo and meter from its tempo map and time signature
(a file is kept only when one tempo holds for at least 90 % of the excerpt), the key from its
key-signature event when the pitch histogram of its notes (drums, channel 10, left out) ranks that
key first. Every song goes into one half, tuning or held-out, by a seeded shuffle within its
category, so both halves cover every category and no song is in both. Usage: see build-corpus.sh.
"""

import concurrent.futures
import glob
import hashlib
import json
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import wave

SEED = 12
EXCERPT_SEC = 30.0
STEADY_SHARE = 0.9
# Above this a notated beat is usually felt at half speed: such files are left out, not re-labelled.
MAX_SCORED_BPM = 224
SOUNDFONTS = {
    "fluidr3": "/usr/share/sounds/sf2/FluidR3_GM.sf2",
    "timgm6mb": "/usr/share/sounds/sf2/TimGM6mb.sf2",
    "musescore": "/usr/share/sounds/sf3/MuseScore_General_Lite.sf3",
}
# Reserved for the independent check: never a source of the corpus.
RESERVED = ("openttd-openmsx", "freedoom", "simutrans", "planetblupi", "lincity", "fretsonfire")
MMA_LIB = "/usr/share/mma/lib"
PITCHES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]

# mma styles: (library file, tempo in mma beats per minute, category, tactus beats per mma beat,
# meter). The tactus factor turns mma's beat into the counted beat: mma counts the eighths of its
# 6/8 styles with "Time 6" (the dotted quarter is a third of that), and the quarter elsewhere.
STYLES = [
    # drum-and-bass, jungle (zoom's machine patterns, with a bass and pad added)
    ("zoom/dnb:DnB01", 172, "dnb"), ("zoom/dnb:DnB02", 174, "dnb"), ("zoom/dnb:DnB03", 176, "dnb"),
    ("zoom/dnb:DnB04", 170, "dnb"), ("zoom/dnb:DnB05", 178, "dnb"), ("zoom/dnb:DnB06", 168, "dnb"),
    ("custom:TwoStep", 172, "dnb"), ("custom:TwoStep", 175, "dnb"), ("custom:Jungle", 165, "dnb"),
    ("custom:Jungle", 170, "dnb"), ("custom:Jungle", 160, "dnb"), ("custom:TwoStep", 168, "dnb"),
    # trap and half-time
    ("custom:Trap", 140, "trap"), ("custom:Trap", 145, "trap"), ("custom:Trap", 150, "trap"),
    ("custom:Trap", 135, "trap"), ("custom:HalfTime", 140, "trap"), ("custom:HalfTime", 150, "trap"),
    # hip-hop, trip-hop
    ("casio/hip-hop", 92, "hiphop"), ("alexis/hiphop", 88, "hiphop"), ("zoom/hiphop", 95, "hiphop"),
    ("zoom/trip", 84, "hiphop"), ("zoom/rnb", 98, "hiphop"),
    # ballads under 80
    ("stdlib/ballad", 68, "ballad"), ("stdlib/popballad", 72, "ballad"), ("stdlib/rockballad", 76, "ballad"),
    ("stdlib/slowblues", 62, "ballad"), ("stdlib/slowjazz", 66, "ballad"), ("stdlib/pianoballad", 64, "ballad"),
    ("stdlib/stringballad", 70, "ballad"), ("stdlib/guitarballad", 74, "ballad"), ("stdlib/folkballad", 78, "ballad"),
    ("stdlib/rb-ballad", 63, "ballad"), ("stdlib/slowbolero", 72, "ballad"), ("stdlib/slowcountry", 70, "ballad"),
    ("stdlib/slowspiritual", 66, "ballad"), ("casio/8beatballad1", 70, "ballad"), ("casio/8beatballad2", 75, "ballad"),
    ("casio/16beatballad1", 66, "ballad"), ("casio/16beatballad2", 72, "ballad"), ("stdlib/ballad128", 60, "ballad", 1, "12/8"),
    ("stdlib/slowbroadway", 76, "ballad"), ("casio/mellowrb", 68, "ballad"), ("kara/kwestballad", 74, "ballad"),
    # swing and jazz
    ("stdlib/swing", 150, "swing"), ("stdlib/easyswing", 112, "swing"), ("stdlib/jazzcombo", 132, "swing"),
    ("stdlib/bigband", 160, "swing"), ("stdlib/mellowjazz", 100, "swing"), ("stdlib/jazzguitar", 124, "swing"),
    ("stdlib/evansish", 118, "swing"), ("stdlib/nitejazz", 108, "swing"), ("stdlib/modernjazz", 140, "swing"),
    ("yamaha/jazzswing", 144, "swing"), ("yamaha/jazzbasie", 126, "swing"), ("yamaha/jazztrio", 136, "swing"),
    ("stdlib/gypsyjazz", 180, "swing"), ("stdlib/countryswing", 128, "swing"), ("stdlib/westernswing", 146, "swing"),
    ("stdlib/jazz-54", 150, "swing", 1, "5/4"), ("stdlib/softshoe", 116, "swing"),
    # 3/4
    ("stdlib/waltz", 96, "waltz", 1, "3/4"), ("stdlib/jazzwaltz", 138, "waltz", 1, "3/4"),
    ("stdlib/countrywaltz", 108, "waltz", 1, "3/4"), ("stdlib/frenchwaltz", 126, "waltz", 1, "3/4"),
    ("stdlib/rockwaltz", 90, "waltz", 1, "3/4"), ("stdlib/broadwaywaltz", 112, "waltz", 1, "3/4"),
    ("stdlib/latinwaltz", 120, "waltz", 1, "3/4"), ("stdlib/arpeggiowaltz", 84, "waltz", 1, "3/4"),
    ("stdlib/modernjazzwaltz", 150, "waltz", 1, "3/4"), ("casio/popwaltz", 100, "waltz", 1, "3/4"),
    ("zoom/rock34", 110, "waltz", 1, "3/4"), ("zoom/bald34", 80, "waltz", 1, "3/4"),
    # 6/8 and 12/8
    ("stdlib/68swing", 216, "compound", 1 / 3, "6/8"), ("stdlib/arpeggio68", 180, "compound", 1 / 3, "6/8"),
    ("stdlib/blues68", 204, "compound", 1 / 3, "6/8"), ("casio/68ballad", 165, "compound", 1 / 3, "6/8"),
    ("stdlib/68march", 112, "compound", 1, "6/8"), ("stdlib/ballad68", 64, "compound", 1, "12/8"),
    ("stdlib/rock-128", 84, "compound", 1, "12/8"), ("stdlib/blues128", 72, "compound", 1, "12/8"),
    # faster than 170
    ("zoom/punk", 184, "fast"), ("stdlib/fastblues", 176, "fast"), ("stdlib/bluegrass", 190, "fast"),
    ("stdlib/dixie", 182, "fast"), ("stdlib/quickstep", 200, "fast"), ("stdlib/fastswing", 210, "fast"),
    ("stdlib/bebop", 216, "fast"), ("stdlib/vienesewaltz", 178, "fast", 1, "3/4"), ("stdlib/fastwaltz", 186, "fast", 1, "3/4"),
    ("stdlib/fastjazzwaltz", 204, "fast", 1, "3/4"), ("casio/fastbigband", 196, "fast"), ("kara/fasttwist", 172, "fast"),
    ("stdlib/polka", 180, "fast"), ("stdlib/charleston", 192, "fast"),
    # marches, hymns, orchestral-like
    ("stdlib/march", 116, "march"), ("stdlib/bwmarch", 120, "march"), ("stdlib/dixiemarch", 124, "march"),
    ("stdlib/hymn", 84, "march"), ("casio/germanmarch", 118, "march"), ("stdlib/showtune", 104, "march"),
    # pop, rock, funk, dance
    ("stdlib/8beat", 116, "pop"), ("stdlib/softrock", 96, "pop"), ("stdlib/folkrock", 122, "pop"),
    ("casio/80spop", 118, "pop"), ("casio/8beatpop1", 104, "pop"), ("casio/60spop", 126, "pop"),
    ("stdlib/50srock", 152, "rock"), ("stdlib/60srock", 132, "rock"), ("stdlib/basicrock", 124, "rock"),
    ("stdlib/bubblerock", 128, "rock"), ("casio/heavymetal", 138, "rock"), ("casio/digitalrock", 120, "rock"),
    ("zoom/rock", 130, "rock"), ("zoom/mtl", 160, "rock"), ("stdlib/jazzrock", 110, "rock"),
    ("stdlib/bvfunk", 102, "funk"), ("stdlib/dsoul", 96, "funk"), ("stdlib/rb", 90, "funk"),
    ("casio/funk1", 106, "funk"), ("zoom/funk", 100, "funk"), ("stdlib/strut", 108, "funk"),
    ("stdlib/trance", 138, "dance"), ("casio/house", 124, "dance"), ("zoom/house", 126, "dance"),
    ("zoom/techno", 132, "dance"), ("casio/dance1", 128, "dance"), ("casio/discosoul", 116, "dance"),
    ("zoom/dance", 122, "dance"), ("casio/latinhouse", 125, "dance"),
    # latin, reggae
    ("stdlib/bossanova", 132, "latin"), ("stdlib/samba", 100, "latin"), ("stdlib/salsa", 180, "latin"),
    ("stdlib/mambo", 184, "latin"), ("stdlib/merengue", 130, "latin"), ("stdlib/chacha", 120, "latin"),
    ("stdlib/rhumba", 108, "latin"), ("stdlib/tango", 120, "latin"), ("stdlib/beguine", 116, "latin"),
    ("stdlib/bolero", 100, "latin"), ("stdlib/calypso", 112, "latin"), ("stdlib/son", 96, "latin"),
    ("zoom/reggae", 76, "latin"), ("stdlib/ska", 150, "latin"), ("zoom/bossa", 136, "latin"),
    # country, blues, folk
    ("stdlib/blues", 96, "blues"), ("stdlib/countryblues", 104, "blues"), ("stdlib/boggiewoggie", 160, "blues"),
    ("stdlib/shuffleboggie", 128, "blues"), ("zoom/shuffle", 112, "blues"), ("stdlib/folk", 100, "folk"),
    ("stdlib/bluefolk", 92, "folk"), ("stdlib/hillcountry", 120, "folk"), ("stdlib/zydeco", 134, "folk"),
    ("stdlib/spiritual", 88, "folk"), ("stdlib/popspiritual", 80, "folk"), ("stdlib/ragtime", 100, "folk"),
    ("stdlib/foxtrot", 120, "folk"), ("stdlib/jive", 168, "folk"), ("stdlib/twist", 156, "folk"),
]

# Songs whose tempo drifts: kept for the stability check only, never scored on tempo.
DRIFTING = [("stdlib/8beat", 100, 118, "drift"), ("stdlib/ballad", 66, 78, "drift"), ("stdlib/swing", 136, 160, "drift")]

# Grooves mma's library lacks, in mma's own language. Beats count from 1; "0" is the shortest hit.
CUSTOM_GROOVES = {
    # Two-step: kick on 1 and the "and" of 3, snare on 2 and 4, eighth-note hats, at 170-176.
    "TwoStep": """
SeqClear
SeqSize 2
Time 4
Begin Drum-Kick
  Tone KickDrum1
  Sequence { 1 0 120; 3.5 0 110 } { 1 0 120; 2.75 0 90; 3.5 0 110 }
End
Begin Drum-Snare
  Tone SnareDrum1
  Sequence { 2 0 120; 4 0 120 } { 2 0 120; 4 0 120; 4.75 0 50 }
End
Begin Drum-Hat
  Tone ClosedHiHat
  Sequence { 1 0 70; 1.5 0 50; 2 0 70; 2.5 0 50; 3 0 70; 3.5 0 50; 4 0 70; 4.5 0 50 }
End
""",
    # Jungle: a chopped break with ghost snares and a ride, at 160-170.
    "Jungle": """
SeqClear
SeqSize 2
Time 4
Begin Drum-Kick
  Tone KickDrum1
  Sequence { 1 0 120; 1.5 0 100; 3.25 0 100; 3.5 0 90 } { 1 0 120; 2.75 0 100; 3.5 0 100 }
End
Begin Drum-Snare
  Tone SnareDrum1
  Sequence { 2 0 120; 2.75 0 50; 4 0 120; 4.75 0 60 } { 2 0 120; 3.25 0 50; 4 0 120; 4.5 0 70; 4.75 0 50 }
End
Begin Drum-Ride
  Tone RideCymbal1
  Sequence { 1 0 60; 1.5 0 40; 2 0 60; 2.5 0 40; 3 0 60; 3.5 0 40; 4 0 60; 4.5 0 40 }
End
""",
    # Trap: 808 kick, clap on 3 (half-time feel), sixteenth hats with 32nd rolls, at 135-150.
    "Trap": """
SeqClear
SeqSize 2
Time 4
Begin Drum-Kick
  Tone KickDrum2
  Sequence { 1 0 127; 2.75 0 110; 4.5 0 100 } { 1 0 127; 1.75 0 100; 3.75 0 110 }
End
Begin Drum-Clap
  Tone HandClap
  Sequence { 3 0 127 } { 3 0 127; 4.75 0 60 }
End
Begin Drum-Hat
  Tone ClosedHiHat
  Sequence { 1 0 80; 1.25 0 50; 1.5 0 70; 1.75 0 50; 2 0 80; 2.25 0 50; 2.5 0 70; 2.75 0 50; 3 0 80; 3.25 0 50; 3.5 0 70; 3.75 0 50; 4 0 80; 4.25 0 50; 4.5 0 70; 4.75 0 50 } \\
           { 1 0 80; 1.25 0 50; 1.5 0 70; 1.75 0 50; 2 0 80; 2.125 0 40; 2.25 0 50; 2.375 0 40; 2.5 0 70; 2.75 0 50; 3 0 80; 3.25 0 50; 3.5 0 70; 3.75 0 50; 4 0 80; 4.125 0 45; 4.25 0 50; 4.375 0 45; 4.5 0 70; 4.625 0 45; 4.75 0 50; 4.875 0 45 }
End
""",
    # Half-time rock: kick on 1, snare on 3 only, eighth hats.
    "HalfTime": """
SeqClear
SeqSize 1
Time 4
Begin Drum-Kick
  Tone KickDrum1
  Sequence { 1 0 120; 2.5 0 100; 4.5 0 90 }
End
Begin Drum-Snare
  Tone SnareDrum1
  Sequence { 3 0 127 }
End
Begin Drum-Hat
  Tone ClosedHiHat
  Sequence { 1 0 70; 1.5 0 50; 2 0 70; 2.5 0 50; 3 0 70; 3.5 0 50; 4 0 70; 4.5 0 50 }
End
""",
}

# Bass and pad for grooves that are drums only (zoom's patterns and the custom ones).
HARMONY_LAYER = """
Begin Bass-Sub
  Voice {bass}
  Octave 3
  Sequence {{ 1 4 1 110; 3 8 1 90 }}
  Volume f
End
Begin Chord-Pad
  Voice {pad}
  Octave 5
  Sequence {{ 1 1 80 }}
  Voicing Mode=Optimal
  Volume mp
End
"""

# Progressions as (semitones above the tonic, chord quality).
PROGRESSIONS = {
    "major": [
        [(0, ""), (7, ""), (9, "m"), (5, "")],
        [(0, ""), (5, ""), (7, "7"), (0, "")],
        [(0, ""), (9, "m"), (5, ""), (7, "7")],
    ],
    "major-jazz": [[(2, "m7"), (7, "7"), (0, "M7"), (0, "6")], [(0, "M7"), (9, "m7"), (2, "m7"), (7, "7")]],
    "minor": [
        [(0, "m"), (5, "m"), (7, "7"), (0, "m")],
        [(0, "m"), (8, ""), (5, "m"), (7, "7")],
    ],
    "minor-jazz": [[(2, "m7b5"), (7, "7"), (0, "m7"), (0, "m6")]],
}
MINOR_SHARE = {"dnb": 0.7, "trap": 0.8, "hiphop": 0.6, "ballad": 0.3}


def main() -> None:
    out = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "fixtures/corpus")
    for sub in ("mma", "midi", "audio"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    check_tools()
    rng = random.Random(SEED)
    songs = mma_songs(out, rng) + shipped_songs(out)
    kept, dropped = [], []
    for song in songs:
        why = judge(song)
        (dropped if why else kept).append((song, why))
    tracks = assign(kept)
    if not os.environ.get("CORPUS_NO_RENDER"):
        render_all(out, tracks)
    manifest = {
        "seed": SEED,
        "excerptSec": EXCERPT_SEC,
        "tracks": [strip(t) for t in tracks],
        "dropped": [{"song": s["song"], "why": why} for s, why in dropped],
    }
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    halves = {h: sum(1 for t in tracks if t["half"] == h) for h in ("tuning", "heldout")}
    print(f"corpus: {len(tracks)} tracks from {len(kept)} songs ({halves}), {len(dropped)} songs dropped, in {out}")


def check_tools() -> None:
    for tool in ("fluidsynth", "mma", "abc2midi"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} not found: apt-get install fluidsynth mma abcmidi")
    for name, path in SOUNDFONTS.items():
        if not os.path.exists(path):
            sys.exit(f"soundfont {name} missing ({path}): apt-get install fluid-soundfont-gm timgm6mb-soundfont musescore-general-soundfont-small")


# ---------- sources ----------


def mma_songs(out: str, rng: random.Random) -> list:
    songs = []
    entries = [(s, False) for s in STYLES] + [((d[0], d[1], d[3], 1, None, d[2]), True) for d in DRIFTING]
    for entry, drifting in entries:
        style, tempo, category = entry[0], entry[1], entry[2]
        factor = entry[3] if len(entry) > 3 else 1
        meter = entry[4] if len(entry) > 4 and entry[4] else "4/4"
        end_tempo = entry[5] if drifting else None
        mode = "minor" if rng.random() < MINOR_SHARE.get(category, 0.25) else "major"
        tonic = rng.randrange(12)
        jazz = category in ("swing",) and rng.random() < 0.6
        progression = rng.choice(PROGRESSIONS[mode + ("-jazz" if jazz else "")])
        name = style.replace("/", "-").replace(":", "-").lower()
        song_id = f"mma-{name}-{tempo}" + ("-drift" if drifting else "")
        path = os.path.join(out, "mma", song_id + ".mma")
        text = mma_text(style, tempo, end_tempo, meter, tonic, mode, progression, factor)
        mid = os.path.join(out, "midi", song_id + ".mid")
        if not (os.path.exists(path) and open(path).read() == text and os.path.exists(mid)):
            with open(path, "w") as f:
                f.write(text)
            run(["mma", path, "-f", mid])
        songs.append({
            "song": song_id, "source": "mma", "style": style, "category": category,
            "midi": mid, "tactusFactor": factor, "meter": meter, "drifting": drifting,
        })
    return songs


def mma_text(style, tempo, end_tempo, meter, tonic, mode, progression, factor) -> str:
    lib, _, groove = style.partition(":")
    beats_per_bar = {"3/4": 3, "5/4": 5, "6/8": 2 if factor == 1 else 6, "12/8": 4}.get(meter, 4)
    bars = int((EXCERPT_SEC + 2) * tempo / 60 / beats_per_bar) + 2
    fifths = ((tonic + (3 if mode == "minor" else 0)) * 7) % 12
    fifths = fifths - 12 if fifths > 6 else fifths
    sig = f"{abs(fifths)}{'#' if fifths >= 0 else 'b'} {mode.capitalize()}"
    lines = [f"// {style} at {tempo}", f"Tempo {tempo}", f"KeySig {sig}"]
    if lib == "custom":
        lines += [CUSTOM_GROOVES[groove], f"DefGroove {groove} custom", f"Groove {groove}"]
    else:
        name = groove or first_groove(lib)
        lines += [f"Use {lib}", f"Groove {name}"]
    if lib == "custom" or lib.startswith("zoom/"):
        voices = [("FretlessBass", "Strings"), ("SynthBass1", "HaloPad"), ("FingeredBass", "WarmPad")]
        bass, pad = voices[tonic % 3]
        lines.append(HARMONY_LAYER.format(bass=bass, pad=pad))
    for bar in range(1, bars + 1):
        if end_tempo and bar == 3:
            lines.append(f"Tempo {end_tempo} {bars - 4}")
        step, quality = progression[(bar - 1) % len(progression)]
        lines.append(f"{bar} {PITCHES[(tonic + step) % 12]}{quality}")
    return "\n".join(lines) + "\n"


def first_groove(lib: str) -> str:
    with open(os.path.join(MMA_LIB, lib + ".mma"), errors="replace") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and parts[0].lower() == "defgroove":
                return parts[1]
    raise SystemExit(f"no groove in {lib}")


def shipped_songs(out: str) -> list:
    """MIDI shipped by Debian packages, and abc tunes converted by abc2midi."""
    found = []
    for pattern in ("/usr/share/doc/mma/examples/**/*.mid", "/usr/share/solfege/**/*.midi", "/usr/share/mma/lib/pflib/*.mid"):
        for path in sorted(glob.glob(pattern, recursive=True)):
            package = "mma" if "/mma/" in path else "solfege"
            found.append((package, path))
    abc_dir = os.path.join(out, "midi", "abc")
    os.makedirs(abc_dir, exist_ok=True)
    for abc in sorted(glob.glob("/usr/share/doc/abcmidi/examples/*.abc")):
        base = os.path.splitext(os.path.basename(abc))[0]
        if not glob.glob(os.path.join(abc_dir, base + "*.mid")):
            run(["abc2midi", abc, "-o", os.path.join(abc_dir, base + ".mid")], cwd=abc_dir, check=False)
            # abc2midi names a file of several tunes base1.mid, base2.mid, … in the working directory.
        for mid in sorted(glob.glob(os.path.join(abc_dir, base + "*.mid"))):
            found.append(("abcmidi", mid))
    score_dir = os.path.join(out, "midi", "musescore")
    os.makedirs(score_dir, exist_ok=True)
    for score in sorted(glob.glob("/usr/share/mscore3-*/demos/*.msc[xz]")):
        mid = os.path.join(score_dir, os.path.splitext(os.path.basename(score))[0] + ".mid")
        if shutil.which("mscore3") and not os.path.exists(mid):
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
            subprocess.run(["mscore3", "-o", mid, score], env=env, capture_output=True, check=False)
        if os.path.exists(mid):
            found.append(("musescore3", mid))
    songs = []
    for package, path in found:
        if any(r in path for r in RESERVED):
            continue
        stem = os.path.splitext(os.path.basename(path))[0].lower()
        songs.append({
            "song": f"{package}-{stem}", "source": package, "style": package, "category": "orchestral" if package == "musescore3" else "score",
            "midi": path, "tactusFactor": None, "meter": None, "drifting": False,
        })
    # The same tune shipped twice (mma's example directories repeat some) is one song.
    unique = {}
    for s in songs:
        unique.setdefault(s["song"], s)
    return list(unique.values())


# ---------- MIDI reading ----------


def read_midi(path: str) -> dict:
    data = open(path, "rb").read()
    if data[:4] != b"MThd":
        raise ValueError("not a MIDI file")
    _, ntracks, division = struct.unpack(">HHH", data[8:14])
    if division & 0x8000:
        raise ValueError("SMPTE time division")
    pos = 8 + struct.unpack(">I", data[4:8])[0]
    tempos, timesigs, keysigs, notes = [], [], [], []
    for _ in range(ntracks):
        if data[pos:pos + 4] != b"MTrk":
            break
        length = struct.unpack(">I", data[pos + 4:pos + 8])[0]
        end = pos + 8 + length
        p, tick, status = pos + 8, 0, 0
        open_notes = {}
        while p < end:
            delta, p = varlen(data, p)
            tick += delta
            byte = data[p]
            if byte == 0xFF:
                kind, p = data[p + 1], p + 2
                size, p = varlen(data, p)
                body = data[p:p + size]
                p += size
                if kind == 0x51 and size == 3:
                    tempos.append((tick, 60e6 / int.from_bytes(body, "big")))
                elif kind == 0x58 and size >= 2:
                    timesigs.append((tick, f"{body[0]}/{2 ** body[1]}"))
                elif kind == 0x59 and size == 2:
                    keysigs.append((tick, struct.unpack("b", body[:1])[0], body[1]))
                continue
            if byte in (0xF0, 0xF7):
                size, p = varlen(data, p + 1)
                p += size
                continue
            if byte & 0x80:
                status, p = byte, p + 1
            kind, channel = status & 0xF0, status & 0x0F
            if kind in (0xC0, 0xD0):
                p += 1
                continue
            a, b = data[p], data[p + 1]
            p += 2
            if kind == 0x90 and b > 0:
                open_notes.setdefault((channel, a), []).append((tick, b))
            elif kind == 0x80 or (kind == 0x90 and b == 0):
                started = open_notes.get((channel, a))
                if started:
                    on, velocity = started.pop(0)
                    notes.append((on, tick, channel, a, velocity))
        pos = end
    tempos.sort()
    if not tempos or tempos[0][0] > 0:
        tempos.insert(0, (0, 120.0))
    return {"division": division, "tempos": tempos, "timesigs": sorted(timesigs), "keysigs": sorted(keysigs), "notes": notes}


def truncated_midi(path: str, end_sec: float, out: str) -> None:
    """A copy of the file without the events after end_sec (plus a second of release), so that
    fluidsynth renders the excerpt and not the whole piece."""
    midi = read_midi(path)
    to_sec, marks = seconds_of(midi)
    division = midi["division"]
    end_tick = 0
    for tick, seconds, bpm in marks:
        if seconds <= end_sec + 1:
            end_tick = tick + int((end_sec + 1 - seconds) * bpm / 60 * division)
    data = open(path, "rb").read()
    header_len = 8 + struct.unpack(">I", data[4:8])[0]
    ntracks = struct.unpack(">H", data[10:12])[0]
    chunks, pos = [], header_len
    for _ in range(ntracks):
        if data[pos:pos + 4] != b"MTrk":
            break
        length = struct.unpack(">I", data[pos + 4:pos + 8])[0]
        end = pos + 8 + length
        p, tick, last_tick, status, body = pos + 8, 0, 0, 0, bytearray()
        while p < end:
            delta, p = varlen(data, p)
            tick += delta
            start = p
            byte = data[p]
            if byte == 0xFF:
                size, q = varlen(data, p + 2)
                p = q + size
                event = data[start:p]
            elif byte in (0xF0, 0xF7):
                size, q = varlen(data, p + 1)
                p = q + size
                event = data[start:p]
            else:
                if byte & 0x80:
                    status, p = byte, p + 1
                size = 1 if status & 0xF0 in (0xC0, 0xD0) else 2
                event = bytes([status]) + data[p:p + size]
                p += size
            if tick > end_tick:
                break
            if event[:2] == b"\xff\x2f":
                continue
            body += encode_varlen(tick - last_tick) + event
            last_tick = tick
        # The notes still sounding at the cut never get their note-off: silence every channel, or a
        # looped sample that never decays (TimGM6mb's organs and pads) keeps fluidsynth rendering.
        body += encode_varlen(max(0, end_tick - last_tick)) + ALL_SOUND_OFF + b"\x00\xff\x2f\x00"
        chunks.append(b"MTrk" + struct.pack(">I", len(body)) + bytes(body))
        pos = end
    with open(out, "wb") as f:
        f.write(data[:10] + struct.pack(">H", len(chunks)) + data[12:header_len] + b"".join(chunks))


# Sustain pedal up, all notes off, all sound off on each of the 16 channels, at one tick.
ALL_SOUND_OFF = b"\x00".join(bytes([0xB0 | ch, cc, 0]) for ch in range(16) for cc in (0x40, 0x7B, 0x78))


def encode_varlen(value: int) -> bytes:
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    return bytes(reversed(out))


def varlen(data: bytes, p: int):
    value = 0
    while True:
        byte = data[p]
        p += 1
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, p


def seconds_of(midi: dict):
    """Tick -> seconds through the tempo map."""
    division, tempos = midi["division"], midi["tempos"]
    marks = []  # (tick, seconds, bpm)
    seconds = 0.0
    for i, (tick, bpm) in enumerate(tempos):
        if i > 0:
            prev_tick, prev_bpm = tempos[i - 1]
            seconds += (tick - prev_tick) / division * 60 / prev_bpm
        marks.append((tick, seconds, bpm))

    def convert(tick: int) -> float:
        lo = 0
        for i, m in enumerate(marks):
            if m[0] <= tick:
                lo = i
        t0, s0, bpm = marks[lo]
        return s0 + (tick - t0) / division * 60 / bpm

    return convert, marks


# ---------- truth ----------

# Krumhansl–Kessler probe-tone profiles, used only to check the key signature against the notes.
KK_MAJOR = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88]
KK_MINOR = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17]


def judge(song: dict):
    """Fills in the truth of a song; returns why it is left out, or None."""
    try:
        midi = read_midi(song["midi"])
    except (ValueError, IndexError, struct.error) as error:
        return f"unreadable MIDI: {error}"
    if not midi["notes"]:
        return "no notes"
    to_sec, marks = seconds_of(midi)
    start = min(to_sec(n[0]) for n in midi["notes"])
    last = max(to_sec(n[1]) for n in midi["notes"])
    if last - start < 12:
        return f"only {last - start:.1f} s of music"
    end = min(last, start + EXCERPT_SEC)
    # Seconds of the excerpt spent at each tempo (tempos within 1 % pooled).
    share = {}
    for i, (_, s0, bpm) in enumerate(marks):
        s1 = marks[i + 1][1] if i + 1 < len(marks) else float("inf")
        overlap = max(0.0, min(s1, end) - max(s0, start))
        if overlap > 0:
            key = next((k for k in share if abs(k / bpm - 1) < 0.01), bpm)
            share[key] = share.get(key, 0) + overlap
    main_bpm, main_sec = max(share.items(), key=lambda kv: kv[1])
    steady = main_sec >= STEADY_SHARE * (end - start)
    if not steady and not song["drifting"]:
        return f"no single tempo: {main_sec / (end - start):.0%} at {main_bpm:.1f}"
    meter = song["meter"] or next((m for t, m in reversed(midi["timesigs"]) if to_sec(t) <= start + 1), None) or "4/4"
    factor = song["tactusFactor"]
    if factor is None:
        top, bottom = (int(x) for x in meter.split("/"))
        # Compound meters count dotted quarters; cut time counts halves.
        factor = 2 / 3 if bottom == 8 and top % 3 == 0 else (0.5 if bottom == 2 else 1)
    bpm = main_bpm * factor
    if song["source"] == "mma" and song["tactusFactor"] is None and meter.endswith("/8"):
        # mma's own 6/8 files count eighths or dotted quarters as MIDI beats; the file does not say which.
        return f"mma file in {meter}: its beat unit is not in the file"
    if not 40 <= bpm <= MAX_SCORED_BPM:
        return f"beat of {bpm:.1f} BPM outside the scored range"
    song.update({
        "bpm": round(bpm, 2), "meter": meter, "startSec": round(start, 3),
        "durationSec": round(end - start, 3),
        "key": None, "keyWhy": None,
    })
    if song["drifting"]:
        bpms = [m[2] * factor for m in marks if m[1] < end]
        song.update({"bpm": round(bpms[0], 2), "endBpm": round(bpms[-1], 2)})
    song["key"], song["keyWhy"] = key_truth(midi, to_sec, start, end)
    return None


def key_truth(midi: dict, to_sec, start: float, end: float):
    sigs = [k for k in midi["keysigs"] if to_sec(k[0]) <= start + 1]
    later = [k for k in midi["keysigs"] if start + 1 < to_sec(k[0]) < end]
    if not sigs and not later:
        return None, "no key signature"
    if later and len({(k[1], k[2]) for k in sigs[-1:] + later}) > 1:
        return None, "the key signature changes"
    fifths, minor = (sigs[-1] if sigs else later[0])[1:]
    tonic = (fifths * 7) % 12
    if minor:
        tonic = (tonic + 9) % 12
    histogram = [0.0] * 12
    for on, off, channel, pitch, _ in midi["notes"]:
        if channel == 9:
            continue
        a, b = max(start, to_sec(on)), min(end, to_sec(off))
        if b > a:
            histogram[pitch % 12] += b - a
    if sum(histogram) == 0:
        return None, "no pitched notes"
    best = max(
        ((t, m) for t in range(12) for m in (0, 1)),
        key=lambda k: pearson(histogram, [(KK_MINOR if k[1] else KK_MAJOR)[(pc - k[0]) % 12] for pc in range(12)]),
    )
    label = f"{PITCHES[tonic]} {'minor' if minor else 'major'}"
    if best != (tonic, minor):
        return None, f"signature {label} but the notes point to {PITCHES[best[0]]} {'minor' if best[1] else 'major'}"
    return label, None


def pearson(a, b) -> float:
    n = len(a)
    ma, mb = sum(a) / n, sum(b) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(a, b))
    va = sum((x - ma) ** 2 for x in a)
    vb = sum((y - mb) ** 2 for y in b)
    return cov / (va * vb) ** 0.5 if va > 0 and vb > 0 else 0.0


# ---------- split and render ----------


def assign(kept: list) -> list:
    """Halves by a seeded shuffle within each category; soundfonts by song, some songs in two."""
    tracks = []
    names = list(SOUNDFONTS)
    by_category = {}
    for song, _ in kept:
        by_category.setdefault(song["category"], []).append(song)
    for category in sorted(by_category):
        group = sorted(by_category[category], key=lambda s: digest(f"{SEED}:{s['song']}"))
        for i, song in enumerate(group):
            song["half"] = "tuning" if i % 2 == 0 else "heldout"
            h = digest(f"{SEED}:sf:{song['song']}")
            fonts = [names[h % 3]] + ([names[(h + 1) % 3]] if (h >> 8) % 4 == 0 else [])
            for font in fonts:
                track = dict(song, soundfont=font, file=f"audio/{song['song']}.{font}.wav")
                tracks.append(track)
    return tracks


def digest(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest()[:12], 16)


def render_all(out: str, tracks: list) -> None:
    todo = [t for t in tracks if not fresh(os.path.join(out, t["file"]), t["midi"])]
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda t: render(out, t), todo))
    wanted = {os.path.join(out, t["file"]) for t in tracks}
    for stale in glob.glob(os.path.join(out, "audio", "*.wav")):
        if stale not in wanted:
            os.remove(stale)
    print(f"rendered {len(todo)} of {len(tracks)} tracks now")


def fresh(wav: str, mid: str) -> bool:
    return os.path.exists(wav) and os.path.getmtime(wav) >= os.path.getmtime(mid)


def render(out: str, track: dict) -> None:
    wav = os.path.join(out, track["file"])
    with tempfile.TemporaryDirectory() as tmp:
        full = os.path.join(tmp, "full.wav")
        excerpt = os.path.join(tmp, "excerpt.mid")
        truncated_midi(track["midi"], track["startSec"] + track["durationSec"], excerpt)
        run(["nice", "-n", "10", "fluidsynth", "-q", "-n", "-i", "-R", "1", "-C", "0", "-g", "0.5",
             "-r", "44100", "-O", "s16", "-T", "wav", "-F", full, SOUNDFONTS[track["soundfont"]], excerpt])
        with wave.open(full) as src:
            rate, channels = src.getframerate(), src.getnchannels()
            src.setpos(min(src.getnframes(), int(track["startSec"] * rate)))
            frames = src.readframes(int(track["durationSec"] * rate))
        with wave.open(wav + ".part", "wb") as dst:
            dst.setnchannels(channels)
            dst.setsampwidth(2)
            dst.setframerate(rate)
            dst.writeframes(frames)
    os.replace(wav + ".part", wav)


def run(command: list, cwd=None, check=True) -> None:
    result = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if check and result.returncode != 0:
        raise SystemExit(f"{command[0]} failed on {command[-1]}: {result.stderr.strip()[-400:]}")


def strip(track: dict) -> dict:
    keep = ("file", "song", "source", "style", "category", "half", "soundfont", "bpm", "endBpm", "drifting",
            "meter", "key", "keyWhy", "startSec", "durationSec")
    out = {k: track[k] for k in keep if k in track}
    out["midi"] = os.path.relpath(track["midi"], "/") if track["midi"].startswith("/usr") else os.path.basename(track["midi"])
    return out


if __name__ == "__main__":
    main()
