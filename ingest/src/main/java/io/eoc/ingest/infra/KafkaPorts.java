package io.eoc.ingest.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** The two loopback ports of a single-node Kafka: the client (broker) and the KRaft controller. */
record KafkaPorts(int broker, int controller) {

  static final String HOST = "127.0.0.1";

  KafkaPorts {
    requirePort(broker, "broker");
    requirePort(controller, "controller");
    if (broker == controller) {
      throw new IllegalArgumentException("broker and controller ports must differ: " + broker);
    }
  }

  /**
   * Two ports that were free a moment ago. The server binds them a little later, so another
   * process can in principle take one in between; the caller reports that as a start failure.
   * Both sockets stay open until both ports are known so the two cannot be the same.
   */
  static KafkaPorts pickFree() {
    try (ServerSocket first = bindEphemeral(); ServerSocket second = bindEphemeral()) {
      return new KafkaPorts(first.getLocalPort(), second.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port for Kafka", e);
    }
  }

  private static ServerSocket bindEphemeral() throws IOException {
    ServerSocket socket = new ServerSocket();
    try {
      socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  String brokerAddress() {
    return HOST + ":" + broker;
  }

  String controllerAddress() {
    return HOST + ":" + controller;
  }

  private static void requirePort(int port, String name) {
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException(name + " port out of range: " + port);
    }
  }
}
