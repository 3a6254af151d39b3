package io.eoc.ingest.users;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes as stored in {@code users.password_hash}: PBKDF2-HMAC-SHA256, 16-byte random salt,
 * 32-byte hash, written {@code pbkdf2$<iterations>$<salt b64>$<hash b64>}. The iteration count is in
 * the hash, so a stronger default later still verifies older hashes.
 */
public final class Passwords {
  /** OWASP's 2021 figure for PBKDF2-HMAC-SHA256; about 0.2 s on one core of the reference machine. */
  public static final int DEFAULT_ITERATIONS = 310_000;
  public static final int MIN_LENGTH = 10;
  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final SecureRandom RANDOM = new SecureRandom();
  private final int iterations;
  private final String dummy;

  private Passwords(int iterations) {
    if (iterations < 1000) {
      throw new IllegalArgumentException("PBKDF2 iterations must be >= 1000, was " + iterations);
    }
    this.iterations = iterations;
    this.dummy = hash("not-a-password".toCharArray());
  }

  public static Passwords standard() {
    return new Passwords(DEFAULT_ITERATIONS);
  }

  /** Fewer iterations, for tests only: verification still reads the count from each hash. */
  public static Passwords withIterations(int iterations) {
    return new Passwords(iterations);
  }

  /** Throws with what is wrong when {@code password} is too weak to be stored. */
  public static void requireAcceptable(char[] password) {
    if (password == null || password.length < MIN_LENGTH) {
      throw new IllegalArgumentException("password must have at least " + MIN_LENGTH + " characters");
    }
  }

  public String hash(char[] password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    byte[] h = derive(password, salt, iterations);
    Base64.Encoder b64 = Base64.getEncoder();
    return "pbkdf2$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(h);
  }

  /** Constant-time comparison; a malformed stored hash never matches. */
  public boolean verify(char[] password, String stored) {
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !parts[0].equals("pbkdf2")) {
      return false;
    }
    try {
      int n = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      return MessageDigest.isEqual(derive(password, salt, n), expected);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Spends the time of a verification, so that an unknown user answers as slowly as a wrong password. */
  public void verifyNothing(char[] password) {
    verify(password, dummy);
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is not available in this JDK", e);
    } finally {
      spec.clearPassword();
    }
  }

  static void wipe(char[] password) {
    if (password != null) {
      Arrays.fill(password, '\0');
    }
  }
}
