package io.eoc.criteria.report;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;

/**
 * A Merkle tree hash over a sequence of leaves as RFC 6962 §2.1 defines it: {@code MTH({}) = SHA-256()},
 * a leaf is {@code SHA-256(0x00 || data)}, an inner node {@code SHA-256(0x01 || left || right)}, and a
 * list of n > 1 leaves splits at the largest power of two below n. The domain-separation bytes make a
 * leaf impossible to pass off as a node.
 *
 * <p>Built incrementally in O(log n) memory: the tree of n leaves is the perfect subtrees of n's
 * binary decomposition (largest first) folded from the right, which is what the split rule produces.
 */
public final class Merkle {
  private final Deque<Node> stack = new ArrayDeque<>();
  private long count;

  private record Node(byte[] hash, long size) {}

  /** Adds the next leaf's data (the leaf hash is taken here). */
  public Merkle add(byte[] leafData) {
    Node node = new Node(leafHash(leafData), 1);
    while (!stack.isEmpty() && stack.peek().size() == node.size()) {
      Node left = stack.pop();
      node = new Node(nodeHash(left.hash(), node.hash()), left.size() * 2);
    }
    stack.push(node);
    count++;
    return this;
  }

  public long count() {
    return count;
  }

  /** The tree hash of the leaves added so far. */
  public byte[] root() {
    if (stack.isEmpty()) {
      return sha256().digest();
    }
    Iterator<Node> fromRight = stack.iterator(); // the stack's top is the rightmost, smallest subtree
    byte[] acc = fromRight.next().hash();
    while (fromRight.hasNext()) {
      acc = nodeHash(fromRight.next().hash(), acc);
    }
    return acc;
  }

  public String rootHex() {
    return HexFormat.of().formatHex(root());
  }

  public static byte[] leafHash(byte[] data) {
    MessageDigest md = sha256();
    md.update((byte) 0x00);
    return md.digest(data);
  }

  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest md = sha256();
    md.update((byte) 0x01);
    md.update(left);
    return md.digest(right);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  static String sha256Hex(byte[] data) {
    return HexFormat.of().formatHex(sha256().digest(data));
  }
}
