package io.eoc.wire.seal;

import io.eoc.wire.MalformedMessageException;
import io.eoc.wire.Names;
import io.eoc.wire.internal.WireReader;
import io.eoc.wire.internal.WireWriter;
import java.nio.charset.StandardCharsets;

/**
 * The byte layout of a sealed envelope.
 *
 * <pre>
 * "EOCS" | version u8 (1) | suite u8 | agentId str | sequence varint | epoch varint (≤ 2^32-1)
 * | counter varint | previousHash (32)                          ← AAD: every byte up to here
 * | ciphertext length varint | ciphertext (encoded batch, then the 16-byte GCM tag)
 * | signature (64: Ed25519, RFC 8032; or SM2 r || s)            ← over every byte before it
 * </pre>
 *
 * The nonce is not sent as 12 bytes: it is rebuilt from epoch and counter
 * ({@link EnvelopeHeader#nonce()}), which as varints take 2-4 bytes.
 */
final class Envelope {
  static final int VERSION = 1;
  static final int MAX_CIPHERTEXT = 80 << 20;
  private static final byte[] MAGIC = "EOCS".getBytes(StandardCharsets.US_ASCII);
  private static final int TAG_LENGTH = SuiteCrypto.TAG_BITS / 8;

  /** A parsed envelope: the header, where the AAD and the signed part end, and the pieces. */
  record Parsed(EnvelopeHeader header, int aadEnd, byte[] ciphertext, int signedEnd, byte[] signature) {}

  private Envelope() {}

  static byte[] header(EnvelopeHeader h) {
    return new WireWriter(64).bytes(MAGIC).u8(VERSION).u8(h.suite().id()).string(h.agentId())
        .varint(h.sequence()).varint(h.epoch()).varint(h.counter()).bytes(h.previousHash().bytes())
        .toByteArray();
  }

  /** The header and ciphertext: the bytes to sign. */
  static byte[] signedPart(byte[] header, byte[] ciphertext) {
    return new WireWriter(header.length + ciphertext.length + 4).bytes(header).varint(ciphertext.length)
        .bytes(ciphertext).toByteArray();
  }

  static byte[] assemble(byte[] signedPart, byte[] signature) {
    return new WireWriter(signedPart.length + signature.length).bytes(signedPart).bytes(signature).toByteArray();
  }

  static Parsed parse(byte[] bytes) throws MalformedMessageException {
    if (bytes == null) {
      throw new MalformedMessageException("envelope: no bytes", 0);
    }
    WireReader r = WireReader.of(bytes, "envelope");
    r.expect(MAGIC, "a sealed eoc envelope");
    int version = r.u8("version");
    if (version != VERSION) {
      throw r.error("unsupported envelope version " + version + " (this build reads " + VERSION + ")", 4);
    }
    int suiteId = r.u8("suite");
    Suite suite = Suite.fromId(suiteId).orElseThrow(() -> r.error("unknown suite " + suiteId, 5));
    int at = r.position();
    String agent = r.string("agent id", Names.MAX_LENGTH);
    if (!Names.isValid(agent)) {
      throw r.error("agent id '" + agent + "' is not a valid name", at);
    }
    long sequence = nonNegative(r, "sequence", Long.MAX_VALUE);
    long epoch = nonNegative(r, "epoch", SealerState.MAX_EPOCH);
    long counter = nonNegative(r, "counter", Long.MAX_VALUE);
    EnvelopeHash previous = EnvelopeHash.of(r.bytes(EnvelopeHash.LENGTH, "previous hash"));
    int aadEnd = r.position();
    int ctLength = r.count("ciphertext length", MAX_CIPHERTEXT, 1);
    if (ctLength < TAG_LENGTH) {
      throw r.error("ciphertext of " + ctLength + " bytes is shorter than the GCM tag", aadEnd);
    }
    byte[] ciphertext = r.bytes(ctLength, "ciphertext");
    int signedEnd = r.position();
    byte[] signature = r.bytes(SuiteCrypto.SIGNATURE_LENGTH, "signature");
    r.expectEnd("envelope");
    EnvelopeHeader header = new EnvelopeHeader(agent, sequence, suite, epoch, counter, previous);
    return new Parsed(header, aadEnd, ciphertext, signedEnd, signature);
  }

  private static long nonNegative(WireReader r, String what, long max) throws MalformedMessageException {
    int at = r.position();
    long v = r.varint(what);
    if (v < 0 || v > max) {
      throw r.error(what + " " + Long.toUnsignedString(v) + " exceeds " + max, at);
    }
    return v;
  }
}
