package dev.keyway.store.memory;

import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.store.memory.AccessTokenTable.Shape;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Interns the {@link Shape}s of client-credentials tokens for an {@link AccessTokenTable}, so that
 * the tokens of one client, subject and scope set share one object, and numbers them, so that a
 * slot refers to its shape by a number in its {@code long[]} instead of by a reference: at most
 * {@code cap} shapes (beyond that a token simply gets its own, unnumbered). A family token always
 * gets its own shape: interning by grant id would fill the map with families. Thread-safe.
 *
 * <p>Why numbers: a reference stored into a large, long-lived {@code Object[]} makes the garbage
 * collector remember and rescan that part of the array (G1 dirties a card per store and refines it
 * concurrently); millions of insertions at random slots kept a second core busy doing just that.
 */
final class ShapeInterner {

  /** A shape and its number: {@link #NONE} for a shape that is not interned. */
  record Handle(Shape shape, int id) {}

  /** The number of a shape that is not interned; interned ones are numbered from 1. */
  static final int NONE = 0;

  private final ConcurrentHashMap<Shape, Handle> interned = new ConcurrentHashMap<>();

  /**
   * Interned shapes by number. Written before the shape is published through {@link #interned} (and
   * thus before any slot can hold its number), never changed afterwards.
   */
  private final Shape[] byId;

  private final int cap;

  /** How many shapes are interned; guarded by {@code this}, read racily as a hint. */
  private volatile int count;

  /** The handle used last; a racy hint (any interned handle is a correct answer). */
  private volatile Handle last;

  ShapeInterner(int cap) {
    this.cap = cap;
    this.byId = new Shape[cap + 1];
  }

  /** The handle of the shape to store with {@code token}: an interned one when it may be shared. */
  @SuppressWarnings("ReferenceEquality") // an identity fast path; equal values fall through
  Handle handleOf(AccessTokenRecord token) {
    if (token.grantId() == null) {
      // The engine passes the client's own id and scope-set instances, so a client issuing
      // tokens back to back meets its last shape by reference: no allocation, no hashing.
      Handle hint = last;
      if (hint != null
          && hint.shape().clientId() == token.clientId()
          && hint.shape().subject() == token.subject()
          && hint.shape().scopes() == token.scopes()) {
        return hint;
      }
    }
    Shape fresh = new Shape(token.grantId(), token.clientId(), token.subject(), token.scopes());
    if (token.grantId() != null) {
      return new Handle(fresh, NONE);
    }
    Handle known = interned.get(fresh);
    if (known == null) {
      known = count >= cap ? null : intern(fresh);
      if (known == null) {
        return new Handle(fresh, NONE);
      }
    }
    last = known;
    return known;
  }

  /** Interns a shape under the lock (rare: once per shape); null when the cap is reached. */
  private synchronized Handle intern(Shape shape) {
    Handle known = interned.get(shape);
    if (known != null) {
      return known;
    }
    if (count >= cap) {
      return null;
    }
    int id = count + 1;
    byId[id] = shape;
    Handle handle = new Handle(shape, id);
    interned.put(shape, handle); // publishes byId[id] to every thread that finds the handle
    count = id;
    return handle;
  }

  /**
   * The interned shape numbered {@code id}. The caller learnt {@code id} from a slot, written after
   * the interning thread published it, under the segment monitor the caller holds.
   */
  Shape byId(int id) {
    return byId[id];
  }

  /** How many shapes are interned. */
  int size() {
    return count;
  }
}
