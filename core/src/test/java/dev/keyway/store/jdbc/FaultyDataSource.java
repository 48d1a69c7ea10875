package dev.keyway.store.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Wraps a real {@link DataSource} to inject failures between the JDBC statements of one store call
 * (RL-01…RL-04, RL-15): the k-th executed statement, or every statement whose SQL matches, throws
 * an {@link SQLException} or blocks on a latch. It also records how every connection was left when
 * it was closed, so tests can prove that connections are always closed and auto-commit is restored,
 * failures included. Built from JDK proxies; no mocking library.
 */
final class FaultyDataSource {

  /** How a connection looked when the store closed it. */
  record Closed(boolean autoCommit, int isolation) {}

  private final DataSource real;
  private final AtomicInteger executed = new AtomicInteger();
  private final AtomicInteger opened = new AtomicInteger();
  private final List<String> executedSql = new CopyOnWriteArrayList<>();
  private final List<Closed> closed = new CopyOnWriteArrayList<>();
  private volatile int failAt = -1;
  private volatile Predicate<String> failWhen = sql -> false;
  private volatile Predicate<String> blockWhen = sql -> false;
  private volatile Predicate<String> notifyWhen = sql -> false;
  private volatile CountDownLatch notified;
  private volatile Boolean handOutAutoCommit;
  private volatile int handOutIsolation = -1;
  private volatile CountDownLatch reached;
  private volatile CountDownLatch release;

  FaultyDataSource(DataSource real) {
    this.real = real;
  }

  /** Makes the k-th statement executed from now on throw (1-based). */
  FaultyDataSource failOnStatement(int k) {
    executed.set(0);
    this.failAt = k;
    return this;
  }

  /** Makes every statement whose SQL matches throw. */
  FaultyDataSource failWhen(Predicate<String> sql) {
    this.failWhen = sql;
    return this;
  }

  /**
   * Makes the first statement whose SQL matches count {@code reached} down and wait for {@code
   * release}.
   */
  FaultyDataSource blockWhen(
      Predicate<String> sql, CountDownLatch reached, CountDownLatch release) {
    this.reached = reached;
    this.release = release;
    this.blockWhen = sql;
    return this;
  }

  /** Counts {@code latch} down when a statement whose SQL matches is about to execute. */
  FaultyDataSource notifyWhen(Predicate<String> sql, CountDownLatch latch) {
    this.notified = latch;
    this.notifyWhen = sql;
    return this;
  }

  /** Hands out connections in this state, as a pool configured by the host might. */
  FaultyDataSource handOut(boolean autoCommit, int isolation) {
    this.handOutAutoCommit = autoCommit;
    this.handOutIsolation = isolation;
    return this;
  }

  /** Removes every fault and clears the records. */
  FaultyDataSource heal() {
    failAt = -1;
    failWhen = sql -> false;
    blockWhen = sql -> false;
    executed.set(0);
    executedSql.clear();
    closed.clear();
    opened.set(0);
    return this;
  }

  /** Statements executed since the last {@link #failOnStatement} or {@link #heal}. */
  int executed() {
    return executed.get();
  }

  List<String> executedSql() {
    return List.copyOf(executedSql);
  }

  int opened() {
    return opened.get();
  }

  List<Closed> closed() {
    return List.copyOf(closed);
  }

  DataSource dataSource() {
    return proxy(
        DataSource.class,
        (p, m, args) -> {
          Object result = invoke(real, m, args);
          if (m.getName().equals("getConnection")) {
            opened.incrementAndGet();
            Connection c = (Connection) result;
            if (handOutAutoCommit != null) {
              c.setAutoCommit(handOutAutoCommit);
              c.setTransactionIsolation(handOutIsolation);
            }
            return connection(c);
          }
          return result;
        });
  }

  private Connection connection(Connection c) {
    return proxy(
        Connection.class,
        (p, m, args) -> {
          if (m.getName().equals("close")) {
            if (!c.isClosed()) {
              closed.add(new Closed(c.getAutoCommit(), c.getTransactionIsolation()));
            }
            return invoke(c, m, args);
          }
          Object result = invoke(c, m, args);
          if (m.getName().equals("prepareStatement")) {
            return statement((PreparedStatement) result, (String) args[0]);
          }
          return result;
        });
  }

  private PreparedStatement statement(PreparedStatement ps, String sql) {
    return proxy(
        PreparedStatement.class,
        (p, m, args) -> {
          String name = m.getName();
          if ((name.equals("executeUpdate")
                  || name.equals("executeQuery")
                  || name.equals("execute"))
              && (args == null || args.length == 0)) {
            beforeExecute(sql);
          }
          return invoke(ps, m, args);
        });
  }

  private void beforeExecute(String sql) throws SQLException {
    int n = executed.incrementAndGet();
    executedSql.add(sql);
    if (notifyWhen.test(sql)) {
      notified.countDown();
    }
    if (n == failAt || failWhen.test(sql)) {
      throw new SQLException("injected failure", "08006");
    }
    if (blockWhen.test(sql)) {
      blockWhen = s -> false;
      reached.countDown();
      try {
        if (!release.await(120, TimeUnit.SECONDS)) {
          throw new SQLException("blocked statement was never released", "57014");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted", "57014", e);
      }
    }
  }

  private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return (T)
        Proxy.newProxyInstance(
            FaultyDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
  }
}
