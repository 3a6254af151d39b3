package io.eoc.sim.modbus;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.io.AbstractModbusTransport;
import com.ghgande.j2mod.modbus.io.ModbusTCPTransport;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.net.AbstractModbusListener;
import com.ghgande.j2mod.modbus.procimg.ProcessImage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Modbus TCP slave using j2mod for framing (MBAP), request parsing and response building, but
 * owning its sockets and threads. What it answers is up to a {@link Responder}: a read-only
 * process image for one unit id ({@link #open(InetSocketAddress, int, ProcessImage, String)}), or
 * a gateway of simulated devices ({@link GatewayResponder}).
 *
 * <p>Why not {@code ModbusSlaveFactory.createTCPSlave}: in j2mod 3.3.0 the factory keeps one static
 * registry keyed by the requested port, so two slaves asked for port 0 are the same object (the
 * second boiler's image would replace the first's); the listener's server socket is private, so the
 * bound ephemeral port cannot be read; closing stops accepting but leaves accepted connections open
 * and their handler threads alive until the master sends again or 3 s of idle time pass; and every
 * accepted connection is dropped after 3 s without a request. Here the port is bound synchronously,
 * {@link #port()} is the real one, and {@link #close()} closes every connection and joins every
 * thread, which is what "the device went away" looks like to an agent.
 */
final class ModbusTcpSlave implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ModbusTcpSlave.class);

  /** MODBUS Application Protocol V1.1b3 §7, exception 0x0B: no device with that unit id here. */
  static final int GATEWAY_TARGET_FAILED_TO_RESPOND = 0x0B;
  /** §7, exception 0x04: an unrecoverable error while performing the action. */
  static final int SLAVE_DEVICE_FAILURE = 0x04;
  private static final Set<Integer> READ_FUNCTIONS =
      Set.of(Modbus.READ_MULTIPLE_REGISTERS, Modbus.READ_INPUT_REGISTERS);
  private static final int BACKLOG = 50;
  private static final long JOIN_MILLIS = 5_000;

  /** Answers one request; may block (a slow-answer fault), and is interrupted by close. */
  interface Responder {
    ModbusResponse respond(ModbusRequest request) throws InterruptedException;
  }

  private final ServerSocket serverSocket;
  private final AbstractModbusListener listener;
  private final Responder responder;
  private final Thread acceptor;
  private final NamedThreads connectionThreads;
  private final ExecutorService connections;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong accepted = new AtomicLong();
  private volatile boolean closed;

  private ModbusTcpSlave(ServerSocket serverSocket, AbstractModbusListener listener,
      Responder responder, NamedThreads acceptThreads, NamedThreads connectionThreads) {
    this.serverSocket = serverSocket;
    this.listener = listener;
    this.responder = responder;
    this.connectionThreads = connectionThreads;
    this.connections = Executors.newCachedThreadPool(connectionThreads);
    this.acceptor = acceptThreads.newThread(this::acceptLoop);
  }

  /**
   * Binds {@code address} (port 0 picks a free port) and serves {@code image} read-only to
   * {@code unitId}: functions 3 and 4, everything else refused as an illegal function.
   *
   * @throws java.net.BindException if the port is taken
   */
  static ModbusTcpSlave open(InetSocketAddress address, int unitId, ProcessImage image,
      String deviceId) throws IOException {
    ImageListener listener = new ImageListener(unitId, image);
    return open(address, listener, new ReadOnlyResponder(listener), deviceId);
  }

  /**
   * Binds {@code address} (port 0 picks a free port) and answers every request with
   * {@code responder}; threads are named after {@code name}.
   *
   * @throws java.net.BindException if the port is taken
   */
  static ModbusTcpSlave open(InetSocketAddress address, Responder responder, String name)
      throws IOException {
    return open(address, new ImageListener(-1, null), responder, name);
  }

  private static ModbusTcpSlave open(InetSocketAddress address, AbstractModbusListener listener,
      Responder responder, String name) throws IOException {
    ServerSocket socket = new ServerSocket();
    try {
      // A restarted simulator must get its port back while old connections sit in TIME_WAIT.
      socket.setReuseAddress(true);
      socket.bind(address, BACKLOG);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
    ModbusTcpSlave slave = new ModbusTcpSlave(socket, listener, responder,
        new NamedThreads(name, "accept"), new NamedThreads(name, "conn"));
    slave.acceptor.start();
    return slave;
  }

  int port() {
    return serverSocket.getLocalPort();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        if (!closed) {
          log.warn("accept failed on port {}", port(), e);
        }
        continue;
      }
      open.add(socket);
      accepted.incrementAndGet();
      try {
        connections.execute(() -> serve(socket));
      } catch (RejectedExecutionException e) {
        close(socket);
      }
    }
  }

  private void serve(Socket socket) {
    log.debug("master connected from {}", socket.getRemoteSocketAddress());
    try (socket) {
      socket.setTcpNoDelay(true);
      AbstractModbusTransport transport = new ModbusTCPTransport(socket);
      // j2mod's default 3 s read timeout would drop a master that polls less often; real devices
      // keep an idle connection, so wait for the next request indefinitely.
      transport.setTimeout(0);
      while (!closed) {
        ModbusRequest request = transport.readRequest(listener);
        transport.writeResponse(responder.respond(request));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closing: the thread ends here
    } catch (ModbusIOException e) {
      log.debug("connection from {} ended: {}", socket.getRemoteSocketAddress(), e.getMessage());
    } catch (IOException | RuntimeException e) {
      // A socket closed here was closed on purpose: by close() or a dropped-connection fault.
      if (!closed && !socket.isClosed()) {
        log.warn("connection from {} failed", socket.getRemoteSocketAddress(), e);
      }
    } finally {
      open.remove(socket);
    }
  }

  /** Connections accepted since opening. */
  long accepted() {
    return accepted.get();
  }

  /** Closes every client connection now and keeps accepting new ones (a dropped link). */
  void dropConnections() {
    open.forEach(ModbusTcpSlave::close);
  }

  /** Stops accepting, closes every connection and waits for all threads to end. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    // close() is often called from an interrupted thread (Ctrl-C, a cancelled command): clear the
    // flag while joining so the joins really wait, and restore it afterwards.
    boolean interrupted = Thread.interrupted();
    try {
      close(serverSocket);
      acceptor.join(JOIN_MILLIS);
      // The acceptor has ended, so no socket can be added after this sweep.
      open.forEach(ModbusTcpSlave::close);
      connections.shutdownNow();
      if (!connectionThreads.joinAll(JOIN_MILLIS)) {
        log.warn("connection threads still running {} ms after close", JOIN_MILLIS);
      }
    } catch (InterruptedException e) {
      interrupted = true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void close(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      log.debug("close failed", e);
    }
  }

  /** The original read-only behaviour: one unit id, functions 3 and 4 from a process image. */
  private static final class ReadOnlyResponder implements Responder {

    private final ImageListener listener;

    ReadOnlyResponder(ImageListener listener) {
      this.listener = listener;
    }

    @Override
    public ModbusResponse respond(ModbusRequest request) {
      if (request.getUnitID() != listener.unitId) {
        return request.createExceptionResponse(GATEWAY_TARGET_FAILED_TO_RESPOND);
      }
      if (!READ_FUNCTIONS.contains(request.getFunctionCode())) {
        // Writes (5, 6, 15, 16, 22, 23) and everything else: this device is read-only.
        return request.createExceptionResponse(Modbus.ILLEGAL_FUNCTION_EXCEPTION);
      }
      try {
        return request.createResponse(listener);
      } catch (RuntimeException e) {
        log.warn("could not answer function {}", request.getFunctionCode(), e);
        return request.createExceptionResponse(SLAVE_DEVICE_FAILURE);
      }
    }
  }

  /**
   * j2mod's request classes look up their process image through a listener
   * ({@code createResponse(AbstractModbusListener)}); this one only answers that lookup.
   */
  private static final class ImageListener extends AbstractModbusListener {

    private final int unitId;
    private final ProcessImage image;

    ImageListener(int unitId, ProcessImage image) {
      this.unitId = unitId;
      this.image = image;
    }

    @Override
    public ProcessImage getProcessImage(int unit) {
      return unit == unitId ? image : null;
    }

    @Override
    public void run() {
      throw new UnsupportedOperationException("ModbusTcpSlave accepts connections itself");
    }

    @Override
    public void stop() {
      // Nothing runs here; ModbusTcpSlave.close() stops the real work.
    }
  }
}
