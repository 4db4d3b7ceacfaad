#!/usr/bin/env python3
"""Generates the held-out disclosure set: eval/heldout-disclosures/calls/*.wav, labels.json and manifest.csv.

    python3 eval/heldout-disclosures/generate_heldout.py

12 calls for the "mandatory disclosure" check (recording_notice, mini_miranda) that the detector was never
tuned on: new topics and scripts (insurance claim, internet outage, hotel booking, loan payment, ...), new
near misses, noise seeded from "heldout-" + call name (different from every eval/ seed).

Everything audio and label related is reused from eval/generate_eval.py (imported as a module): synthesis
and its cache, levels, telephone band, seeded noise, echo, the timeline -> labels computation and the
writer. Only the scripts, the company-specific greeting/closing lines and the output folder are new here.
Same tools as the eval generator: python3 + numpy, flite (slt, rms, awb, kal16), festival text2wave with
voice_cmu_us_slt_arctic_hts, sox.
"""
import json
import os
import sys
import zlib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL = os.path.dirname(HERE)
sys.path.insert(0, EVAL)
sys.dont_write_bytecode = True          # no __pycache__ next to eval/ or examples/
import generate_eval as ge  # noqa: E402  (EvalCall, synth, noise, echo, labels, writer)

ge.OUT = os.path.join(HERE, "calls")     # EvalCall.write() writes to the module's OUT

SLT, RMS, AWB, KAL, HTS = ge.SLT, ge.RMS, ge.AWB, ge.KAL, ge.HTS
DATE = "2026-11-25"


class HeldoutCall(ge.EvalCall):
    """An EvalCall whose noise/line floor is seeded from 'heldout-' + name (never an eval/ seed)."""

    def __init__(self, name, *args, **kw):
        super().__init__(name, *args, **kw)
        self.rng = np.random.default_rng(zlib.crc32(("heldout-" + name).encode()))


def greet(c, company, name, variant="full", gap=0.3):
    lines = {
        "full": f"Thank you for calling {company}, my name is {name}. How can I help you today?",
        "full2": f"Thanks for calling {company}, you are speaking with {name}. How may I help you?",
        "full3": f"Thank you for calling {company}, this is {name}. What can I do for you today?",
    }
    c.greeting = "full"
    c.say("agent", lines[variant], gap=gap)


def close(c, company, variant="full", reply="No, that is all, thank you."):
    if variant == "full":
        c.say("agent", "Is there anything else I can help you with today?", gap=0.5)
        c.say("customer", reply)
        c.say("agent", f"Thank you for calling {company}. Have a great day.")
    elif variant == "full2":
        c.say("agent", "Is there anything else I can do for you?", gap=0.5)
        c.say("customer", reply)
        c.say("agent", "Thanks for calling, have a nice day.")
    else:
        raise ValueError(variant)


CALLS = []


def call(fn):
    CALLS.append(fn)
    return fn


# --- recording notice spoken (6)

@call
def h01():
    c = HeldoutCall("h01_insurance_claim_noise38_awb", "Insurance claim. Verbatim recording notice, awb agent "
                    "under pink noise -38 dBFS on the agent channel (10 dB below the speech).", AWB, SLT,
                    queue="support", agent_id="A200", noise={"agent": (-38, "pink")})
    greet(c, "Harbor Insurance", "Daniel")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.say("customer", "Hi, a tree fell on my car during the storm last night and I want to file a claim.")
    c.say("agent", "I am sorry to hear that. Is anyone hurt?")
    c.say("customer", "No, nobody was in the car.")
    c.say("agent", "Good. I have opened the claim, please send us two photos of the damage.")
    c.say("customer", "I will send them this evening.")
    close(c, "Harbor Insurance", "full")
    return c


@call
def h02():
    c = HeldoutCall("h02_internet_outage_noise41_kal", "Internet outage. Verbatim recording notice, kal16 agent "
                    "under brown noise -41 dBFS on the agent channel; slow rms customer (x1.2).", KAL,
                    ("rms", 1.2), queue="support", agent_id="A400", noise={"agent": (-41, "brown")})
    greet(c, "Skyline Broadband", "Olivia", "full2")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.say("customer", "My internet has been down since this morning.")
    c.say("agent", "There is an outage in your area, our engineers are repairing a cable.")
    c.say("customer", "When will it work again?")
    c.say("agent", "It should be back by six this evening, and I have added a credit to your bill.")
    close(c, "Skyline Broadband", "full2", "No, thanks.")
    return c


@call
def h03():
    c = HeldoutCall("h03_hotel_booking_noise44_rms_fast", "Hotel booking. Verbatim recording notice, fast rms "
                    "agent (x0.85) under pink noise -44 dBFS on the agent channel; awb customer.", ("rms", 0.85),
                    AWB, queue="sales", agent_id="A300", noise={"agent": (-44, "pink")})
    greet(c, "Seaview Hotels", "Robert", "full3")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.say("customer", "Hello, I would like to book a double room for two nights in March.")
    c.say("agent", "We have a room with a sea view for the twelfth and thirteenth of March.")
    c.say("customer", "Is breakfast included?")
    c.say("agent", "Yes, breakfast is included, and parking is free.")
    c.say("customer", "Perfect, please book it.")
    c.say("agent", "Done, you will get a confirmation by email.")
    close(c, "Seaview Hotels", "full")
    return c


@call
def h04():
    c = HeldoutCall("h04_car_rental_echo_slt_fast", "Car rental change. Verbatim recording notice, fast slt agent "
                    "(x0.85), 60 ms echo at 0.25 on both channels, pink noise -55 dBFS on both channels.",
                    ("slt", 0.85), KAL, queue="support", agent_id="A100", echo=True,
                    noise={"agent": (-55, "pink"), "customer": (-55, "pink")})
    greet(c, "Metro Car Rental", "Grace")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.say("customer", "Hi, I need to return my rental car one day later than planned.")
    c.say("agent", "No problem. I have extended the rental until Sunday at noon.")
    c.say("customer", "How much extra will that cost?")
    c.say("agent", "One more day is forty five dollars, including insurance.")
    c.say("customer", "That is fine.")
    close(c, "Metro Car Rental", "full2", "No, that was everything.")
    return c


@call
def h05():
    c = HeldoutCall("h05_gym_paraphrase_hts", "Gym membership cancellation. Paraphrased recording notice ('please "
                    "be aware that this call is being recorded'), festival HTS agent, clean line.", HTS, RMS,
                    queue="billing", agent_id="A600")
    greet(c, "Peak Fitness", "Nora")
    c.disclose("recording_notice", "paraphrase", "Please be aware that this call is being recorded.", gap=0.4)
    c.say("customer", "Hi, I am moving to another city and I want to cancel my membership.")
    c.say("agent", "I can do that. The membership will end at the end of this month.")
    c.say("customer", "Will I get the rest of my annual fee back?")
    c.say("agent", "Yes, the unused months will be refunded to your card within ten days.")
    close(c, "Peak Fitness", "full")
    return c


@call
def h06():
    c = HeldoutCall("h06_parcel_late_notice_awb_slow", "Lost parcel. Verbatim recording notice spoken only after "
                    "30 s (late_disclosure), slow awb agent (x1.2); hts customer.", ("awb", 1.2), HTS,
                    queue="support", agent_id="A200")
    greet(c, "Swift Parcel Service", "Adam", "full2")
    c.say("customer", "Hello, my parcel was marked as delivered but it never arrived.")
    c.say("agent", "I am sorry about that. Can you give me the tracking number?")
    c.say("customer", "It is seven four two, nine one eight.")
    c.say("agent", "Thank you. The driver left it with a neighbour at number fourteen.")
    c.say("customer", "Oh, I did not know that. I will ask the neighbour tonight.", gap=0.8)
    c.say("agent", "If the parcel is not there, please call us back and we will open an investigation.")
    c.disclose("recording_notice", "late", "Oh, and one more thing, this call may be recorded for quality and "
               "training purposes.", gap=0.6)
    c.say("customer", "That is okay.")
    close(c, "Swift Parcel Service", "full2", "No, thanks.")
    return c


# --- collections: recording notice and mini-Miranda spoken (2)

@call
def h07():
    c = HeldoutCall("h07_collections_loan_noise42_kal", "Collections, car loan payment. Verbatim recording notice "
                    "and verbatim mini-Miranda, kal16 agent under brown noise -42 dBFS on the agent channel.",
                    KAL, SLT, queue="collections", agent_id="A500", noise={"agent": (-42, "brown")})
    greet(c, "Summit Auto Finance", "Kevin")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.disclose("mini_miranda", "verbatim", gap=0.4)
    c.say("customer", "I know, I missed the loan payment for my car in October.")
    c.say("agent", "The missed payment is three hundred and ten dollars. When can you pay it?")
    c.say("customer", "I get paid next Tuesday, I can pay it then.")
    c.say("agent", "Thank you, I have scheduled the payment for Tuesday.")
    close(c, "Summit Auto Finance", "full")
    return c


@call
def h08():
    c = HeldoutCall("h08_collections_near_verbatim_slt_fast", "Collections, overdue medical bill, clean line. "
                    "Verbatim recording notice; near-verbatim mini-Miranda ('this is an attempt to collect a debt, "
                    "any information we obtain will be used for that purpose'), fast slt agent (x0.85).",
                    ("slt", 0.85), AWB, queue="collections", agent_id="A500")
    greet(c, "Riverside Recovery", "Laura", "full3")
    c.disclose("recording_notice", "verbatim", gap=0.4)
    c.disclose("mini_miranda", "paraphrase", "This is an attempt to collect a debt, any information we obtain "
               "will be used for that purpose.", gap=0.4)
    c.say("customer", "Is this about the hospital bill from last summer?")
    c.say("agent", "Yes, there is an open balance of four hundred dollars.")
    c.say("customer", "I thought my insurance paid that.")
    c.say("agent", "The insurance paid part of it. I can split the rest into four monthly payments.")
    c.say("customer", "Yes, let us do that.")
    close(c, "Riverside Recovery", "full2", "No, that is all.")
    return c


# --- recording notice NOT said (4)

@call
def h09():
    c = HeldoutCall("h09_no_notice_quality_service_near_miss", "Electricity meter reading. No recording notice "
                    "(missing_disclosure); near-miss wording: 'your call is important to us, please stay on the "
                    "line for quality service'. rms agent, slow slt customer (x1.2).", RMS, ("slt", 1.2),
                    queue="billing", agent_id="A100")
    greet(c, "Brightway Energy", "Michael")
    c.disclose("recording_notice", "absent")
    c.say("agent", "Your call is important to us, please stay on the line for quality service.", gap=0.4)
    c.say("customer", "Hi, I want to give you my meter reading.")
    c.say("agent", "Sure, what does the meter show?")
    c.say("customer", "It shows four eight two one six.")
    c.say("agent", "Thank you, your next bill will use that reading.")
    close(c, "Brightway Energy", "full")
    return c


@call
def h10():
    c = HeldoutCall("h10_no_notice_training_video_near_miss", "Smart thermostat setup. No recording notice "
                    "(missing_disclosure); near-miss wording: 'our training team recorded a video for this product, "
                    "it shows the setup step by step'. Fast kal16 agent (x0.85), rms customer.", ("kal16", 0.85),
                    RMS, queue="support", agent_id="A400")
    greet(c, "HomeSense Support", "Ryan", "full2")
    c.disclose("recording_notice", "absent")
    c.say("customer", "Hello, I cannot connect my new thermostat to the wifi.")
    c.say("agent", "Our training team recorded a video for this product, it shows the setup step by step.")
    c.say("customer", "Can you send me the link?")
    c.say("agent", "Yes, I have sent it by text message. Hold the top button for five seconds first.")
    c.say("customer", "Okay, it is connected now.", gap=2.0)
    close(c, "HomeSense Support", "full2", "No, thank you.")
    return c


@call
def h11():
    c = HeldoutCall("h11_no_notice_noise40_awb", "Water leak in a rented flat. No recording notice "
                    "(missing_disclosure), awb agent under pink noise -40 dBFS on the agent channel; kal16 "
                    "customer.", AWB, KAL, queue="support", agent_id="A200", noise={"agent": (-40, "pink")})
    greet(c, "Cityhome Lettings", "Simon", "full3")
    c.disclose("recording_notice", "absent")
    c.say("customer", "Hi, water is dripping from the ceiling in my kitchen.", gap=0.6)
    c.say("agent", "Please turn off the main water valve under the sink.")
    c.say("customer", "I have turned it off now.")
    c.say("agent", "Thank you. A plumber will come to your flat within two hours.")
    c.say("customer", "Great, I will be at home.")
    close(c, "Cityhome Lettings", "full")
    return c


@call
def h12():
    c = HeldoutCall("h12_collections_no_notice_no_miranda_debt", "Collections, student loan. Neither the recording "
                    "notice nor the mini-Miranda (two missing_disclosure); the word 'debt' in other sentences "
                    "('we can help you pay off this debt in smaller amounts'). Festival HTS agent, awb customer.",
                    HTS, AWB, queue="collections", agent_id="A500")
    greet(c, "Northgate Collections", "Emily")
    c.disclose("recording_notice", "absent")
    c.disclose("mini_miranda", "absent")
    c.say("agent", "I am calling about your student loan, the last two payments were not received.", gap=0.4)
    c.say("customer", "Yes, I changed banks and forgot to move the payment.")
    c.say("agent", "I understand. We can help you pay off this debt in smaller amounts.")
    c.say("customer", "That would help, how much per month?")
    c.say("agent", "One hundred and twenty dollars a month would clear the debt by June.")
    c.say("customer", "Okay, that works for me.")
    close(c, "Northgate Collections", "full2", "No, that is all.")
    return c


# ----------------------------------------------------------------------------------------------- main

def main():
    os.makedirs(ge.OUT, exist_ok=True)
    calls = [fn() for fn in CALLS]
    labels = []
    for c in calls:
        peak = c.write()
        lab = c.labels()
        assert 30.0 <= lab["duration_s"] <= 60.0, (c.name, lab["duration_s"])
        if c.queue == "collections":
            assert set(c.disclosures) == {"recording_notice", "mini_miranda"}, c.name
        else:
            assert set(c.disclosures) == {"recording_notice"}, c.name
        labels.append(lab)
        print(f"{c.name:44s} {lab['duration_s']:5.1f}s peak {peak:.2f}  "
              + " ".join(f"{d}={v['variant']}" + (f"@{v['start_s']}" if v["spoken"] else "")
                         for d, v in lab["disclosure_details"].items())
              + "  | " + " ".join(e["type"] for e in lab["events"]))
    with open(os.path.join(HERE, "labels.json"), "w") as f:
        json.dump({"generator": "eval/heldout-disclosures/generate_heldout.py", "heldout": True,
                   "calls": labels}, f, indent=2)
        f.write("\n")
    with open(os.path.join(HERE, "manifest.csv"), "w") as f:
        f.write("file,agent_id,queue,direction,started_at,agent_channel\n")
        for i, c in enumerate(calls):
            f.write(f"{c.name}.wav,{c.agent_id},{c.queue},{c.direction},"
                    f"{DATE}T{14 + i // 3:02d}:{(i % 3) * 20 + 10:02d}:00Z,{c.agent_channel}\n")


if __name__ == "__main__":
    main()
