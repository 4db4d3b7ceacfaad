package io.callqa.ingest.pii;

import java.util.ArrayList;
import java.util.List;

/**
 * Phrases after which personal data is expected ("card number", "social", "date of birth", "my email is"). A
 * trigger said by either party opens a window in which shorter digit runs, dates or an address are redacted.
 */
final class Triggers {
  private Triggers() {}

  /** What a trigger announces: a number of a category, a date of birth, or an e-mail address. */
  enum Expect { NUMBER, DATE, EMAIL }

  /** One trigger phrase (lower-case words). */
  record Phrase(List<String> words, Expect expect, PiiCategory category) {}

  /** A trigger heard in a transcript: words [from, to) of the call's list. */
  record Hit(Phrase phrase, int from, int to) {}

  private static final List<Phrase> PHRASES = new ArrayList<>();

  static {
    // single words such as "card", "account" or "phone" are too common in service calls ("the card we have on
    // file ... three to five days") to widen what follows; "social" is not
    number(PiiCategory.CARD, "card number", "card numbers", "card is", "card ending", "card ending in",
        "number on the card", "numbers on the card", "visa", "mastercard", "master card", "american express", "amex",
        "expiration", "expiry", "expires", "security code", "cvv", "c v v");
    number(PiiCategory.SSN, "social security", "social", "s s n", "ssn", "last four",
        "last four digits", "last four of");
    number(PiiCategory.PHONE, "phone number", "phone numbers", "my phone is", "cell phone", "my cell", "cell number",
        "mobile number", "reach me at", "call me at", "call me back at", "callback number", "call back number",
        "area code", "telephone number", "contact number");
    number(PiiCategory.ACCOUNT, "account number", "account numbers", "account is", "routing number", "routing",
        "member id", "member i d", "member number", "policy number", "customer number", "reference number",
        "confirmation number", "pin", "pin number", "zip code", "id number", "i d number", "license number",
        "passport", "the number is", "number is");
    for (String p : List.of("date of birth", "birth date", "birthdate", "birthday", "born on", "born in", "born",
        "d o b", "dob")) {
      PHRASES.add(new Phrase(List.of(p.split(" ")), Expect.DATE, PiiCategory.DATE_OF_BIRTH));
    }
    for (String p : List.of("email", "e mail", "e-mail", "email address", "emails", "mail address")) {
      PHRASES.add(new Phrase(List.of(p.split(" ")), Expect.EMAIL, PiiCategory.EMAIL));
    }
    // longest first, so "card number" wins over "card" and "last four of" over "last four"
    PHRASES.sort((a, b) -> b.words().size() - a.words().size());
  }

  private static void number(PiiCategory c, String... phrases) {
    for (String p : phrases) {
      PHRASES.add(new Phrase(List.of(p.split(" ")), Expect.NUMBER, c));
    }
  }

  /** Non-overlapping trigger hits in {@code tokens} (normalised words of one speaker), left to right. */
  static List<Hit> find(List<String> tokens) {
    List<Hit> hits = new ArrayList<>();
    for (int i = 0; i < tokens.size(); ) {
      Hit hit = null;
      for (Phrase p : PHRASES) {
        if (matches(tokens, i, p.words())) {
          hit = new Hit(p, i, i + p.words().size());
          break;
        }
      }
      if (hit != null) {
        hits.add(hit);
        i = hit.to();
      } else {
        i++;
      }
    }
    return hits;
  }

  private static boolean matches(List<String> tokens, int at, List<String> words) {
    if (at + words.size() > tokens.size()) {
      return false;
    }
    for (int k = 0; k < words.size(); k++) {
      if (!tokens.get(at + k).equals(words.get(k))) {
        return false;
      }
    }
    return true;
  }
}
