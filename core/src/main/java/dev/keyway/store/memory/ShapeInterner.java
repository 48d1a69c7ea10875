package dev.keyway.store.memory;

import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.store.memory.AccessTokenTable.Shape;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Interns the {@link Shape}s of client-credentials tokens for an {@link AccessTokenTable}, so that
 * the tokens of one client, subject and scope set share one object: at most {@code cap} shapes
 * (beyond that a token simply gets its own). A family token always gets its own shape: interning by
 * grant id would fill the map with families. Thread-safe.
 */
final class ShapeInterner {

  private final ConcurrentHashMap<Shape, Shape> shapes = new ConcurrentHashMap<>();
  private final AtomicInteger shapeCount = new AtomicInteger();
  private final int shapeCap;

  /** The interned shape used last; a racy hint (any interned shape is a correct answer). */
  private volatile Shape lastShape;

  ShapeInterner(int cap) {
    this.shapeCap = cap;
  }

  /** The shape to store with {@code token}: an interned one when it may be shared. */
  @SuppressWarnings("ReferenceEquality") // an identity fast path; equal values fall through
  Shape shapeOf(AccessTokenRecord token) {
    if (token.grantId() == null) {
      // The engine passes the client's own id and scope-set instances, so a client issuing
      // tokens back to back meets its last shape by reference: no allocation, no hashing.
      Shape last = lastShape;
      if (last != null
          && last.clientId() == token.clientId()
          && last.subject() == token.subject()
          && last.scopes() == token.scopes()) {
        return last;
      }
    }
    Shape fresh = new Shape(token.grantId(), token.clientId(), token.subject(), token.scopes());
    if (token.grantId() != null) {
      return fresh;
    }
    Shape known = shapes.get(fresh);
    if (known != null) {
      lastShape = known;
      return known;
    }
    if (shapeCount.get() >= shapeCap) {
      return fresh;
    }
    // Reserve a place first, so that concurrent misses cannot take the map past its cap.
    if (shapeCount.incrementAndGet() > shapeCap) {
      shapeCount.decrementAndGet();
      return fresh;
    }
    Shape raced = shapes.putIfAbsent(fresh, fresh);
    if (raced != null) {
      shapeCount.decrementAndGet();
      return raced;
    }
    lastShape = fresh;
    return fresh;
  }

  /** How many shapes are interned. */
  int size() {
    return shapes.size();
  }
}
