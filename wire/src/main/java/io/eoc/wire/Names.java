package io.eoc.wire;

import java.util.regex.Pattern;

/** Identifiers (agent, device, tag) are short, printable and safe in MQTT topics and file names. */
public final class Names {
  public static final int MAX_LENGTH = 128;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  private Names() {}

  /**
   * Whether {@code name} follows the rule. Checked character by character, not with {@link #NAME}:
   * every decoded point's device and tag are checked, and the regex took a sixth of the cloud's
   * CPU at 100k points/s. {@code NamesTest} holds the two to the same answers.
   */
  public static boolean isValid(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
      return false;
    }
    if (!alnum(name.charAt(0))) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!alnum(c) && c != '.' && c != '_' && c != ':' && c != '-') {
        return false;
      }
    }
    return true;
  }

  /** The rule as a regular expression, for documentation and tests. */
  static boolean matchesPattern(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  private static boolean alnum(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  /** Throws with a message naming the field and the rule when {@code name} is not valid. */
  public static String requireName(String name, String what) {
    if (!isValid(name)) {
      throw new IllegalArgumentException(what + " '" + name + "' is not a valid name: use 1-"
          + MAX_LENGTH + " characters A-Z a-z 0-9 . _ : -, starting with a letter or digit");
    }
    return name;
  }

  /**
   * {@code text} made into a valid name: characters outside the rule become '-', leading characters
   * that are not a letter or digit are dropped, the length is cut to {@link #MAX_LENGTH}; when
   * nothing valid is left, {@code fallback}. For names taken from elsewhere, such as a host name.
   */
  public static String sanitised(String text, String fallback) {
    String name = text.replaceAll("[^A-Za-z0-9._:-]", "-").replaceFirst("^[^A-Za-z0-9]+", "");
    name = name.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH) : name;
    return isValid(name) ? name : requireName(fallback, "fallback name");
  }

  /** A description of the rule for configuration error messages. */
  public static String rule() {
    return "1-" + MAX_LENGTH + " characters A-Z a-z 0-9 . _ : -, starting with a letter or digit";
  }
}
