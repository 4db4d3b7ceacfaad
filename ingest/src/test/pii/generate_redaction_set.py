#!/usr/bin/env python3
"""Generates the PII redaction test set: spoken utterances -> telephone audio -> the real recogniser.

Needs: python3 with numpy, flite (voices slt, rms, kal, awb), festival with festvox-us-slt-hts, sox, Maven.
The outputs are committed, so the tests need none of these tools; rerun only to change the set:

    python3 ingest/src/test/pii/generate_redaction_set.py   [--audio-only | --transcribe-only] [--heldout]

--heldout makes the held-out set (redaction-heldout.json): the same kinds of utterances with other digits, pauses
and voices (another seed), transcribed the same way, never looked at while tuning the redactor's word lists.

Steps:
 1. Each case is a list of parts, each part plain speech or PII of one category (card, ssn, phone, account,
    date_of_birth, email). Every part is synthesised on its own (one voice per case), trimmed, and the parts are joined
    with short pauses (0.15-0.35 s, as callers pause between digit groups); the times of the PII parts are
    kept. The case then goes through the telephone chain of the sample calls (300-3400 Hz, light line noise,
    8 kHz G.711 mu-law) into target/pii-audio/<id>.wav.
 2. RedactionSetTranscription (ingest test sources) runs every WAV through CallProcessor (real decoding,
    voice activity, Vosk) with redaction off, and labels each recognised word with the category of the PII part
    its midpoint falls in (none outside). Labels come from the audio timeline, not from hand edits.
    Result: ingest/src/test/resources/pii/redaction-set.json.
 3. Two cases (a card number and a social security number) are also copied to
    ingest/src/test/resources/pii/*.wav for the slow end-to-end test (PiiRedactionVoskTest).
Digits are drawn from a seeded generator, so reruns give the same set.
"""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

import numpy as np

SR = 16000
HERE = os.path.dirname(os.path.abspath(__file__))
MODULE = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
REPO = os.path.dirname(MODULE)
WORK = os.path.join(MODULE, "target", "pii-audio")
RESOURCES = os.path.join(MODULE, "src", "test", "resources", "pii")
sys.path.insert(0, os.path.join(REPO, "examples"))
import generate_samples as gs  # noqa: E402  (synth: flite/festival, trimmed and levelled as in the samples)
HELDOUT = "--heldout" in sys.argv
SEED = 777 if HELDOUT else 20261125
RNG = random.Random(SEED)
NOISE = np.random.default_rng(SEED)
if HELDOUT:
    WORK += "-heldout"
SPEECH_DBFS = -26.0
VOICES = ["slt", "rms", "kal", "awb", "hts"]

DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
         "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
            "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
            "eighteenth", "nineteenth", "twentieth", "twenty first", "twenty second", "twenty third",
            "twenty fourth", "twenty fifth", "twenty sixth", "twenty seventh", "twenty eighth"]


def digits(n, first=None):
    out = [RNG.randrange(10) for _ in range(n)]
    if first is not None:
        out[0] = first
    return out


def say_digits(ds, zero="zero", doubles=False):
    """Digits one by one; 'oh' for zero if asked; 'double x' for repeated digits if asked."""
    words = []
    i = 0
    while i < len(ds):
        if doubles and i + 1 < len(ds) and ds[i] == ds[i + 1]:
            words.append("double " + (zero if ds[i] == 0 else DIGITS[ds[i]]))
            i += 2
            continue
        words.append(zero if ds[i] == 0 else DIGITS[ds[i]])
        i += 1
    return " ".join(words)


def say_pair(a, b):
    """A two-digit group the way people read card numbers: 'forty five', 'oh seven', 'eleven'."""
    if a == 0:
        return "oh " + DIGITS[b]
    if a == 1:
        return TEENS[b]
    return TENS[a] + ("" if b == 0 else " " + DIGITS[b])


def grouped(ds, sizes, **kw):
    out, pos = [], 0
    for s in sizes:
        out.append(say_digits(ds[pos:pos + s], **kw))
        pos += s
    return out


def pairs(ds):
    return ", ".join(say_pair(ds[i], ds[i + 1]) for i in range(0, len(ds), 2))


def dob():
    m = RNG.randrange(12)
    d = RNG.randrange(28)
    y = RNG.randrange(45, 100)
    return f"{MONTHS[m]} {ORDINALS[d]}, nineteen {say_pair(y // 10, y % 10)}"


def cases():
    """(id, [(text, category or None), ...]). Groups of digits are separate parts: callers pause between them."""
    c = []

    def add(cid, *parts):
        c.append((cid, list(parts)))

    # --- cards: 16 digits in groups of four, with and without a trigger, 'oh', 'double', pairs; Amex 4-6-5
    for i, (lead, kw) in enumerate([
            ("My card number is", {}), ("Sure, the card number is", {"zero": "oh"}),
            ("It's a visa, the number is", {"doubles": True}), ("Okay, my credit card is", {}),
            ("Yes, it is", {}), ("Let me read it to you.", {"zero": "oh", "doubles": True}),
            ("The debit card number is", {}), ("Here it is.", {})]):
        ds = digits(16, first=RNG.choice([4, 5]))
        add(f"card-{i + 1:02d}", (lead, None), *[(g, "card") for g in grouped(ds, [4, 4, 4, 4], **kw)])
    ds = digits(16, first=4)
    add("card-09", ("My card number is", None), *[(p, "card") for p in
                                                   [pairs(ds[0:4]), pairs(ds[4:8]), pairs(ds[8:12]), pairs(ds[12:16])]])
    ds = digits(15, first=3)
    add("card-10", ("It's an american express card,", None),
        *[(g, "card") for g in grouped(ds, [4, 6, 5])])
    ds = digits(16, first=5)
    add("card-11", ("The card number is", None), *[(g, "card") for g in grouped(ds, [4, 4, 4, 4])],
        ("and it expires next year.", None))
    add("card-12", ("Can you read me the card number?", None), ("Yes.", None),
        *[(g, "card") for g in grouped(digits(16, first=4), [4, 4, 4, 4], zero="oh")])

    # --- social security numbers: 3-2-4, 'oh', untriggered, last four
    for i, (lead, kw) in enumerate([
            ("My social security number is", {}), ("My social is", {"zero": "oh"}),
            ("Sure, it's", {}), ("The social security number is", {"doubles": True}),
            ("My S S N is", {}), ("Okay, the number is", {"zero": "oh"})]):
        add(f"ssn-{i + 1:02d}", (lead, None), *[(g, "ssn") for g in grouped(digits(9), [3, 2, 4], **kw)])
    for i, lead in enumerate(["The last four of my social are", "Last four of my social security number is",
                              "The last four digits are", "It's the last four of my social,"]):
        add(f"ssn-last4-{i + 1:02d}", (lead, None), (say_digits(digits(4)), "ssn"))

    # --- phone numbers: 10 digits 3-3-4, 7 digits
    for i, (lead, sizes) in enumerate([("You can reach me at", [3, 3, 4]), ("My phone number is", [3, 3, 4]),
                                       ("Call me back at", [3, 4]), ("My cell is", [3, 3, 4]),
                                       ("The best number is area code", [3, 3, 4])]):
        add(f"phone-{i + 1:02d}", (lead, None), *[(g, "phone") for g in grouped(digits(10), sizes, zero="oh")])

    # --- account numbers
    for i, (lead, n) in enumerate([("My account number is", 8), ("The account number is", 10),
                                   ("My member I D is", 9), ("The routing number is", 9)]):
        add(f"account-{i + 1:02d}", (lead, None), (say_digits(digits(n)), "account"))

    # --- dates of birth after a trigger
    for i, lead in enumerate(["My date of birth is", "I was born on", "Date of birth,", "My birthday is"]):
        add(f"dob-{i + 1:02d}", (lead, None), (dob(), "date_of_birth"))
    add("dob-05", ("My date of birth is", None), ("oh four, twelve, nineteen ninety", "date_of_birth"))

    # --- e-mail addresses spelled out
    for i, (lead, addr) in enumerate([("My email is", "john smith at gmail dot com"),
                                      ("The email address is", "mary dot jones at yahoo dot com"),
                                      ("You can email me at", "j doe seventy seven at outlook dot com"),
                                      ("My e-mail is", "s m i t h at a o l dot com")]):
        add(f"email-{i + 1:02d}", (lead, None), (addr, "email"))

    # --- near misses: numbers and dates in normal talk, must stay
    for i, text in enumerate([
            "I paid on the fifth.", "It usually takes two or three days.", "I have been waiting for two weeks.",
            "One moment please, let me check that.", "Press one for billing or two for support.",
            "Our online banking is open twenty four seven.", "It costs forty nine ninety nine a month.",
            "I called you two times yesterday and once today.", "I have been a customer for ten years.",
            "The bill was around three hundred and fifty dollars.", "Can you hold for one or two minutes?",
            "I will call back at ten thirty tomorrow morning.", "I tried option two and then option four.",
            "We opened the account in nineteen ninety eight.", "I want to go for it too.",
            "Two of the four charges are wrong.", "The fee went up to twelve dollars in march.",
            "Give me five minutes to find it.", "It was on the twenty first of june.",
            "My son was born last year and we added him to the plan.",
            "I sent an email to support yesterday.", "The last four payments went through fine."]):
        add(f"nomatch-{i + 1:02d}", (text, None))
    return c


def synth(text, voice):
    return gs.synth(text, voice, SPEECH_DBFS)


def render(cid, parts, voice):
    """Writes WORK/<cid>.wav; returns the PII spans [(category, start_s, end_s)]."""
    pieces = [np.zeros(int(0.6 * SR))]
    t = 0.6
    spans = []
    for text, cat in parts:
        s = synth(text, voice)
        if cat is not None:
            spans.append({"category": cat, "start_s": round(t, 3), "end_s": round(t + len(s) / SR, 3),
                          "text": text})
        pieces.append(s)
        t += len(s) / SR
        gap = RNG.uniform(0.15, 0.35)
        pieces.append(np.zeros(int(gap * SR)))
        t += int(gap * SR) / SR
    pieces.append(np.zeros(int(0.6 * SR)))
    audio = np.concatenate(pieces)
    audio = audio + NOISE.normal(0, 10 ** (-60 / 20), len(audio))
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "a.f32")
        audio.astype("<f4").tofile(raw)
        # -D: no dither. SoX dithers by default when it reduces the bit depth, from an unseeded random source, so
        # two runs gave different audio (about one byte in five) and different transcripts (the committed sets were
        # made before this flag; a rerun now gives the same audio every time, but not the committed bytes)
        subprocess.run(["sox", "-D", "-t", "f32", "-r", str(SR), "-c", "1", raw, "-r", "8000", "-e", "mu-law", "-b", "8",
                        os.path.join(WORK, cid + ".wav"), "sinc", "300-3400"], check=True)
    return spans


def main():
    os.makedirs(WORK, exist_ok=True)
    if "--transcribe-only" not in sys.argv:
        synthesise()
    if "--audio-only" in sys.argv:
        return
    transcribe()


def synthesise():
    out = []
    for n, (cid, parts) in enumerate(cases()):
        voice = VOICES[(n + (2 if HELDOUT else 0)) % len(VOICES)]
        spans = render(cid, parts, voice)
        out.append({"id": cid, "voice": voice, "spoken": " ".join(p[0] for p in parts), "pii": spans})
        print(cid, voice, file=sys.stderr)
    with open(os.path.join(WORK, "cases.json"), "w") as f:
        json.dump({"cases": out}, f, indent=1)


def transcribe():
    subprocess.run(["mvn", "-B", "-q", "-pl", "ingest", "-am", "test-compile", "dependency:build-classpath",
                    "-Dmdep.outputFile=target/classpath.txt"], cwd=REPO, check=True)
    with open(os.path.join(MODULE, "target", "classpath.txt")) as f:
        cp = f.read().strip()
    cp = os.pathsep.join([os.path.join(MODULE, "target", "test-classes"), os.path.join(MODULE, "target", "classes"), cp])
    subprocess.run(["java", "-cp", cp, "io.callqa.ingest.pii.RedactionSetTranscription", WORK,
                    os.path.join(RESOURCES, "redaction-heldout.json" if HELDOUT else "redaction-set.json")],
                   cwd=REPO, check=True)
    if HELDOUT:
        return
    for cid, name in [("card-01", "card-number.wav"), ("ssn-01", "social-security-number.wav")]:
        shutil.copyfile(os.path.join(WORK, cid + ".wav"), os.path.join(RESOURCES, name))


if __name__ == "__main__":
    main()
