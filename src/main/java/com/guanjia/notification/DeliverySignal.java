package com.guanjia.notification;

import java.time.Duration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes the {@link OutboxDispatcher} when a message was written: after the writing transaction has
 * committed (before that the dispatcher could not see it), at once outside a transaction. Without a
 * wake-up the dispatcher still looks every poll interval (messages of other nodes, quiet hours over).
 */
@Component
class DeliverySignal {
  private final Object monitor = new Object();
  private boolean woken;

  void wakeAfterCommit() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          wake();
        }
      });
    } else {
      wake();
    }
  }

  void wake() {
    synchronized (monitor) {
      woken = true;
      monitor.notifyAll();
    }
  }

  /** Waits until woken or {@code timeout} has passed; a wake-up since the last wait returns at once. */
  void await(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      while (!woken) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(monitor, left);
      }
      woken = false;
    }
  }
}
