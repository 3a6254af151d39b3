package io.eoc.wire.seal;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.Provider;
import java.security.SignatureException;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The SM suite through a private BouncyCastle provider instance (never installed JVM-wide, so it
 * changes nothing for other code). SM2 signatures travel as 64 bytes r || s (GB/T 32918.2) rather
 * than the JCA's DER, so that every suite's signature has the same fixed size.
 */
final class SmSupport implements SuiteCrypto.Support {
  private static final String CURVE = "sm2p256v1";
  private static final Provider PROVIDER = new BouncyCastleProvider();
  private static final X9ECParameters SM2 = GMNamedCurves.getByName(CURVE);
  private static final SuiteCrypto.Algorithms ALGORITHMS = new SuiteCrypto.Algorithms(
      "EC", new ECGenParameterSpec(CURVE), "SM3withSM2", "EC", new ECGenParameterSpec(CURVE), "ECDH",
      "SM4/GCM/NoPadding", "SM4", 16, "HMACSM3", "SM3");

  @Override
  public Provider provider() {
    return PROVIDER;
  }

  @Override
  public SuiteCrypto.Algorithms algorithms() {
    return ALGORITHMS;
  }

  /** Both roles use sm2p256v1 keys; a P-256 or other curve's key is refused. */
  @Override
  public void checkKey(Key key, SuiteCrypto.Role role) throws InvalidKeyException {
    if (!(key instanceof ECKey ec) || !isSm2(ec.getParams())) {
      throw new InvalidKeyException("not an SM2 (" + CURVE + ") key: " + key.getAlgorithm());
    }
  }

  private static boolean isSm2(ECParameterSpec p) {
    return p != null && p.getOrder().equals(SM2.getN())
        && p.getCurve().getA().equals(SM2.getCurve().getA().toBigInteger())
        && p.getCurve().getB().equals(SM2.getCurve().getB().toBigInteger())
        && p.getGenerator().getAffineX().equals(SM2.getG().getAffineXCoord().toBigInteger());
  }

  @Override
  public byte[] toWire(byte[] der) throws SignatureException {
    try {
      BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(SM2.getN(), der);
      return PlainDSAEncoding.INSTANCE.encode(SM2.getN(), rs[0], rs[1]);
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new SignatureException("SM2 signature is not DER r, s", e);
    }
  }

  @Override
  public byte[] fromWire(byte[] plain) throws SignatureException {
    try {
      BigInteger[] rs = PlainDSAEncoding.INSTANCE.decode(SM2.getN(), plain);
      return StandardDSAEncoding.INSTANCE.encode(SM2.getN(), rs[0], rs[1]);
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new SignatureException("SM2 signature r || s out of range", e);
    }
  }
}
