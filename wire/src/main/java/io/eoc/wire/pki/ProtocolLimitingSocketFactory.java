package io.eoc.wire.pki;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Client sockets of one SSLContext that speak only {@link TlsContexts#PROTOCOLS}, with Nagle's
 * algorithm off: an MQTT PUBLISH that ends in a short TCP segment otherwise waits for the peer's
 * delayed ACK, about 40 ms per batch on Linux (measured by the ingest benchmark's
 * sealToReceivedByTransport stage at 50k points/s: 44 ms before, a few ms after).
 */
final class ProtocolLimitingSocketFactory extends SSLSocketFactory {

  private final SSLSocketFactory delegate;

  ProtocolLimitingSocketFactory(SSLSocketFactory delegate) {
    this.delegate = delegate;
  }

  private Socket limit(Socket socket) throws IOException {
    socket.setTcpNoDelay(true);
    if (socket instanceof SSLSocket ssl) {
      List<String> supported = Arrays.asList(ssl.getSupportedProtocols());
      ssl.setEnabledProtocols(TlsContexts.PROTOCOLS.stream().filter(supported::contains).toArray(String[]::new));
    }
    return socket;
  }

  @Override
  public Socket createSocket() throws IOException {
    return limit(delegate.createSocket());
  }

  @Override
  public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
    return limit(delegate.createSocket(socket, host, port, autoClose));
  }

  @Override
  public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose) throws IOException {
    return limit(delegate.createSocket(socket, consumed, autoClose));
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return limit(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return limit(delegate.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return limit(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return limit(delegate.createSocket(address, port, localAddress, localPort));
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return delegate.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }
}
