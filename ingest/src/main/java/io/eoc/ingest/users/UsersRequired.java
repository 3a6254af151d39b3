package io.eoc.ingest.users;

/** When the data API asks for a session. */
public enum UsersRequired {
  /** As soon as at least one user exists (enabled or not): a fresh demo stays open, a set-up cloud does not. */
  AUTO,
  /** Always: until the first admin is added (from the cloud's machine), data endpoints answer 401. */
  ALWAYS;

  public static UsersRequired parse(String text) {
    return switch (text) {
      case "auto" -> AUTO;
      case "always" -> ALWAYS;
      default -> throw new IllegalArgumentException("users-required must be auto or always, was '" + text + "'");
    };
  }
}
