package io.eoc.criteria.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MerkleTest {
  /** Roots over the one-byte leaves "a", "b", "c"…, computed independently with Python's hashlib and RFC 6962's recursion. */
  private static final String[] ROOTS = {
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c",
      "b137985ff484fb600db93107c77b0365c80d78f5b429ded0fd97361d077999eb",
      "36642e73c2540ab121e3a6bf9545b0a24982cd830eb13d3cd19de3ce6c021ec1"};

  private static Merkle of(int n) {
    Merkle m = new Merkle();
    for (int i = 0; i < n; i++) {
      m.add(new byte[] {(byte) ('a' + i)});
    }
    return m;
  }

  @Test
  void emptyOneTwoAndThreeLeafTreesHaveTheRfc6962Roots() {
    for (int n = 0; n < ROOTS.length; n++) {
      assertThat(of(n).rootHex()).as(n + " leaves").isEqualTo(ROOTS[n]);
    }
  }

  @Test
  void unbalancedTreesSplitAtTheLargestPowerOfTwoBelowTheirSize() {
    assertThat(of(5).rootHex()).isEqualTo("fe14a5426fbd70c0fa73f52342afed0da0bd23c4838662ccf6b88a3070ead97b");
    assertThat(of(7).rootHex()).isEqualTo("4ae191939f548d9934740b88dea2c5cb89bb8870fc4505cd79dec6bbfaaee9cb");
  }

  @Test
  void theIncrementalRootEqualsTheRecursiveDefinitionForEverySizeUpTo70() {
    for (int n = 1; n <= 70; n++) {
      assertThat(of(n).root()).as(n + " leaves").isEqualTo(recursive(0, n));
    }
  }

  /** RFC 6962 §2.1 as written: MTH(D[0:k]) and MTH(D[k:n]) with k the largest power of two below n. */
  private static byte[] recursive(int from, int to) {
    int n = to - from;
    if (n == 1) {
      return Merkle.leafHash(new byte[] {(byte) ('a' + from)});
    }
    int k = Integer.highestOneBit(n - 1);
    return Merkle.nodeHash(recursive(from, from + k), recursive(from + k, to));
  }

  @Test
  void aLeafCannotPassForANode() {
    byte[] l = Merkle.leafHash(new byte[] {'a'});
    byte[] r = Merkle.leafHash(new byte[] {'b'});
    byte[] concatenated = new byte[64];
    System.arraycopy(l, 0, concatenated, 0, 32);
    System.arraycopy(r, 0, concatenated, 32, 32);
    assertThat(new Merkle().add(concatenated).root()).isNotEqualTo(Merkle.nodeHash(l, r));
  }
}
