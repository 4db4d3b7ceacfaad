package io.callqa.ingest.pii;

import java.util.Locale;

/** Kinds of personal data the redactor removes from transcripts. */
public enum PiiCategory {
  /** Payment card number (13-19 digits), expiry, security code. */
  CARD,
  /** Social security number (9 digits), or its last four digits. */
  SSN,
  /** Phone number (7-11 digits). */
  PHONE,
  /** Account, member, routing, policy and similar numbers (and untriggered digit runs of other lengths). */
  ACCOUNT,
  /** A date after a date-of-birth trigger ("date of birth", "born on"). */
  DATE_OF_BIRTH,
  /** An e-mail address spelled out ("john smith at gmail dot com"). */
  EMAIL;

  /** Lower-case name, as used in test labels and reports ({@code date_of_birth}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
