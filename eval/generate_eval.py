#!/usr/bin/env python3
"""Generates the labelled evaluation set: eval/calls/*.wav, eval/labels.json and eval/manifest.csv.

    python3 eval/generate_eval.py

Needs python3 with numpy, flite (voices slt, rms, awb, kal16), festival with voice_cmu_us_slt_arctic_hts
(text2wave) and sox. The outputs are committed; rerun only to change the set. Synthesised phrases are
cached in $CALLQA_EVAL_CACHE (default ~/.cache/callqa-eval), so a rerun takes seconds. Everything random
is seeded from the call name: reruns give the same files (given the same flite/festival/sox versions).

It builds on examples/generate_samples.py (same synthesis, trimming and level conventions, same hold
music, same script lines, same JSON label structure) and adds voices with speaking rates, more formats
(8 kHz mu-law / A-law / PCM16, 16 kHz PCM16, mono), seeded office noise, echo, DTMF, beeps, clipping and
near-miss negatives. Labels are computed from the timeline, never written by hand:
  - dead_air: a stretch >= 5.0 s where no turn is being spoken on either channel, outside holds;
  - hold: from the end of the agent's hold request to the start of the agent's return (music or silence);
    hold_not_asked (same span) when the request was a statement, not a question;
  - over_talk: the overlap (>= 1.0 s) of two turns of different parties, interrupter = the later starter;
  - raised_voice: the span of a turn spoken +10..+14 dB above that speaker's level in the call;
  - clipping: the span of a turn driven into hard clipping (also listed as a negative for raised_voice);
  - missing_disclosure / late_disclosure, greeting_incomplete, closing_missing, forbidden_phrase.
Per call, "negatives" lists the near misses that must not produce events: pauses of 1.0-5.0 s between
turns, backchannels and other overlaps under 1.0 s, +2..+4 dB loudness bumps, DTMF bursts, clipped turns,
loud beeps.
"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import zlib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "examples"))
import generate_samples as gs  # noqa: E402  (read_float_wav, hold_music, script lines, conventions)

SR = gs.SR                                   # internal rate; 8 kHz formats are resampled at the end
OUT = os.path.join(HERE, "calls")
CACHE = os.environ.get("CALLQA_EVAL_CACHE", os.path.join(os.path.expanduser("~"), ".cache", "callqa-eval"))
SPEECH_DBFS = gs.SPEECH_DBFS                 # default talker level (active-speech RMS), -28 dBFS
DEAD_AIR_MIN_S = gs.DEAD_AIR_MIN_S           # 5.0
OVER_TALK_MIN_S = 1.0
PAUSE_NEGATIVE_MIN_S = 1.0
LINE_FLOOR_DBFS = -65.0                      # faint white line noise on every call, as in the samples
WINDOWS = {"recording_notice": 30.0, "mini_miranda": 60.0}   # examples/rules.yaml disclosure windows
RECORDING = gs.RECORDING
MINI_MIRANDA = gs.MINI_MIRANDA
MAX_PEAK = 0.97                              # below the G.711 full scale (~0.98)
CLIP_LEVEL = 0.99

# format -> (sample rate, sox output encoding options, telephone band-pass)
FORMATS = {
    "mulaw8k": (8000, ["-e", "mu-law", "-b", "8"], True),
    "alaw8k": (8000, ["-e", "a-law", "-b", "8"], True),
    "pcm8k": (8000, ["-e", "signed-integer", "-b", "16"], True),
    "pcm16k": (16000, ["-e", "signed-integer", "-b", "16"], False),
}

DTMF = {"1": (697, 1209), "2": (697, 1336), "3": (697, 1477), "4": (770, 1209), "5": (770, 1336),
        "6": (770, 1477), "7": (852, 1209), "8": (852, 1336), "9": (852, 1477), "*": (941, 1209),
        "0": (941, 1336), "#": (941, 1477)}


# ----------------------------------------------------------------------------------------------- audio

def synth(text, voice, stretch=1.0):
    """Mono float64 at 16 kHz, trimmed to the audible extent, active-speech RMS normalised to 1.0 (0 dBFS).

    Same trimming and level measure as examples/generate_samples.synth, plus flite's duration_stretch."""
    key = hashlib.sha1(f"{voice}|{stretch}|{text}".encode()).hexdigest()
    cached = os.path.join(CACHE, key + ".npy")
    if os.path.exists(cached):
        return np.load(cached)
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "raw.wav")
        wav = os.path.join(tmp, "out.wav")
        if voice == "hts":
            assert stretch == 1.0, "festival HTS ignores Duration_Stretch; use a flite voice for rates"
            txt = os.path.join(tmp, "t.txt")
            with open(txt, "w") as f:
                f.write(text)
            subprocess.run(["text2wave", "-eval", "(voice_cmu_us_slt_arctic_hts)", txt, "-o", raw],
                           check=True, capture_output=True)
        else:
            cmd = ["flite", "-voice", voice]
            if stretch != 1.0:
                cmd += ["--setf", f"duration_stretch={stretch}"]
            subprocess.run(cmd + ["-t", text, "-o", raw], check=True, capture_output=True)
        subprocess.run(["sox", raw, "-r", str(SR), "-c", "1", "-b", "32", "-e", "floating-point", wav],
                       check=True, capture_output=True)
        data = np.frombuffer(gs.read_float_wav(wav), dtype="<f4").astype(np.float64)
    env = np.abs(data)
    idx = np.nonzero(env > 0.02 * env.max())[0]
    data = data[idx[0]:idx[-1] + 1]
    data = data / active_level(data)
    os.makedirs(CACHE, exist_ok=True)
    tmp_path = cached + f".{os.getpid()}.tmp.npy"
    np.save(tmp_path, data)
    os.replace(tmp_path, cached)
    return data


def active_level(x):
    """Active-speech RMS as in examples/generate_samples: RMS over the louder half of 20 ms frames."""
    frames = x[: len(x) // 320 * 320].reshape(-1, 320)
    rms = np.sqrt((frames ** 2).mean(axis=1))
    return np.sqrt((np.sort(rms)[len(rms) // 2:] ** 2).mean())


def band_limit(x, band):
    spec = np.fft.rfft(x)
    f = np.fft.rfftfreq(len(x), 1 / SR)
    spec[(f < band[0]) | (f > band[1])] = 0
    return np.fft.irfft(spec, len(x))


def db(x):
    return 10 ** (x / 20)


def chord_music(seconds):
    """Hold music, second timbre: triangle-wave triads (I-vi-IV-V in C, one chord per 0.8 s) at -30 dBFS."""
    chords = [(523.3, 659.3, 784.0), (440.0, 523.3, 659.3), (349.2, 440.0, 523.3), (392.0, 493.9, 587.3)]
    chord_len = 0.8
    t = np.arange(int(chord_len * SR)) / SR
    env = np.minimum(1, np.minimum(t / 0.03, (chord_len - t) / 0.1))
    out = []
    for i in range(int(np.ceil(seconds / chord_len))):
        notes = chords[i % len(chords)]
        tone = sum((2 / np.pi) * np.arcsin(np.sin(2 * np.pi * f * t)) for f in notes)
        out.append(env * tone)
    music = np.concatenate(out)[: int(seconds * SR)]
    return music * (db(-30) / np.sqrt((music ** 2).mean()))


def dtmf_burst(digits, tone_s, gap_s, dbfs):
    """Standard DTMF pairs; two sines of amplitude A have a combined RMS of A, so A = `dbfs` as a ratio."""
    t = np.arange(int(round(tone_s * SR))) / SR
    ramp = np.minimum(1, np.minimum(t / 0.005, (tone_s - t) / 0.005))
    parts = []
    for i, d in enumerate(digits):
        lo, hi = DTMF[d]
        parts.append(ramp * db(dbfs) * (np.sin(2 * np.pi * lo * t) + np.sin(2 * np.pi * hi * t)))
        if i < len(digits) - 1:
            parts.append(np.zeros(int(round(gap_s * SR))))
    return np.concatenate(parts)


def beep_tone(seconds, freq, dbfs):
    t = np.arange(int(round(seconds * SR))) / SR
    ramp = np.minimum(1, np.minimum(t / 0.005, (seconds - t) / 0.005))
    return ramp * db(dbfs) * np.sqrt(2) * np.sin(2 * np.pi * freq * t)


def colored_noise(n, dbfs, color, band, rng):
    """Seeded office-like noise: pink (1/f power) or brown (1/f^2 power), limited to `band`, RMS = dbfs."""
    spec = np.fft.rfft(rng.standard_normal(n))
    f = np.fft.rfftfreq(n, 1 / SR)
    shape = np.zeros_like(f)
    m = (f >= band[0]) & (f <= band[1])
    shape[m] = f[m] ** (-0.5 if color == "pink" else -1.0)
    x = np.fft.irfft(spec * shape, n)
    return x * (db(dbfs) / np.sqrt((x ** 2).mean()))


# ----------------------------------------------------------------------------------------------- calls

def r3(x):
    return round(float(x), 3)


class EvalCall:
    """A timeline of turns and sounds. Times are seconds from the start of the recording."""

    def __init__(self, name, description, agent, customer, fmt="mulaw8k", mono=False, queue="billing",
                 agent_id="A100", direction="inbound", level_db=SPEECH_DBFS, noise=None, echo=False,
                 agent_channel=0):
        assert fmt in FORMATS
        self.name, self.description = name, description
        self.voices = {"agent": agent, "customer": customer}      # speaker -> (voice, duration_stretch)
        self.fmt, self.mono, self.queue, self.agent_id, self.direction = fmt, mono, queue, agent_id, direction
        self.level_db, self.noise, self.echo, self.agent_channel = level_db, noise or {}, echo, agent_channel
        self.turns = []        # dicts: speaker, start, end, text, audio, gain_db, kind
        self.sounds = []       # (speaker channel, start, samples): hold music, DTMF, beeps
        self.music = []        # (start, end, kind)
        self.holds = []        # (start, end, asked, kind)
        self.negatives = []    # explicit negatives (bump, dtmf, clipping, beep); pauses/overlaps are derived
        self.extra_events = []
        self.disclosures = {}  # id -> detail dict
        self.greeting = "full"
        self.closing = "full"
        self.band = (300.0, 3400.0) if FORMATS[fmt][2] else (100.0, 7000.0)
        self.t = 0.5
        self.rng = np.random.default_rng(zlib.crc32(name.encode()))

    # --- script building
    def say(self, speaker, text, gap=0.6, at=None, gain_db=0.0, kind=None):
        voice, stretch = self.voices[speaker]
        audio = synth(text, voice, stretch)
        audio = audio / active_level(band_limit(audio, self.band))   # nominal level = level in the file
        start = r3(self.t + gap if at is None else at)
        end = r3(start + len(audio) / SR)
        if kind == "raised":
            assert 10.0 <= gain_db <= 14.0
        elif kind == "bump":
            assert 2.0 <= gain_db <= 4.0
        elif kind == "backchannel":
            assert end - start < 0.9, (text, end - start)
        elif kind == "clip":
            peak = np.abs(band_limit(audio, self.band)).max() * db(self.level_db)
            gain_db = round(20 * np.log10(2.0 * CLIP_LEVEL / peak), 1)   # peaks driven to 2x full scale
        else:
            assert kind is None and gain_db == 0.0
        self.turns.append(dict(speaker=speaker, start=start, end=end, text=text, audio=audio,
                               gain_db=gain_db, kind=kind))
        if kind in ("bump", "clip"):
            self.negatives.append({"kind": "bump" if kind == "bump" else "clipping", "speaker": speaker,
                                   "start_s": start, "end_s": end, "gain_db": gain_db})
        self.t = max(self.t, end)
        return start, end

    def last_of(self, speaker):
        return [tr for tr in self.turns if tr["speaker"] == speaker][-1]

    def interrupt(self, speaker, text, overlap, **kw):
        """Starts `overlap` seconds before the other party's last turn ends (over-talk or a short overlap)."""
        other = self.last_of("customer" if speaker == "agent" else "agent")
        start = other["end"] - overlap
        assert start > other["start"] + 0.5
        return self.say(speaker, text, at=start, **kw)

    def backchannel(self, speaker, word, frac=0.5):
        """A short listener response inside the other party's last turn."""
        other = self.last_of("customer" if speaker == "agent" else "agent")
        start = other["start"] + frac * (other["end"] - other["start"])
        s, e = self.say(speaker, word, at=start, kind="backchannel")
        assert e < other["end"] - 0.2, (self.name, word)
        return s, e

    def hold(self, request, asked, seconds, music, back, reply=None):
        _, req_end = self.say("agent", request)
        if reply:
            self.say("customer", reply)
        start = r3(self.t + 0.8)
        if music:
            samples = gs.hold_music(seconds) if music == "sine" else chord_music(seconds)
            self.sounds.append(("agent", start, samples))
            self.music.append((start, r3(start + seconds), music))
        self.t = start + seconds
        ret, _ = self.say("agent", back, gap=0.8)
        self.holds.append((req_end, ret, asked, music or "silence"))

    def dtmf(self, speaker, digits, tone_s=0.1, gap_s=0.1, dbfs=-10.0, gap=1.0):
        samples = dtmf_burst(digits, tone_s, gap_s, dbfs)
        start = r3(self.t + gap)
        self.sounds.append((speaker, start, samples))
        end = r3(start + len(samples) / SR)
        self.negatives.append({"kind": "dtmf", "speaker": speaker, "start_s": start, "end_s": end,
                               "digits": len(digits), "level_dbfs": dbfs})
        self.t = end

    def beep(self, speaker, seconds=1.0, freq=1000.0, dbfs=-8.0, gap=1.0):
        start = r3(self.t + gap)
        self.sounds.append((speaker, start, beep_tone(seconds, freq, dbfs)))
        end = r3(start + seconds)
        self.negatives.append({"kind": "beep", "speaker": speaker, "start_s": start, "end_s": end,
                               "freq_hz": freq, "level_dbfs": dbfs})
        self.t = end

    def disclose(self, did, variant, text=None, gap=0.5):
        """variant: verbatim | paraphrase | late | absent."""
        if variant == "absent":
            self.disclosures[did] = {"variant": "absent", "spoken": False, "in_window": False}
            return
        text = text or (RECORDING if did == "recording_notice" else MINI_MIRANDA)
        s, e = self.say("agent", text, gap=gap)
        in_window = s < WINDOWS[did]
        assert in_window == (variant != "late"), (self.name, did, variant, s)
        self.disclosures[did] = {"variant": variant, "spoken": True, "in_window": in_window,
                                 "start_s": s, "end_s": e, "text": text}

    def forbidden(self, text, gap=0.6):
        s, e = self.say("agent", text, gap=gap)
        self.extra_events.append({"type": "forbidden_phrase", "speaker": "agent", "start_s": s, "end_s": e})

    # --- labels
    def duration(self):
        return int(round((self.t + 1.0) * 8000)) * 2 / SR

    def labels(self):
        events, negatives = [], list(self.negatives)
        blocked = [(s, e) for s, e, _, _ in self.holds] + [(s, e) for s, e, _ in self.music]
        merged = []
        for s, e in sorted((tr["start"], tr["end"]) for tr in self.turns):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        for (_, e0), (s1, _) in zip(merged, merged[1:]):
            gap = s1 - e0
            if any(bs < s1 and be > e0 for bs, be in blocked):
                continue
            if gap >= DEAD_AIR_MIN_S:
                events.append({"type": "dead_air", "start_s": r3(e0), "end_s": r3(s1)})
            elif gap >= PAUSE_NEGATIVE_MIN_S:
                negatives.append({"kind": "pause", "start_s": r3(e0), "end_s": r3(s1)})
        for s, e, asked, kind in self.holds:
            events.append({"type": "hold", "start_s": s, "end_s": e, "hold_kind": kind})
            if not asked:
                events.append({"type": "hold_not_asked", "start_s": s, "end_s": e})
        for a in self.turns:
            for b in self.turns:
                if a["speaker"] != b["speaker"] and a["start"] < b["start"] < a["end"]:
                    ov_end = min(a["end"], b["end"])
                    if ov_end - b["start"] >= OVER_TALK_MIN_S:
                        assert b["kind"] != "backchannel"
                        events.append({"type": "over_talk", "start_s": b["start"], "end_s": r3(ov_end),
                                       "interrupter": b["speaker"]})
                    else:
                        kind = "backchannel" if b["kind"] == "backchannel" else "short_overlap"
                        negatives.append({"kind": kind, "speaker": b["speaker"], "start_s": b["start"],
                                          "end_s": r3(ov_end), "text": b["text"]})
        for tr in self.turns:
            if tr["kind"] == "raised":
                events.append({"type": "raised_voice", "speaker": tr["speaker"], "start_s": tr["start"],
                               "end_s": tr["end"], "gain_db": tr["gain_db"]})
            elif tr["kind"] == "clip":
                events.append({"type": "clipping", "speaker": tr["speaker"], "start_s": tr["start"],
                               "end_s": tr["end"]})
        for did, d in self.disclosures.items():
            if not d["spoken"]:
                events.append({"type": "missing_disclosure", "disclosure_id": did})
            elif not d["in_window"]:
                events.append({"type": "late_disclosure", "disclosure_id": did, "speaker": "agent",
                               "start_s": d["start_s"], "end_s": d["end_s"]})
        if self.greeting != "full":
            events.append({"type": "greeting_incomplete", "detail": self.greeting})
        if self.closing != "full":
            events.append({"type": "closing_missing", "detail": self.closing})
        events += self.extra_events
        if self.mono:
            assert not any(ev["type"] in ("over_talk", "raised_voice") for ev in events), self.name
            assert not any(n["kind"] in ("backchannel", "short_overlap") for n in negatives), self.name
        rate = FORMATS[self.fmt][0]
        return {
            "file": self.name + ".wav",
            "description": self.description,
            "format": self.fmt,
            "channels": 1 if self.mono else 2,
            "sample_rate": rate,
            "duration_s": round(self.duration(), 4),
            "agent_id": self.agent_id,
            "queue": self.queue,
            "direction": self.direction,
            "agent_channel": self.agent_channel,
            "voices": {sp: v + (f" x{st}" if st != 1.0 else "") for sp, (v, st) in self.voices.items()},
            "speech_level_dbfs": self.level_db,
            "noise": {k: {"dbfs": d, "color": c} for k, (d, c) in self.noise.items()},
            "telephone_band": FORMATS[self.fmt][2],
            "echo": self.echo,
            "disclosures": {did: d["spoken"] for did, d in self.disclosures.items()},
            "disclosure_details": self.disclosures,
            "events": sorted(events, key=lambda ev: (ev.get("start_s", -1), ev["type"])),
            "negatives": sorted(negatives, key=lambda n: (n["start_s"], n["kind"])),
            "turns": [{"speaker": tr["speaker"], "start_s": tr["start"], "end_s": tr["end"], "text": tr["text"],
                       **({"kind": tr["kind"], "gain_db": tr["gain_db"]} if tr["kind"] else {})}
                      for tr in self.turns],
        }

    # --- audio
    def render(self):
        n = int(round(self.duration() * SR))
        chans = np.zeros((2, n))
        col = {"agent": self.agent_channel, "customer": 1 - self.agent_channel}
        for tr in self.turns:
            i = int(round(tr["start"] * SR))
            chans[col[tr["speaker"]], i:i + len(tr["audio"])] += tr["audio"] * db(self.level_db + tr["gain_db"])
        for speaker, start, samples in self.sounds:
            i = int(round(start * SR))
            chans[col[speaker], i:i + len(samples)] += samples
        if self.echo:   # like sox "echo 0.8 0.7 60 0.25" without its overall gain change
            d = int(0.060 * SR)
            chans[:, d:] += 0.25 * chans[:, :-d].copy()
        if self.mono:
            chans = chans.sum(axis=0, keepdims=True)
        chans += self.rng.normal(0, db(LINE_FLOOR_DBFS), chans.shape)
        for who, (dbfs, color) in sorted(self.noise.items()):
            ch = 0 if who == "mono" else col[who]
            chans[ch] += colored_noise(n, dbfs, color, self.band, self.rng)
        return chans

    def write(self):
        chans = self.render()
        rate, enc, telephone = FORMATS[self.fmt]
        nch = chans.shape[0]
        with tempfile.TemporaryDirectory() as tmp:
            if telephone:   # band-pass 300-3400 Hz and resample to 8 kHz (scaled down so sox never clips)
                src, dst = os.path.join(tmp, "in.f32"), os.path.join(tmp, "out.f32")
                (chans.T * 0.25).astype("<f4").tofile(src)
                subprocess.run(["sox", "-D", "-t", "f32", "-r", str(SR), "-c", str(nch), src,
                                "-t", "f32", "-r", str(rate), dst, "sinc", "300-3400"], check=True)
                out = np.fromfile(dst, dtype="<f4").astype(np.float64).reshape(-1, nch).T * 4.0
            else:
                out = chans
            clip_mask = np.zeros(out.shape[1], dtype=bool)
            for tr in self.turns:
                if tr["kind"] == "clip":
                    clip_mask[int(tr["start"] * rate):int(np.ceil(tr["end"] * rate)) + 1] = True
            peak = np.abs(out[:, ~clip_mask]).max()
            assert peak < MAX_PEAK, f"{self.name}: mix peaks at {peak:.3f} outside clipped turns"
            out = np.clip(out, -CLIP_LEVEL, CLIP_LEVEL)
            raw = os.path.join(tmp, "final.f32")
            out.T.astype("<f4").tofile(raw)
            subprocess.run(["sox", "-D", "-t", "f32", "-r", str(rate), "-c", str(nch), raw] + enc
                           + [os.path.join(OUT, self.name + ".wav")], check=True)
        return peak


# ----------------------------------------------------------------------------------------------- script

def greet(c, name="Sarah", variant="full", gap=0.3):
    lines = {
        "full": f"Thank you for calling Acme Bank, my name is {name}. How can I help you today?",
        "full2": f"Thanks for calling Acme Bank, you are speaking with {name}. How may I help you?",
        "full3": f"Thank you for calling Acme Bank, this is {name}. What can I do for you today?",
        "no_name": "Thank you for calling Acme Bank. How can I help you today?",
    }
    c.greeting = "no_name" if variant == "no_name" else "full"
    c.say("agent", lines[variant], gap=gap)


def close(c, variant="full", reply="No, that is all, thank you."):
    if variant == "full":
        c.say("agent", gs.CLOSING_CHECK, gap=0.5)
        c.say("customer", reply)
        c.say("agent", gs.CLOSING_THANKS)
    elif variant == "full2":
        c.say("agent", "Is there anything else I can do for you?", gap=0.5)
        c.say("customer", reply)
        c.say("agent", "Thanks for calling, have a nice day.")
    elif variant == "no_anything_else":     # thanks the customer but never checks for other concerns
        c.say("agent", gs.CLOSING_THANKS, gap=0.5)
        c.closing = variant
    elif variant == "abrupt":               # neither the check nor the thanks
        c.say("agent", "Alright, that is done. Goodbye.", gap=0.5)
        c.closing = variant
    else:
        raise ValueError(variant)


SLT, RMS, AWB, KAL, HTS = ("slt", 1.0), ("rms", 1.0), ("awb", 1.0), ("kal16", 1.0), ("hts", 1.0)
CALLS = []


def call(fn):
    CALLS.append(fn)
    return fn


@call
def e01():
    c = EvalCall("e01_clean", "Clean baseline: full greeting, verbatim recording notice, polite closing. Pauses of "
                 "1.2-2.5 s and a backchannel 'okay' (negatives only). No acoustic events.", SLT, RMS,
                 agent_id="A100")
    greet(c, "Sarah")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.say("customer", "Hi, I would like to know why my bill went up this month.", gap=0.8)
    c.say("agent", "Sure, I can look into that for you. Can you give me your account number?", gap=1.5)
    c.say("customer", "Yes, it is four five six seven eight nine.", gap=1.2)
    c.say("agent", "Thank you. I can see that your promotional discount ended last month, so the price went "
          "back to the standard rate.")
    c.backchannel("customer", "Okay.", 0.45)
    c.say("customer", "I see. Is there any new offer I could get?", gap=2.5)
    c.say("agent", "Yes, I can add a loyalty discount of ten dollars per month starting today.", gap=1.8)
    c.say("customer", "That sounds good, please do that.")
    close(c, "full")
    return c


@call
def e02():
    c = EvalCall("e02_dead_air_near_miss", "Dead air of 6.5 s while a line test runs, after a 4.3 s pause that "
                 "stays under the threshold (near miss). Recording notice paraphrased ('this call is being "
                 "recorded'). Pink noise -55 dBFS on both channels.", AWB, SLT, queue="support", agent_id="A200",
                 noise={"agent": (-55, "pink"), "customer": (-55, "pink")})
    greet(c, "David", "full2")
    c.disclose("recording_notice", "paraphrase", "Just so you know, this call is being recorded.", gap=0.4)
    c.say("customer", "Hi, my internet connection keeps dropping every evening.")
    c.say("agent", "I am sorry about that. Let me run a test on your line.")
    c.say("agent", "The test is still running, it takes a moment.", gap=4.3)
    c.say("agent", "Okay, the test has finished.", gap=6.5)
    c.say("agent", "I can see a lot of errors on your line in the evenings.", gap=0.4)
    c.say("customer", "So what can you do about it?", gap=1.3)
    c.say("agent", "I will reset your port and send you a new router.")
    c.say("customer", "Great, thank you.")
    close(c, "full")
    return c


@call
def e03():
    c = EvalCall("e03_hold_sine", "Asked hold ('may I place you on a brief hold') with 18 s of sine-melody hold "
                 "music; agent backchannel 'right' during the customer's address. Brown noise -45 dBFS on the "
                 "customer channel.", SLT, AWB, agent_id="A100", noise={"customer": (-45, "brown")})
    greet(c, "Sarah")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.say("customer", "Hello, I need to update the address on my account.")
    c.hold("Of course. May I place you on a brief hold while I open your account?", True, 18.0, "sine",
           "Thank you for holding. I have your account open now.", reply="Sure, no problem.")
    c.say("customer", "Great. The new address is twelve Main Street, in Springfield, Ohio.")
    c.backchannel("agent", "Right.", 0.4)
    c.say("agent", "Thank you, I have updated your address.")
    close(c, "full2", "No thanks, that was it.")
    return c


@call
def e04():
    c = EvalCall("e04_overtalk_customer", "Customer interrupts a long, slow agent explanation (over-talk 2.2 s, "
                 "interrupter customer); later a 0.75 s overlap with real words (near miss). Agent rms slowed "
                 "x1.2. Brown noise -55 dBFS both channels.", ("rms", 1.2), SLT, queue="support", agent_id="A300",
                 noise={"agent": (-55, "brown"), "customer": (-55, "brown")})
    greet(c, "James")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.say("customer", "My phone has had no signal since this morning.")
    c.say("agent", "I understand. Before we continue I need to explain the steps we will follow together, and "
          "how long each of them usually takes.")
    c.interrupt("customer", "I have already restarted the phone twice and it does not help at all.", 2.2)
    c.say("agent", "I see. There is maintenance work near your address until this afternoon.", gap=0.6)
    c.interrupt("customer", "Oh, that explains it then.", 0.75)
    c.say("agent", "Yes, the signal should come back by four o'clock.")
    close(c, "full")
    return c


@call
def e05():
    c = EvalCall("e05_raised_customer", "Customer shouts one sentence (+12 dB, raised_voice customer) after a "
                 "+3 dB loudness bump (near miss). Closing thanks without 'anything else' (closing_missing).",
                 SLT, RMS, agent_id="A100", level_db=-30.0)
    greet(c, "Sarah")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.say("customer", "I have called three times about the same problem with my bill.")
    c.say("agent", "I am sorry about that. Let me check what happened.")
    c.say("customer", "Nobody has called me back even once, and I was promised a refund last week.",
          gain_db=3.0, kind="bump")
    c.say("agent", "I can see the notes from your previous calls.", gap=1.0)
    c.say("customer", "This is completely unacceptable, I want this fixed right now, today!", gain_db=12.0,
          kind="raised")
    c.say("agent", "I understand your frustration. I have issued the refund now.")
    c.say("customer", "Fine. I will wait for it then.")
    close(c, "no_anything_else")
    return c


@call
def e06():
    c = EvalCall("e06_raised_agent_dead_air", "Agent (kal16) raises the voice on a bad line (+11 dB, raised_voice "
                 "agent), later a +4 dB bump (near miss) and 5.6 s of dead air. Recording notice paraphrased "
                 "('calls are recorded for quality and training purposes'). Pink noise -55 dBFS agent channel.",
                 KAL, SLT, queue="support", agent_id="A200", level_db=-30.0, noise={"agent": (-55, "pink")})
    greet(c, "Peter", "full3")
    c.disclose("recording_notice", "paraphrase", "Please note that calls are recorded for quality and training "
               "purposes.", gap=0.4)
    c.say("customer", "Hello, I wanted to ask when my next payment is due.")
    c.say("agent", "The payment is due on Friday.")
    c.say("customer", "Sorry, what did you say? The line is very bad.")
    c.say("agent", "I said the payment is due on Friday the twelfth of this month!", gain_db=11.0, kind="raised")
    c.say("customer", "Okay, Friday the twelfth, got it.")
    c.say("agent", "You can also pay online at any time using our website.", gain_db=4.0, kind="bump")
    c.say("agent", "Let me check one more thing on your account.", gap=1.0)
    c.say("agent", "Your autopay is also active, so it will be paid automatically.", gap=5.6)
    close(c, "full")
    return c


@call
def e07():
    c = EvalCall("e07_dtmf_pin", "Customer keys a 4-digit PIN (DTMF, 100 ms tones at -10 dBFS; near miss for "
                 "raised voice), customer backchannel 'uh huh', a 0.7 s overlap with words (near miss). Pink "
                 "noise -55 dBFS agent channel.", SLT, RMS, agent_id="A400", noise={"agent": (-55, "pink")})
    greet(c, "Emma")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.say("customer", "Hi, I want to check the balance on my account.")
    c.say("agent", "For security, please key in your four digit PIN on the phone keypad now.")
    c.dtmf("customer", "4071", gap=1.2)
    c.say("agent", "Thank you, your PIN is verified.", gap=1.3)
    c.say("agent", "Your current balance is two hundred and twelve dollars, and there are no late fees.",
          gap=0.4)
    c.backchannel("customer", "Uh huh.", 0.5)
    c.say("customer", "And when is the payment due?", gap=1.0)
    c.say("agent", "It is due on the twentieth of this month.")
    c.interrupt("customer", "Okay, thanks a lot.", 0.7)
    close(c, "full2", "No, that is everything.")
    return c


@call
def e08():
    c = EvalCall("e08_hold_silent_announced", "Hold announced as a statement ('I'm going to put you on hold') "
                 "followed by 14 s of plain silence: hold + hold_not_asked, not dead air. Greeting without the "
                 "agent's name (greeting_incomplete). Pink noise -45 dBFS both channels.", AWB, KAL,
                 queue="support", agent_id="A300", noise={"agent": (-45, "pink"), "customer": (-45, "pink")})
    greet(c, variant="no_name")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.say("customer", "Hi, I ordered a laptop two weeks ago and it still has not arrived.")
    c.hold("I'm going to put you on hold now while I check with the warehouse.", False, 14.0, None,
           "Thanks for waiting. The warehouse says your laptop ships tomorrow.")
    c.say("customer", "Finally. Will I get a tracking number?")
    c.say("agent", "Yes, you will get it by email tomorrow morning, together with the delivery time.")
    c.backchannel("customer", "Right.", 0.55)
    close(c, "full")
    return c


@call
def e09():
    c = EvalCall("e09_collections_verbatim", "Collections call with both disclosures verbatim; 5.5 s dead air "
                 "while the agent looks up the balance; customer interrupts the payment options (over-talk "
                 "1.8 s, interrupter customer).", SLT, RMS, queue="collections", agent_id="A500")
    greet(c, "Maria")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.say("customer", "Hi, I got a letter about an overdue balance.")
    c.disclose("mini_miranda", "verbatim")
    c.say("agent", "Could you please confirm your date of birth?", gap=0.4)
    c.say("customer", "Yes, it is the fourth of July, nineteen eighty.")
    c.say("agent", "Thank you. Let me pull up the balance.")
    c.say("agent", "The overdue balance is three hundred and forty dollars.", gap=5.5)
    c.say("agent", "We can set up a payment plan over three months, or you can pay the full amount today "
          "with a card.", gap=0.4)
    c.interrupt("customer", "I would like the payment plan, please.", 1.8)
    c.say("agent", "Okay, I have set up the payment plan for you.")
    close(c, "full")
    return c


@call
def e10():
    c = EvalCall("e10_collections_late_miranda", "Collections call, festival HTS agent: asked hold with 19 s of "
                 "sine hold music; the mini-Miranda is read only after 60 s (late_disclosure). Brown noise "
                 "-55 dBFS customer channel.", HTS, AWB, queue="collections", agent_id="A500",
                 noise={"customer": (-55, "brown")})
    greet(c, "Anna")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.say("customer", "Hello, I am calling about the letter you sent me.")
    c.hold("May I place you on hold for a moment while I find your file?", True, 19.0, "sine",
           "Thank you for holding, I have found your file.", reply="Yes, okay.")
    c.say("customer", "How much do I owe?")
    c.say("agent", "You owe five hundred dollars from last year.")
    c.say("customer", "Can I pay it in two parts?")
    c.say("agent", "Yes, you can pay half now and half next month.")
    c.say("customer", "Good, I will pay the first half today. Will I get a confirmation letter?")
    c.say("agent", "Yes, we will mail you a confirmation this week.")
    c.disclose("mini_miranda", "late", gap=0.5)
    c.say("customer", "Okay, I understand.")
    close(c, "no_anything_else")
    return c


@call
def e11():
    c = EvalCall("e11_collections_missing_miranda", "Collections call without the mini-Miranda "
                 "(missing_disclosure); fast customer (slt x0.85) is interrupted by the agent (over-talk 1.6 s, "
                 "interrupter agent). Recording notice paraphrased ('this call is being recorded').",
                 RMS, ("slt", 0.85), queue="collections", agent_id="A600")
    greet(c, "David", "full2")
    c.disclose("recording_notice", "paraphrase", "Before we start, this call is being recorded.", gap=0.4)
    c.disclose("mini_miranda", "absent")
    c.say("customer", "I received a notice that my account is past due, but I am sure I paid it last month "
          "through the website, and I even have the confirmation email.")
    c.interrupt("agent", "Let me stop you there, I can see the payment right here.", 1.6)
    c.say("customer", "Oh good, so is my account up to date now?", gap=1.4)
    c.say("agent", "Yes, it is fully paid, and nothing else is due.", gap=2.2)
    c.say("customer", "Then why did I get the notice?")
    c.say("agent", "The notice was printed before your payment arrived. You can ignore it.")
    close(c, "full")
    return c


@call
def e12():
    c = EvalCall("e12_pcm8k_overtalk_both", "8 kHz PCM16. Two over-talks: the customer cuts into the plan details "
                 "(2.0 s) and the agent cuts into the customer's contract worry (1.8 s); customer backchannel "
                 "'right'. Brown noise -45 dBFS both channels.", SLT, AWB, fmt="pcm8k", queue="sales",
                 agent_id="A100", noise={"agent": (-45, "brown"), "customer": (-45, "brown")})
    greet(c, "Sarah")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.say("customer", "Hi, I am interested in upgrading my plan to the faster internet speed.")
    c.say("agent", "Great choice. The faster plan costs fifteen dollars more per month and includes a free "
          "router upgrade, installation, and unlimited data.")
    c.interrupt("customer", "Wait, is the installation really free or is there a fee?", 2.0)
    c.say("agent", "It is really free.")
    c.say("customer", "Okay. And how long is the contract? I do not want to be locked in for two years again "
          "like last time.")
    c.interrupt("agent", "No, no, there is no contract at all with this plan.", 1.8)
    c.say("agent", "You can cancel at any time without paying any fee.", gap=0.5)
    c.backchannel("customer", "Right.", 0.5)
    close(c, "full2", "No, that is all.")
    return c


@call
def e13():
    c = EvalCall("e13_pcm8k_raised_both", "8 kHz PCM16, festival HTS agent. Customer shouts (+13 dB, raised_voice "
                 "customer), then the agent raises the voice (+10 dB, raised_voice agent).", HTS, RMS,
                 fmt="pcm8k", queue="support", agent_id="A200", level_db=-31.0)
    greet(c, "Lisa", "full3")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.say("customer", "My package was marked as delivered, but I never got it.")
    c.say("agent", "I am sorry to hear that. Let me check the delivery details.")
    c.say("customer", "I have been waiting for this package for three weeks, this is ridiculous!",
          gain_db=13.0, kind="raised")
    c.say("agent", "I understand. The driver left it at the front desk of your building.")
    c.say("customer", "There is no front desk in my building.")
    c.say("agent", "Please listen to me, I am trying to help you with this!", gain_db=10.0, kind="raised")
    c.say("customer", "Okay, sorry. What can you do?")
    c.say("agent", "I will send a replacement today by express delivery.")
    close(c, "full")
    return c


@call
def e14():
    c = EvalCall("e14_alaw_hold_chord_late_notice", "8 kHz A-law. Asked hold ('could I put you on a brief hold') "
                 "with 16 s of triangle-wave chord music; the recording notice comes only after 30 s "
                 "(late_disclosure).", SLT, KAL, fmt="alaw8k", agent_id="A300")
    greet(c, "Sarah")
    c.say("customer", "Hi, I made a payment yesterday but it does not show on my account.")
    c.hold("Could I put you on a brief hold while I check the payment records?", True, 16.0, "chord",
           "Thank you for holding. I found your payment.", reply="Sure.")
    c.disclose("recording_notice", "late", "By the way, this call may be recorded for quality and training "
               "purposes.", gap=0.4)
    c.say("agent", "It was received today and will show on your account tonight.", gap=0.4)
    c.say("customer", "Perfect, thank you for checking.")
    close(c, "full")
    return c


@call
def e15():
    c = EvalCall("e15_alaw_dead_air_twice_hold", "8 kHz A-law. Two dead airs (5.2 s and 9.0 s) and an asked hold "
                 "with 14 s of chord music in between; a 3.0 s pause (near miss). Pink noise -55 dBFS customer "
                 "channel.", AWB, RMS, fmt="alaw8k", queue="support", agent_id="A400",
                 noise={"customer": (-55, "pink")})
    greet(c, "Mark")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.say("customer", "Hello, my online banking login does not work.")
    c.say("agent", "Let me check your profile.")
    c.say("agent", "I see that your account is locked.", gap=5.2)
    c.hold("Can I place you on hold while I unlock it?", True, 14.0, "chord", "Thanks for holding, it is "
           "unlocked now.", reply="Sure.")
    c.say("customer", "Thank you. Should I try to log in now?")
    c.say("agent", "Yes, please try it now.")
    c.say("customer", "It works now.", gap=9.0)
    c.say("agent", "Great.", gap=3.0)
    close(c, "full", "No, thanks.")
    return c


@call
def e16():
    c = EvalCall("e16_alaw_clipping_beep", "8 kHz A-law. Customer on a speakerphone clips hard (turn driven to 2x "
                 "full scale, hard-clipped at 0.99: clipping, NOT raised_voice); a 1 s 1 kHz beep at -8 dBFS "
                 "on the agent channel; 6.0 s dead air; abrupt closing (closing_missing).", RMS, SLT,
                 fmt="alaw8k", agent_id="A600")
    greet(c, "Tom")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.say("customer", "Hello? Hello? Can you hear me? I am on the speaker phone in my car.", kind="clip")
    c.say("agent", "Yes, I can hear you, it is a little loud but that is fine.")
    c.beep("agent", gap=1.0)
    c.say("agent", "Sorry about that tone. What can I do for you?", gap=1.0)
    c.say("customer", "I want to know the amount of my last invoice.")
    c.say("agent", "Let me check your last invoice.")
    c.say("agent", "Your last invoice was for eighty four dollars.", gap=6.0)
    c.say("customer", "Okay, thank you.")
    close(c, "abrupt")
    return c


@call
def e17():
    c = EvalCall("e17_pcm16k_overtalk_raised", "16 kHz PCM16, festival HTS agent. The customer cuts in shouting "
                 "(+14 dB): over-talk 2.3 s (interrupter customer) and raised_voice customer on the same turn.",
                 HTS, RMS, fmt="pcm16k", queue="support", agent_id="A200", level_db=-32.0)
    greet(c, "Lisa")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.say("customer", "My credit card was charged twice for the same order.")
    c.say("agent", "I can see the two charges. The second one is only a pending authorization, it usually "
          "disappears on its own after a few business days.")
    c.interrupt("customer", "No, it is not pending, it is already on my statement!", 2.3, gain_db=14.0,
                kind="raised")
    c.say("agent", "I understand, I will refund it right away.")
    close(c, "full2", "No, that is all.")
    return c


@call
def e18():
    c = EvalCall("e18_pcm16k_dtmf10_beep", "16 kHz PCM16, kal16 agent. Customer keys a 10-digit number (DTMF, 150 ms "
                 "tones, 2.4 s at -10 dBFS), a 1 s beep, a +2 dB customer bump (all near misses). Recording notice "
                 "paraphrased ('calls are recorded...'). Pink noise -55 dBFS both channels.", KAL, SLT,
                 fmt="pcm16k", agent_id="A400", noise={"agent": (-55, "pink"), "customer": (-55, "pink")})
    greet(c, "Peter")
    c.disclose("recording_notice", "paraphrase", "All calls are recorded for quality and training purposes.",
               gap=0.4)
    c.say("agent", "Please enter your ten digit phone number on the keypad.", gap=0.4)
    c.dtmf("customer", "5551234567", tone_s=0.15, gap=0.8)
    c.say("agent", "Thank you.", gap=0.8)
    c.beep("agent", freq=1400.0, gap=0.7)
    c.say("customer", "I think I was billed for a service that I cancelled in March.", gap=1.2, gain_db=2.0,
          kind="bump")
    c.say("agent", "You are right, I have removed the charge.")
    close(c, "full")
    return c


@call
def e19():
    c = EvalCall("e19_mono_dead_air", "Mono 8 kHz mu-law: 6.0 s dead air; pauses of 4.5 s and 4.0 s (near misses) "
                 "and 2-3 s. Per-party events are not measurable on mono.", SLT, RMS, mono=True, agent_id="A100")
    greet(c, "Sarah")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.say("customer", "Hi, I would like to check the status of my card replacement.")
    c.say("agent", "One moment please.")
    c.say("agent", "I can see the order, the card was printed yesterday.", gap=4.5)
    c.say("customer", "When will it arrive?", gap=2.0)
    c.say("agent", "Let me check the mailing date.")
    c.say("agent", "It was mailed this morning and should arrive on Friday.", gap=6.0)
    c.say("customer", "And can I use my old card until then?", gap=4.0)
    c.say("agent", "Yes, your old card stays active until you activate the new one.", gap=2.8)
    close(c, "full")
    return c


@call
def e20():
    c = EvalCall("e20_mono_hold_no_notice", "Mono 8 kHz PCM16: asked hold with 16 s of sine hold music; no recording "
                 "notice (missing_disclosure); abrupt closing (closing_missing). Pink noise -55 dBFS.", AWB, KAL,
                 fmt="pcm8k", mono=True, queue="support", agent_id="A300", noise={"mono": (-55, "pink")})
    greet(c, "Mark")
    c.disclose("recording_notice", "absent")
    c.say("customer", "Hi, I need a copy of my contract.")
    c.hold("Do you mind if I put you on hold while I find it?", True, 16.0, "sine",
           "Thank you for holding. I found your contract.", reply="Go ahead.")
    c.say("agent", "I have sent a copy to your email address.", gap=0.4)
    c.say("customer", "I got it, thank you.", gap=2.0)
    close(c, "abrupt")
    return c


@call
def e21():
    c = EvalCall("e21_echo_overtalk_agent", "Mild echo (60 ms, 0.25). Collections call with a near-verbatim "
                 "mini-Miranda; the agent cuts in on a rambling customer (over-talk 1.5 s, interrupter agent); "
                 "two backchannels and a 0.85 s overlap with words (near misses); greeting without name "
                 "(greeting_incomplete). Pink noise -55 dBFS both.", SLT, AWB, queue="collections",
                 agent_id="A500", echo=True, noise={"agent": (-55, "pink"), "customer": (-55, "pink")})
    greet(c, variant="no_name")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.disclose("mini_miranda", "paraphrase", "This is an attempt to collect a debt, and any information we obtain "
               "will be used for that purpose.")
    c.say("customer", "Yes, I know, I have been meaning to call you about that, but work has been crazy and "
          "then my car broke down as well.")
    c.interrupt("agent", "I understand, we can find a solution together.", 1.5)
    c.say("agent", "If you pay fifty dollars today, I can stop the late fees on your account.", gap=0.4)
    c.backchannel("customer", "Okay.", 0.3)
    c.backchannel("customer", "Yeah.", 0.75)
    c.say("customer", "I can do fifty dollars today.")
    c.say("agent", "Thank you. The payment is scheduled for today.")
    c.interrupt("customer", "Great, thank you so much.", 0.85)
    close(c, "full")
    return c


@call
def e22():
    c = EvalCall("e22_echo_raised_agent", "Mild echo (60 ms, 0.25). The agent loses patience and shouts (+13 dB, "
                 "raised_voice agent); customer +2 dB bump (near miss). Brown noise -45 dBFS on the agent "
                 "channel.", RMS, HTS, agent_id="A600", echo=True, level_db=-32.0,
                 noise={"agent": (-45, "brown")})
    greet(c, "Tom", "full2")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.say("customer", "I want to dispute a charge from a hotel.")
    c.say("agent", "Which hotel charge do you mean?")
    c.say("customer", "I already told the last agent everything, why do I have to repeat it?", gain_db=2.0,
          kind="bump")
    c.say("agent", "Because I cannot see any notes about it in your file!", gain_db=13.0, kind="raised")
    c.say("customer", "Fine. It is the charge from the Grand Hotel in May.")
    c.say("agent", "Sorry. I have opened a dispute for that charge.")
    close(c, "full")
    return c


@call
def e23():
    c = EvalCall("e23_swapped_channels_hold_dead_air", "Agent on the RIGHT channel (manifest agent_channel=1). Asked "
                 "hold with 15 s of sine music, then 7.0 s of dead air later. Brown noise -45 dBFS both.",
                 KAL, RMS, agent_id="A200", agent_channel=1,
                 noise={"agent": (-45, "brown"), "customer": (-45, "brown")})
    greet(c, "Peter")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.say("customer", "Hi, I lost my debit card.")
    c.hold("Can I put you on a brief hold while I block it?", True, 15.0, "sine",
           "Thank you for holding. The card is blocked now.", reply="Yes.")
    c.say("customer", "Can you send me a new one?")
    c.say("agent", "Let me check your address first.")
    c.say("agent", "Yes, the new card goes to your home address.", gap=7.0)
    close(c, "full")
    return c


@call
def e24():
    c = EvalCall("e24_no_notice_policy", "No recording notice (missing_disclosure); the agent says 'that is our "
                 "policy' (forbidden_phrase); the customer cuts in angrily (+10 dB): over-talk 1.4 s "
                 "(interrupter customer) and raised_voice customer. Slow agent (slt x1.2), fast customer "
                 "(rms x0.85).", ("slt", 1.2), ("rms", 0.85), agent_id="A100", level_db=-30.0)
    greet(c, "Sarah")
    c.disclose("recording_notice", "absent")
    c.say("customer", "I want a refund for the concert tickets I bought last week.")
    c.forbidden("I am sorry, but tickets cannot be refunded, that is our policy.")
    c.say("customer", "But the concert was cancelled.")
    c.say("agent", "I understand, but the ticket conditions do not allow a refund in any case.")
    c.interrupt("customer", "That makes no sense at all, I want my money back!", 1.4, gain_db=10.0, kind="raised")
    c.say("agent", "Let me ask my supervisor about an exception.")
    c.say("agent", "My supervisor approved the refund.", gap=3.5)
    close(c, "full", "No, thank you.")
    return c


@call
def e25():
    c = EvalCall("e25_fast_negatives_only", "Fast talkers (slt and awb x0.85). Only near misses: three backchannels, "
                 "a 0.65 s overlap with words, a +3 dB agent bump, short pauses and a customer turn clipped by a "
                 "hot microphone (clipping, not raised_voice). Pink noise -55 dBFS customer.", ("slt", 0.85),
                 ("awb", 0.85), queue="sales", agent_id="A300", noise={"customer": (-55, "pink")})
    greet(c, "Emma")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.say("customer", "Hi, I saw your offer for the new savings account and I have a few questions.")
    c.say("agent", "Of course. The savings account pays three percent interest, there is no monthly fee, and "
          "you can withdraw money at any time.")
    c.backchannel("customer", "Uh huh.", 0.3)
    c.backchannel("customer", "Okay.", 0.7)
    c.say("customer", "Is there a minimum deposit?", gap=1.1)
    c.say("agent", "Yes, the minimum deposit is one hundred dollars.", gain_db=3.0, kind="bump")
    c.interrupt("customer", "That is fine, no problem at all.", 0.65)
    c.say("customer", "Can I open it online tonight?", gap=1.6)
    c.say("agent", "Yes, it takes about five minutes on our website, and you only need your ID.")
    c.backchannel("customer", "Right.", 0.6)
    c.say("customer", "Sorry, my headset is too loud, can you still hear me?", gap=1.0, kind="clip")
    c.say("agent", "Yes, I can hear you fine.")
    close(c, "full2", "No, thanks.")
    return c


@call
def e26():
    c = EvalCall("e26_slow_raised_dead_air", "Slow talkers (rms and kal16 x1.2). Customer shouts (+11 dB, "
                 "raised_voice customer) after a +2 dB bump; dead air of 5.3 s (just above the threshold). "
                 "Recording notice comes after 30 s (late_disclosure).", ("rms", 1.2), ("kal16", 1.2),
                 agent_id="A400", level_db=-30.0)
    greet(c, "James")
    c.say("customer", "Hello, my card was declined at the supermarket today.")
    c.say("agent", "I am sorry. Let me check your card.")
    c.say("agent", "Your card was blocked because of a suspicious payment.", gap=5.3)
    c.say("customer", "I made that payment myself.", gain_db=2.0, kind="bump")
    c.say("agent", "Can you confirm the amount of that payment for me?")
    c.say("customer", "It was forty dollars at the electronics store.")
    c.disclose("recording_notice", "late", "This call may be recorded for quality and training purposes.",
               gap=0.6)
    c.say("customer", "And I was standing at the checkout in front of everybody!", gain_db=11.0, kind="raised")
    c.say("agent", "I understand. I have unblocked your card now.")
    close(c, "full", "No.")
    return c


# --- e27-e38: disclosure robustness (issue #6). Disclosures verbatim, paraphrased, late, under agent-channel
# noise of -40..-45 dBFS (the ASR garbles words there), and absent (some with near-miss wording), several voices.

@call
def e27():
    c = EvalCall("e27_notice_noise40_slt", "Verbatim recording notice under pink noise -40 dBFS on the agent "
                 "channel (12 dB below the speech): the ASR garbles words of it.", SLT, RMS, agent_id="A100",
                 noise={"agent": (-40, "pink")})
    greet(c, "Sarah")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.say("customer", "Hi, I would like to change the address on my account.")
    c.say("agent", "Of course. What is the new address?")
    c.say("customer", "It is twelve Oak Street in Springfield.")
    c.say("agent", "Thank you, the address is updated.")
    close(c, "full")
    return c


@call
def e28():
    c = EvalCall("e28_notice_noise42_awb", "Verbatim recording notice, awb agent, brown noise -42 dBFS on both "
                 "channels.", AWB, KAL, queue="support", agent_id="A200",
                 noise={"agent": (-42, "brown"), "customer": (-42, "brown")})
    greet(c, "Mark", "full3")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.say("customer", "My internet connection drops every evening.")
    c.say("agent", "I am sorry to hear that. I will run a line test now.")
    c.say("agent", "The test shows a weak signal, I will send a technician on Monday.", gap=2.0)
    c.say("customer", "Monday works for me.")
    close(c, "full2", "No, thanks.")
    return c


@call
def e29():
    c = EvalCall("e29_notice_paraphrase_noise45_kal", "Paraphrased recording notice ('please note that this call "
                 "is being recorded'), kal16 agent, pink noise -45 dBFS on the agent channel.", KAL, SLT,
                 agent_id="A400", noise={"agent": (-45, "pink")})
    greet(c, "Peter", "full2")
    c.disclose("recording_notice", "paraphrase", "Please note that this call is being recorded.", gap=0.4)
    c.say("customer", "Hello, I want to order a new cheque book.")
    c.say("agent", "Sure. Should it go to your home address?")
    c.say("customer", "Yes, to my home address please.")
    c.say("agent", "I have ordered it, it will arrive within a week.")
    c.say("customer", "Great, thank you.")
    close(c, "full")
    return c


@call
def e30():
    c = EvalCall("e30_notice_paraphrase_hts_noise40", "Paraphrased recording notice ('all of our calls are "
                 "recorded for quality and training purposes'), festival HTS agent, brown noise -40 dBFS on the "
                 "agent channel.", HTS, RMS, agent_id="A600", noise={"agent": (-40, "brown")})
    greet(c, "Lisa")
    c.disclose("recording_notice", "paraphrase", "All of our calls are recorded for quality and training "
               "purposes.", gap=0.4)
    c.say("customer", "Hi, I would like to increase the limit on my credit card.")
    c.say("agent", "I can raise it to three thousand dollars. Is that enough?")
    c.say("customer", "Yes, that is perfect.")
    c.say("agent", "Done, the new limit is active now.")
    close(c, "full", "No, that is everything.")
    return c


@call
def e31():
    c = EvalCall("e31_collections_noise43_rms", "Collections call, rms agent under pink noise -43 dBFS: verbatim "
                 "recording notice and verbatim mini-Miranda, both garbled by the ASR in places.", RMS, SLT,
                 queue="collections", agent_id="A500", noise={"agent": (-43, "pink")})
    greet(c, "Tom")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.disclose("mini_miranda", "verbatim", gap=0.4)
    c.say("customer", "Yes, I know I am behind on my payments.")
    c.say("agent", "Can you pay the overdue amount of two hundred dollars this week?")
    c.say("customer", "I can pay it on Friday.")
    c.say("agent", "Thank you, I have noted a payment on Friday.")
    close(c, "full")
    return c


@call
def e32():
    c = EvalCall("e32_collections_no_miranda_near_miss", "Collections call without the mini-Miranda "
                 "(missing_disclosure): the agent talks about the debt and about information ('any information "
                 "you give me will help') but never says the disclosure. Verbatim recording notice, awb agent.",
                 AWB, RMS, queue="collections", agent_id="A500")
    greet(c, "Mark")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.disclose("mini_miranda", "absent")
    c.say("agent", "I am calling about the debt on your account, which is now two months overdue.", gap=0.4)
    c.say("customer", "I lost my job last month, so money is tight.")
    c.say("agent", "I am sorry to hear that. Any information you can give me about your income will help us "
          "find a payment plan.")
    c.say("customer", "I can pay fifty dollars a month for now.")
    c.say("agent", "That works, I have set up the plan.")
    close(c, "full")
    return c


@call
def e33():
    c = EvalCall("e33_no_notice_recorded_near_miss", "No recording notice (missing_disclosure), fast slt agent "
                 "(x0.85); near-miss wording: 'I have recorded your new phone number for the quality team' shares "
                 "words with the notice but is not one. Greeting without name (greeting_incomplete).",
                 ("slt", 0.85), AWB, agent_id="A300")
    greet(c, variant="no_name")
    c.disclose("recording_notice", "absent")
    c.say("customer", "Hi, I have a new phone number and I want to update it.", gap=0.6)
    c.say("agent", "Sure, what is the new number?")
    c.say("customer", "It is five five five, one two three, four four four four.")
    c.say("agent", "Thank you, I have recorded your new phone number for the quality team.")
    c.say("customer", "Will you also send me text messages to that number?")
    c.say("agent", "Yes, payment alerts will go to the new number from tomorrow.")
    c.say("customer", "Okay, thanks.")
    close(c, "full2", "No, that is all.")
    return c


@call
def e34():
    c = EvalCall("e34_no_notice_noise40_kal_policy", "No recording notice (missing_disclosure), kal16 agent under "
                 "pink noise -40 dBFS; the agent says 'it is our policy' (forbidden_phrase).", KAL, RMS,
                 queue="support", agent_id="A400", noise={"agent": (-40, "pink")})
    greet(c, "Peter")
    c.disclose("recording_notice", "absent")
    c.say("customer", "Hello, I was charged a late fee and I would like it removed.")
    c.forbidden("I am sorry, it is our policy to charge that fee.")
    c.say("customer", "But I paid only one day late.")
    c.say("agent", "I understand. I will ask my manager and call you back tomorrow.")
    close(c, "full")
    return c


@call
def e35():
    c = EvalCall("e35_no_notice_hts", "No recording notice (missing_disclosure), festival HTS agent, clean line; "
                 "the closing thanks but never checks for other concerns (closing_missing).", HTS, KAL,
                 agent_id="A600")
    greet(c, "Lisa", "full3")
    c.disclose("recording_notice", "absent")
    c.say("customer", "Hi, I would like to know the opening hours of your branch in the city centre.", gap=0.6)
    c.say("agent", "The branch is open from nine to five on weekdays and until noon on Saturday.")
    c.say("customer", "Is there parking near the branch?")
    c.say("agent", "Yes, there is a public car park right behind the building.")
    c.say("customer", "And can I open a savings account there without an appointment?")
    c.say("agent", "Yes, you can, but please bring your passport or driving licence.")
    c.say("customer", "Thank you, that helps.")
    close(c, "no_anything_else")
    return c


@call
def e36():
    c = EvalCall("e36_late_notice_noise42_rms", "Recording notice spoken only after 30 s (late_disclosure), rms "
                 "agent under brown noise -42 dBFS.", RMS, SLT, agent_id="A200", noise={"agent": (-42, "brown")})
    greet(c, "Tom")
    c.say("customer", "Hello, I want to report a lost credit card.")
    c.say("agent", "I am sorry to hear that. I have blocked the card right away.")
    c.say("customer", "Thank you. Will I get a new one?")
    c.say("agent", "Yes, a new card will be sent to your home address within five days.")
    c.say("customer", "And the payments I made yesterday are still fine?", gap=0.8)
    c.say("agent", "Yes, all payments before the block stay valid.")
    c.say("customer", "Good to know, I was worried about the rent.")
    c.disclose("recording_notice", "late", "Before I forget, this call may be recorded for quality and "
               "training purposes.", gap=0.6)
    c.say("customer", "That is fine.")
    close(c, "full", "No, thank you.")
    return c


@call
def e37():
    c = EvalCall("e37_late_paraphrase_awb_slow", "Paraphrased recording notice after 30 s (late_disclosure: 'this "
                 "call is being recorded'), slow awb agent (x1.2), pink noise -45 dBFS on both channels.",
                 ("awb", 1.2), SLT, queue="sales", agent_id="A300",
                 noise={"agent": (-45, "pink"), "customer": (-45, "pink")})
    greet(c, "Emma")
    c.say("customer", "Hi, I am interested in your travel insurance.")
    c.say("agent", "Our travel insurance covers medical costs and cancelled flights.")
    c.say("customer", "How much does it cost for a family?")
    c.say("agent", "For a family it is twenty dollars per month.")
    c.say("customer", "Does it cover skiing holidays as well?")
    c.say("agent", "Yes, winter sports are included at no extra cost.")
    c.say("customer", "That sounds good.")
    c.disclose("recording_notice", "late", "I should mention that this call is being recorded.", gap=0.6)
    c.say("customer", "Sure. Please sign me up.")
    close(c, "full2", "No, thanks.")
    return c


@call
def e38():
    c = EvalCall("e38_alaw_notice_fast_hts_customer", "8 kHz A-law, fast kal16 agent (x0.85) with a verbatim "
                 "recording notice under brown noise -44 dBFS; festival HTS customer.", ("kal16", 0.85), HTS,
                 fmt="alaw8k", agent_id="A100", noise={"agent": (-44, "brown")})
    greet(c, "James")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.say("customer", "Hello, I need a statement for my tax return.")
    c.say("agent", "I can send you the annual statement by email today.")
    c.say("customer", "Yes please, that would be great.")
    c.say("agent", "It is on its way to your inbox.")
    c.say("customer", "Could you also send last year's statement?")
    c.say("agent", "Yes, I have attached both years.")
    c.say("customer", "Got it, thanks.", gap=1.5)
    close(c, "full")
    return c


# ----------------------------------------------------------------------------------------------- main

def main():
    os.makedirs(OUT, exist_ok=True)
    calls = [fn() for fn in CALLS]
    labels = []
    for c in calls:
        peak = c.write()
        lab = c.labels()
        assert 30.0 <= lab["duration_s"] <= 75.0, (c.name, lab["duration_s"])
        if c.queue == "collections":
            assert set(c.disclosures) == {"recording_notice", "mini_miranda"}, c.name
        else:
            assert set(c.disclosures) == {"recording_notice"}, c.name
        labels.append(lab)
        print(f"{c.name:38s} {lab['duration_s']:5.1f}s peak {peak:.2f}  "
              + " ".join(e["type"] for e in lab["events"]) + "  | "
              + " ".join(n["kind"] for n in lab["negatives"]))
    with open(os.path.join(HERE, "labels.json"), "w") as f:
        json.dump({"generator": "eval/generate_eval.py", "calls": labels}, f, indent=2)
        f.write("\n")
    with open(os.path.join(HERE, "manifest.csv"), "w") as f:
        f.write("file,agent_id,queue,direction,started_at,agent_channel\n")
        for i, c in enumerate(calls):
            f.write(f"{c.name}.wav,{c.agent_id},{c.queue},{c.direction},"
                    f"2026-11-25T{8 + i // 3:02d}:{(i % 3) * 20:02d}:00Z,{c.agent_channel}\n")


if __name__ == "__main__":
    main()
