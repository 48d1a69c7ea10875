package dev.keyway.store.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A minimal connection pool for tests, so that each simulated server instance owns its connections
 * the way a real deployment's pool does: at most {@code size} physical connections, reused, never
 * shared with another pool. Closing a borrowed connection returns it (rolled back to auto-commit if
 * the borrower left a transaction open); {@link #close} closes every idle connection, and a closed
 * pool refuses to lend. Borrowers wait up to 30 s for a free connection.
 */
final class TinyPool implements DataSource, AutoCloseable {

  private final DataSource physical;
  private final Semaphore permits;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  TinyPool(DataSource physical, int size) {
    this.physical = physical;
    this.permits = new Semaphore(size, true);
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (closed.get()) {
      throw new SQLException("the pool is closed", "08003");
    }
    try {
      if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
        throw new SQLException("no connection free within 30 s", "08001");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a connection", "08001", e);
    }
    try {
      Connection c = idle.pollFirst();
      if (c == null || c.isClosed()) {
        c = physical.getConnection();
      }
      return lend(c);
    } catch (SQLException | RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  private Connection lend(Connection c) {
    AtomicBoolean returned = new AtomicBoolean();
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              String name = method.getName();
              if (name.equals("close")) {
                if (returned.compareAndSet(false, true)) {
                  giveBack(c);
                }
                return null;
              }
              if (name.equals("isClosed")) {
                return returned.get() || c.isClosed();
              }
              if (returned.get()) {
                throw new SQLException("connection already returned to the pool", "08003");
              }
              return invoke(c, method, args);
            });
  }

  private static Object invoke(Connection c, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(c, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private void giveBack(Connection c) {
    try {
      if (!closed.get() && !c.isClosed()) {
        if (!c.getAutoCommit()) {
          c.rollback();
          c.setAutoCommit(true);
        }
        idle.addFirst(c);
        return;
      }
      c.close();
    } catch (SQLException e) {
      closeQuietly(c);
    } finally {
      permits.release();
    }
  }

  /** Closes every idle connection; connections still lent out are closed when returned. */
  @Override
  public void close() {
    closed.set(true);
    Connection c;
    while ((c = idle.pollFirst()) != null) {
      closeQuietly(c);
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // the connection is being discarded anyway
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the pool has fixed credentials");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
