package io.nobill.core.store;

import java.util.ArrayList;
import java.util.List;

/**
 * One in-memory transaction: an undo log, the thread that owns it, and whether it is still
 * open. Repositories call {@link #check()} before every operation, so a transaction object
 * leaked out of its work, or handed to another thread, fails loudly instead of writing
 * outside a transaction.
 */
final class Transaction {
  private final Thread owner = Thread.currentThread();
  private final List<Runnable> undo = new ArrayList<>();
  private boolean open = true;

  void check() {
    if (!open) {
      throw new IllegalStateException("this transaction has ended; use the transaction only inside its work");
    }
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException("this transaction belongs to thread " + owner.getName()
          + "; use it only on the thread that runs its work");
    }
  }

  /** Registers how to undo a write that was just made. */
  void onRollback(Runnable action) {
    undo.add(action);
  }

  void commit() {
    open = false;
    undo.clear();
  }

  void rollback() {
    open = false;
    for (int i = undo.size() - 1; i >= 0; i--) {
      undo.get(i).run();
    }
    undo.clear();
  }
}
