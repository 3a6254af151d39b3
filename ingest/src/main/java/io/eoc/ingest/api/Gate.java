package io.eoc.ingest.api;

/**
 * Decides whether a request may reach a route of the given access: returns the request with its
 * {@link Caller} attached, or throws a {@link io.eoc.ingest.services.Refusal} (401/403) saying what
 * is missing.
 */
@FunctionalInterface
public interface Gate {
  ApiRequest admit(ApiRequest request, Access access) throws Exception;

  /** No authorisation: every request is the anonymous reader, or the local admin from this machine. */
  static Gate open() {
    return (request, access) -> request.withCaller(request.fromLoopback() ? Caller.local() : Caller.anonymous());
  }
}
