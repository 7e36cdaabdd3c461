package io.tributary.platform.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serializes changes per domain inside this process, so two changes to one domain never interleave;
 * across processes the registry's revisions refuse the later, stale write.
 */
@ApplicationScoped
public class DomainLocks {
  private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  public <T> T withLock(String domain, Supplier<T> work) {
    ReentrantLock lock = locks.computeIfAbsent(domain, key -> new ReentrantLock(true));
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }
}
