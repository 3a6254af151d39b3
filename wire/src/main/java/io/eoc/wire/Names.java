package io.eoc.wire;

import java.util.regex.Pattern;

/** Identifiers (agent, device, tag) are short, printable and safe in MQTT topics and file names. */
public final class Names {
  public static final int MAX_LENGTH = 128;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  private Names() {}

  public static boolean isValid(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** Throws with a message naming the field and the rule when {@code name} is not valid. */
  public static String requireName(String name, String what) {
    if (!isValid(name)) {
      throw new IllegalArgumentException(what + " '" + name + "' is not a valid name: use 1-"
          + MAX_LENGTH + " characters A-Z a-z 0-9 . _ : -, starting with a letter or digit");
    }
    return name;
  }

  /** A description of the rule for configuration error messages. */
  public static String rule() {
    return "1-" + MAX_LENGTH + " characters A-Z a-z 0-9 . _ : -, starting with a letter or digit";
  }
}
