#!/usr/bin/env python3
"""Generates the bundled sample calls in examples/calls/ and their ground truth in examples/labels.json.

Needs: python3 with numpy, flite (voices slt, rms, awb), festival with festvox-us-slt-hts, sox.
The outputs are committed, so neither the tests nor users need these tools; rerun this script only to
change the samples:  python3 examples/generate_samples.py

Every call is a script of turns placed on a timeline. Speech is synthesised, trimmed to its audible
extent (so label times are exact), placed on the speaker's channel, then the stereo mix goes through a
telephone chain (300-3400 Hz band-pass, a little line noise, 8 kHz G.711 mu-law) or is kept as 16 kHz
PCM. Labels are computed from the timeline, not written by hand:
  - dead_air: any stretch >= 5.0 s where neither channel has speech, outside holds;
  - hold: from the end of the agent's hold request to the start of the agent's return;
  - over_talk: the overlap of two turns, interrupter = the party who started second;
  - raised_voice: the span of a turn spoken +11 dB above that speaker's level.
"""
import json
import os
import subprocess
import tempfile

import numpy as np

SR = 16000
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "calls")
RNG = np.random.default_rng(20261124)
SPEECH_DBFS = -28.0          # normal talker level (RMS of voiced parts), typical for call recordings
DEAD_AIR_MIN_S = 5.0

AGENT_GREETING = "Thank you for calling Acme Bank, my name is Sarah. How can I help you today?"
RECORDING = "This call may be recorded for quality and training purposes."
MINI_MIRANDA = "This is an attempt to collect a debt and any information obtained will be used for that purpose."
CLOSING_CHECK = "Is there anything else I can help you with today?"
CLOSING_THANKS = "Thank you for calling Acme Bank. Have a great day."


def synth(text, voice, level_dbfs=SPEECH_DBFS):
    """Returns mono float32 samples at 16 kHz, trimmed to the audible extent, active speech at level_dbfs."""
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "raw.wav")
        wav = os.path.join(tmp, "out.wav")
        if voice == "hts":
            txt = os.path.join(tmp, "t.txt")
            with open(txt, "w") as f:
                f.write(text)
            subprocess.run(["text2wave", "-eval", "(voice_cmu_us_slt_arctic_hts)", txt, "-o", raw],
                           check=True, capture_output=True)
        else:
            subprocess.run(["flite", "-voice", voice, "-t", text, "-o", raw], check=True, capture_output=True)
        subprocess.run(["sox", raw, "-r", str(SR), "-c", "1", "-b", "32", "-e", "floating-point", wav],
                       check=True, capture_output=True)
        data = np.frombuffer(read_float_wav(wav), dtype="<f4").astype(np.float64)
    env = np.abs(data)
    idx = np.nonzero(env > 0.02 * env.max())[0]
    data = data[idx[0]:idx[-1] + 1]
    # normalise to the target level (RMS over the louder half of 20 ms frames ~ active speech level)
    frames = data[: len(data) // 320 * 320].reshape(-1, 320)
    rms = np.sqrt((frames ** 2).mean(axis=1))
    active = np.sqrt((np.sort(rms)[len(rms) // 2:] ** 2).mean())
    return data * (10 ** (level_dbfs / 20) / active)


def read_float_wav(path):
    with open(path, "rb") as f:
        blob = f.read()
    pos = 12
    while pos < len(blob):
        cid, size = blob[pos:pos + 4], int.from_bytes(blob[pos + 4:pos + 8], "little")
        if cid == b"data":
            return blob[pos + 8:pos + 8 + size]
        pos += 8 + size + (size & 1)
    raise ValueError("no data chunk in " + path)


def hold_music(seconds):
    """A simple synthetic melody (sine notes with soft attack), like a hold-music loop."""
    notes = [262, 330, 392, 523, 392, 330]
    note_len = 0.5
    t = np.arange(int(note_len * SR)) / SR
    env = np.minimum(1, np.minimum(t / 0.02, (note_len - t) / 0.05))
    out = []
    for i in range(int(np.ceil(seconds / note_len))):
        f = notes[i % len(notes)]
        out.append(env * (np.sin(2 * np.pi * f * t) + 0.3 * np.sin(2 * np.pi * 2 * f * t)))
    music = np.concatenate(out)[: int(seconds * SR)]
    return music * (10 ** (-30 / 20) / np.sqrt((music ** 2).mean()))


class Call:
    """A timeline of turns. Times are seconds; channel 0 = agent (left), 1 = customer (right)."""

    def __init__(self, name, description, voices, fmt="mulaw8k", mono=False, queue="billing",
                 agent_id="A100", direction="inbound"):
        self.name, self.description, self.voices = name, description, voices
        self.fmt, self.mono = fmt, mono
        self.queue, self.agent_id, self.direction = queue, agent_id, direction
        self.turns = []       # (speaker, start, end, text, samples)
        self.music = []       # (start, end, samples) on the agent channel
        self.holds = []       # (start, end)
        self.raised = []      # (speaker, start, end)
        self.disclosures = {}
        self.greeting_ok = True
        self.closing_ok = True
        self.t = 0.5

    def say(self, speaker, text, gap=0.6, at=None, gain_db=0.0):
        audio = synth(text, self.voices[speaker]) * (10 ** (gain_db / 20))
        start = self.t + gap if at is None else at
        end = start + len(audio) / SR
        self.turns.append((speaker, round(start, 3), round(end, 3), text, audio))
        if gain_db >= 6:
            self.raised.append((speaker, round(start, 3), round(end, 3)))
        self.t = max(self.t, end)
        return start, end

    def silence(self, seconds):
        self.t += seconds

    def hold(self, seconds, gap=0.8):
        start = self.t + gap
        music = hold_music(seconds)
        self.music.append((start, start + seconds, music))
        self.t = start + seconds
        return start

    def render(self):
        length = int((self.t + 1.0) * SR)
        chans = np.zeros((2, length))
        for speaker, start, _, _, audio in self.turns:
            ch = 0 if speaker == "agent" else 1
            i = int(round(start * SR))
            chans[ch, i:i + len(audio)] += audio
        for start, _, music in self.music:
            i = int(round(start * SR))
            chans[0, i:i + len(music)] += music
        # a faint line noise floor (-65 dBFS), seeded
        chans += RNG.normal(0, 10 ** (-65 / 20), chans.shape)
        if self.mono:
            return chans.sum(axis=0, keepdims=True)
        return chans

    def labels(self):
        events = []
        speech = sorted((s, e) for _, s, e, _, _ in self.turns)
        blocked = [(s, e) for s, e in self.holds] + [(s, e) for s, e, _ in self.music]
        # dead air: gaps in the union of speech, outside holds and music
        cursor = 0.0
        merged = []
        for s, e in speech:
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        for (s0, e0), (s1, _) in zip(merged, merged[1:]):
            if s1 - e0 >= DEAD_AIR_MIN_S and not any(bs < s1 and be > e0 for bs, be in blocked):
                events.append({"type": "dead_air", "start_s": e0, "end_s": s1})
        for s, e in self.holds:
            events.append({"type": "hold", "start_s": s, "end_s": e})
        for a in self.turns:
            for b in self.turns:
                if a[0] != b[0] and a[1] < b[1] < a[2]:
                    ov_end = min(a[2], b[2])
                    if ov_end - b[1] >= 1.0:
                        events.append({"type": "over_talk", "start_s": b[1], "end_s": round(ov_end, 3),
                                       "interrupter": b[0]})
        for speaker, s, e in self.raised:
            events.append({"type": "raised_voice", "speaker": speaker, "start_s": s, "end_s": e})
        for did, present in self.disclosures.items():
            if not present:
                events.append({"type": "missing_disclosure", "disclosure_id": did})
        if not self.greeting_ok:
            events.append({"type": "greeting_incomplete"})
        if not self.closing_ok:
            events.append({"type": "closing_missing"})
        del cursor
        return {
            "file": self.name + ".wav",
            "description": self.description,
            "format": self.fmt,
            "channels": 1 if self.mono else 2,
            "duration_s": round(self.t + 1.0, 3),
            "agent_id": self.agent_id,
            "queue": self.queue,
            "direction": self.direction,
            "disclosures": self.disclosures,
            "events": sorted(events, key=lambda ev: (ev.get("start_s", -1), ev["type"])),
            "turns": [{"speaker": sp, "start_s": s, "end_s": e, "text": tx} for sp, s, e, tx, _ in self.turns],
        }

    def write(self):
        chans = self.render()
        peak = np.abs(chans).max()
        assert peak < 0.99, f"{self.name}: mix clips ({peak:.2f})"
        with tempfile.TemporaryDirectory() as tmp:
            raw = os.path.join(tmp, "mix.f32")
            chans.T.astype("<f4").tofile(raw)
            src = ["sox", "-t", "f32", "-r", str(SR), "-c", str(chans.shape[0]), raw]
            dst = os.path.join(OUT, self.name + ".wav")
            if self.fmt == "mulaw8k":
                subprocess.run(src + ["-r", "8000", "-e", "mu-law", "-b", "8", dst,
                                      "sinc", "300-3400"], check=True)
            elif self.fmt == "pcm16k":
                subprocess.run(src + ["-e", "signed-integer", "-b", "16", dst], check=True)
            else:
                raise ValueError(self.fmt)


def call01():
    c = Call("call01_good", "Clean call: full greeting, both disclosures, polite closing. No events.",
             {"agent": "slt", "customer": "rms"}, queue="collections", agent_id="A100")
    c.say("agent", AGENT_GREETING, gap=0.3)
    c.say("agent", RECORDING, gap=0.4)
    c.say("customer", "Hi, I got a letter about my account balance and I would like to pay it.")
    c.say("agent", MINI_MIRANDA, gap=0.5)
    c.say("agent", "I can help with that. Could you confirm your account number please?", gap=0.4)
    c.say("customer", "Sure, it is on the letter, I will read it to you now.")
    c.say("agent", "Thank you. I see the balance, and I can take a payment today.")
    c.say("customer", "Great, please charge the card we have on file.")
    c.say("agent", "Done. The payment has been applied to your account.")
    c.say("agent", CLOSING_CHECK, gap=0.5)
    c.say("customer", "No, that is all, thank you very much.")
    c.say("agent", CLOSING_THANKS)
    c.disclosures = {"recording_notice": True, "mini_miranda": True}
    return c


def call02():
    c = Call("call02_dead_air", "Agent goes quiet for about 8 s while looking something up (dead air); "
             "no recording notice (missing disclosure).", {"agent": "awb", "customer": "slt"},
             agent_id="A200")
    c.say("agent", AGENT_GREETING, gap=0.3)
    c.say("customer", "Hello, I think I was charged twice for my last order.")
    c.say("agent", "I am sorry to hear that. Let me look into your account.")
    c.silence(8.0)
    c.say("agent", "Thank you for waiting. I can see the double charge on your statement.", gap=0.0)
    c.say("customer", "Can you refund one of them please?")
    c.say("agent", "Yes, I have issued the refund. It will show in three to five days.")
    c.say("agent", CLOSING_CHECK, gap=0.5)
    c.say("customer", "No, that was everything. Thanks.")
    c.say("agent", CLOSING_THANKS)
    c.disclosures = {"recording_notice": False}
    return c


def call03():
    c = Call("call03_hold", "Agent asks to place the customer on hold, 25 s of hold music, agent returns.",
             {"agent": "slt", "customer": "awb"}, agent_id="A100")
    c.say("agent", AGENT_GREETING, gap=0.3)
    c.say("agent", RECORDING, gap=0.4)
    c.say("customer", "Hi, I need to change the address on my account.")
    _, req_end = c.say("agent", "May I place you on a brief hold while I pull up your account?")
    c.say("customer", "Sure, go ahead.")
    music_start = c.hold(25.0)
    ret_start, _ = c.say("agent", "Thank you for holding. I have your account open now.", gap=0.8)
    c.holds.append((round(req_end, 3), round(ret_start, 3)))
    del music_start
    c.say("customer", "Great. The new address is twelve Main Street.")
    c.say("agent", "I have updated the address on your account.")
    c.say("agent", CLOSING_CHECK, gap=0.5)
    c.say("customer", "No, thank you.")
    c.say("agent", CLOSING_THANKS)
    c.disclosures = {"recording_notice": True}
    return c


def call04():
    c = Call("call04_overtalk_16k", "16 kHz PCM. The customer cuts in while the agent is explaining "
             "(over-talk, customer interrupts).", {"agent": "hts", "customer": "rms"},
             fmt="pcm16k", agent_id="A200")
    c.say("agent", AGENT_GREETING, gap=0.3)
    c.say("agent", RECORDING, gap=0.4)
    c.say("customer", "My internet has been down since yesterday morning.")
    s, e = c.say("agent", "I understand. Before we go further I need to explain the troubleshooting "
                 "steps that we will follow together, and how long each of them usually takes.")
    c.say("customer", "I already restarted the router twice, that does not help at all.", at=s + 2.5)
    c.t = max(c.t, e)
    c.say("agent", "I see. I will send a technician to your address tomorrow.")
    c.say("customer", "Okay, thank you.")
    c.say("agent", CLOSING_CHECK, gap=0.5)
    c.say("customer", "No, that is all.")
    c.say("agent", CLOSING_THANKS)
    c.disclosures = {"recording_notice": True}
    return c


def call05():
    c = Call("call05_raised_voice", "The customer gets angry and shouts one sentence (+11 dB); the "
             "agent stays calm. No closing check (closing_missing).", {"agent": "slt", "customer": "rms"},
             agent_id="A100")
    c.say("agent", AGENT_GREETING, gap=0.3)
    c.say("agent", RECORDING, gap=0.4)
    c.say("customer", "I have called three times about the same problem with my bill.")
    c.say("agent", "I am sorry about that. Let me check what happened.")
    c.say("customer", "This is completely unacceptable, I want this fixed right now!", gain_db=11.0)
    c.say("agent", "I understand your frustration. I have corrected the bill.")
    c.say("customer", "Fine. Goodbye.")
    c.closing_ok = False
    c.disclosures = {"recording_notice": True}
    return c


def call06():
    c = Call("call06_mono", "Mono recording (both parties on one channel) with about 7 s of dead air.",
             {"agent": "awb", "customer": "slt"}, mono=True, agent_id="A200")
    c.say("agent", AGENT_GREETING, gap=0.3)
    c.say("agent", RECORDING, gap=0.4)
    c.say("customer", "Hi, I would like to check the status of my order.")
    c.say("agent", "One moment please.")
    c.silence(7.0)
    c.say("agent", "Your order shipped this morning and will arrive on Friday.", gap=0.0)
    c.say("customer", "Perfect, thanks.")
    c.say("agent", CLOSING_CHECK, gap=0.5)
    c.say("customer", "No, that is all.")
    c.say("agent", CLOSING_THANKS)
    c.disclosures = {"recording_notice": True}
    return c


def main():
    os.makedirs(OUT, exist_ok=True)
    calls = [call01(), call02(), call03(), call04(), call05(), call06()]
    labels = []
    for c in calls:
        c.write()
        labels.append(c.labels())
        print(c.name, f"{c.t + 1.0:.1f}s", [e["type"] for e in labels[-1]["events"]])
    with open(os.path.join(HERE, "labels.json"), "w") as f:
        json.dump({"generator": "examples/generate_samples.py", "calls": labels}, f, indent=2)
        f.write("\n")
    with open(os.path.join(HERE, "manifest.csv"), "w") as f:
        f.write("file,agent_id,queue,direction,started_at,agent_channel\n")
        for i, c in enumerate(calls):
            f.write(f"{c.name}.wav,{c.agent_id},{c.queue},{c.direction},2026-11-23T{9 + i:02d}:15:00Z,0\n")


if __name__ == "__main__":
    main()
