/**
 * Sealing telemetry batches end to end, agent to cloud, across brokers and Kafka that are not
 * trusted with the content: encryption, a signature, and a hash chain.
 *
 * <h2>Keys</h2>
 * Each agent has a signing pair and a key agreement pair ({@link io.eoc.wire.seal.AgentKeys}); the
 * cloud has one agreement pair per suite ({@link io.eoc.wire.seal.CloudKeys}). Both sides derive the
 * batch key of key epoch {@code e} without talking: {@code HKDF(salt = agent id, ikm = DH(agent,
 * cloud), info = "eoc batch key v1" || suite id u8 || e u32)} (RFC 5869; X25519 per RFC 7748 in the
 * default suite, ECDH on sm2p256v1 in the SM suite).
 *
 * <h2>Nonces</h2>
 * 96 bits = epoch u32 || counter u64 (NIST SP 800-38D §8.2.1). Counters come from a
 * {@link io.eoc.wire.seal.NonceSource} that never repeats, across crashes too
 * ({@link io.eoc.wire.seal.FileNonceSource}); they never reset, not even at a new epoch. The epoch
 * moves on per {@link io.eoc.wire.seal.RotationPolicy}.
 *
 * <h2>Envelope</h2>
 * See {@code Envelope}: header (the GCM additional data), ciphertext of the encoded
 * {@link io.eoc.wire.Batch}, signature over all before it. Its hash (SHA-256; SM3 in the SM suite)
 * is the next envelope's previous hash; {@link io.eoc.wire.seal.ChainVerifier} checks order.
 *
 * <h2>Limits worth knowing</h2>
 * <ul>
 *   <li>No forward secrecy: the batch keys derive from static keys, so whoever later obtains the
 *       agent's or the cloud's agreement private key can decrypt recorded traffic. Rotation limits
 *       the data under one key, not the damage of a leaked static key.
 *   <li>The cloud cannot forge an agent's envelopes (it lacks the signing key), but it can decrypt
 *       them: this protects against everything between the two, not against the cloud.
 *   <li>Deleting the nonce file while keeping the keys would reuse nonces; {@code FileNonceSource}
 *       refuses to start without its file, so generate new keys with a new file.
 * </ul>
 */
package io.eoc.wire.seal;
