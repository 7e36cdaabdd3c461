package io.tributary.lakehouse;

import io.tributary.lakehouse.component.Component.PortUse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Checks, before a component starts, that nothing else holds its port. */
public final class Ports {
  private Ports() {}

  /** Fails with a message naming the port, its use and the variable that moves it. */
  public static void requireFree(PortUse use) {
    if (!isFree(use.port())) {
      throw new LakehouseException(
          ("Port %d (%s) is already in use by another program. "
                  + "Stop that program, or start the local lakehouse on another port with %s=<port>.")
              .formatted(use.port(), use.purpose(), use.variable()),
          null);
    }
  }

  public static boolean isFree(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
      return false;
    } catch (IOException expected) {
      // Nothing answers on loopback; now check that nothing holds the port on any address.
    }
    try (ServerSocket server = new ServerSocket()) {
      // Connections in TIME_WAIT do not hold a port; only a listener does.
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
