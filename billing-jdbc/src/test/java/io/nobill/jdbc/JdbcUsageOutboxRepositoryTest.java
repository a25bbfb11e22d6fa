package io.nobill.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.nobill.core.event.BillingEvent;
import io.nobill.core.catalog.Period;
import io.nobill.core.event.OutboxMessage;
import io.nobill.core.id.InvoiceId;
import io.nobill.core.id.OrgId;
import io.nobill.core.id.OutboxMessageId;
import io.nobill.core.money.Money;
import io.nobill.core.spi.BillingStore;
import io.nobill.core.spi.PlatformWork;
import io.nobill.core.spi.TenantWork;
import io.nobill.core.store.InMemoryBillingStore;
import io.nobill.core.testkit.TestOrganizations;
import io.nobill.core.usage.HourlyRollup;
import io.nobill.core.usage.UsageRecord;
import io.nobill.jdbc.testkit.TestDatabases;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The usage and outbox repositories against the in-memory reference, operation by operation:
 * random sequences of calls run on both stores and must answer alike, including which calls
 * fail and how, and what is left after a transaction that rolls back. Needs no other
 * repository, so it proves these two on their own.
 */
class JdbcUsageOutboxRepositoryTest {
  private static final String[] METERS = {"calls", "users"};
  private static final String[] QUANTITIES = {"1", "1.50", "0", "1E+3", "12345678901234567.123456789012", "0.000",
      "7", "2.5"};
  private static final Period P1 = new Period(Instant.parse("2026-01-01T09:30:15.500Z"),
      Instant.parse("2026-02-01T09:30:15.500Z"));
  private static final Period P2 = new Period(P1.end(), Instant.parse("2026-03-01T09:30:15.500Z"));

  private final TestDatabases databases = new TestDatabases();
  private final OrgId org = OrgId.of(new UUID(0x0123L, 1));
  private final OrgId other = OrgId.of(new UUID(0x8123L << 48, 2));
  private BillingStore memory;
  private BillingStore jdbc;

  @AfterEach
  void close() {
    databases.closeAll();
  }

  private void stores(TestDatabases.Kind kind) {
    memory = InMemoryBillingStore.create();
    jdbc = databases.newStore(kind);
    for (BillingStore s : List.of(memory, jdbc)) {
      for (OrgId o : List.of(org, other)) {
        s.inTenant(o, tx -> {
          tx.organization().insert(TestOrganizations.sample(o));
          return null;
        });
      }
    }
  }

  /** What a work returned, or the kind and message of what it threw. */
  private static Object outcome(BillingStore s, OrgId in, TenantWork<?> work) {
    try {
      return s.inTenant(in, work);
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  private void same(String what, OrgId in, TenantWork<?> work) {
    Object expected = outcome(memory, in, work);
    assertThat(outcome(jdbc, in, work)).as(what).isEqualTo(expected);
  }

  private void same(String what, TenantWork<?> work) {
    same(what, org, work);
  }

  private void samePlatform(String what, PlatformWork<?> work) {
    assertThat(jdbc.inPlatform(work)).as(what).isEqualTo(memory.inPlatform(work));
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void usageAnswersAsTheInMemoryStoreDoes(TestDatabases.Kind kind) {
    stores(kind);
    Random random = new Random(42);
    List<UsageRecord> made = new ArrayList<>();
    for (int step = 0; step < 400; step++) {
      int op = random.nextInt(12);
      String meter = METERS[random.nextInt(METERS.length)];
      Period period = random.nextBoolean() ? P1 : P2;
      switch (op) {
        case 0, 1 -> {
          List<UsageRecord> batch = batch(random, 1 + random.nextInt(random.nextInt(10) == 0 ? 1500 : 40));
          made.addAll(batch);
          same("insertNew", tx -> tx.usage().insertNew(batch));
        }
        case 2 -> {
          String key = key(random);
          same("find " + key, tx -> tx.usage().find(key));
        }
        case 3 -> {
          String key = key(random);
          same("markCanceled " + key, tx -> {
            tx.usage().markCanceled(key);
            return tx.usage().find(key);
          });
        }
        case 4 -> {
          Instant hour = made.isEmpty() || random.nextInt(5) == 0 ? period.start()
              : made.get(random.nextInt(made.size())).bucket();
          same("recordsInHour " + meter + " " + hour, tx -> tx.usage().recordsInHour(meter, hour).stream()
              .sorted(Comparator.comparing(UsageRecord::idempotencyKey)).toList());
        }
        case 5 -> {
          Instant from = P1.start().plusSeconds(random.nextInt(4 * 86400));
          Instant to = from.plusSeconds(random.nextInt(3 * 86400));
          same("rollups", tx -> tx.usage().rollups(meter, from, to));
        }
        case 6 -> {
          List<HourlyRollup> rollups = new ArrayList<>();
          for (int i = random.nextInt(6); i >= 0; i--) {
            rollups.add(rollup(random, METERS[random.nextInt(METERS.length)]));
          }
          same("saveRollups", tx -> {
            tx.usage().saveRollups(rollups);
            List<HourlyRollup> all = new ArrayList<>();
            for (String m : METERS) {
              all.addAll(tx.usage().rollups(m, P1.start(), P2.end()));
            }
            return all;
          });
        }
        case 7 -> {
          String value = "u" + random.nextInt(6);
          long delta = random.nextInt(7) - 3;
          same("adjustUniqueValue", tx -> {
            tx.usage().adjustUniqueValue(meter, period.start(), value, delta);
            return tx.usage().uniqueValues(meter, period.start());
          });
        }
        case 8 -> same("quota warning", tx -> {
          boolean before = tx.usage().quotaWarned(meter, period.start());
          tx.usage().markQuotaWarned(meter, period.start());
          return List.of(before, tx.usage().quotaWarned(meter, period.start()),
              tx.usage().quotaWarned(meter, P2.end()));
        });
        case 9 -> {
          Instant bucket = P1.start().plusSeconds(3600L * random.nextInt(4));
          BigDecimal quantity = new BigDecimal(QUANTITIES[random.nextInt(QUANTITIES.length)]);
          same("reported", tx -> {
            Map.Entry<BigDecimal, Integer> before = tx.usage().reported(meter, bucket);
            tx.usage().addReported(meter, bucket, quantity);
            return List.of(before, tx.usage().reported(meter, bucket));
          });
        }
        case 10 -> {
          // Everything a transaction wrote is gone when it throws.
          List<UsageRecord> batch = batch(random, 1 + random.nextInt(20));
          String key = key(random);
          same("rolled back", tx -> {
            tx.usage().insertNew(batch);
            tx.usage().saveRollups(List.of(rollup(random(key), meter)));
            tx.usage().adjustUniqueValue(meter, period.start(), "u1", 2);
            tx.usage().markQuotaWarned(meter, P2.end());
            tx.usage().addReported(meter, P1.start(), BigDecimal.TEN);
            tx.usage().markCanceled(key);
            throw new IllegalStateException("rolled back");
          });
        }
        default -> same("state", tx -> {
          List<Object> state = new ArrayList<>();
          for (String m : METERS) {
            state.add(tx.usage().rollups(m, P1.start(), P2.end()));
            state.add(tx.usage().uniqueValues(m, P1.start()));
            state.add(tx.usage().uniqueValues(m, P2.start()));
            state.add(tx.usage().quotaWarned(m, P2.end()));
            state.add(tx.usage().reported(m, P1.start()));
          }
          return state;
        });
      }
    }
    // Every record made, found or not, reads back alike; the other organization sees none.
    for (UsageRecord r : made) {
      same("find " + r.idempotencyKey(), tx -> tx.usage().find(r.idempotencyKey()));
    }
    same("other organization", other, tx -> List.of(tx.usage().find(made.get(0).idempotencyKey()),
        tx.usage().rollups(METERS[0], P1.start(), P2.end()), tx.usage().uniqueValues(METERS[1], P1.start())));
  }

  private static Random random(String seed) {
    return new Random(seed.hashCode());
  }

  private static String key(Random random) {
    return "key-" + random.nextInt(600);
  }

  private static List<UsageRecord> batch(Random random, int size) {
    Set<String> keys = new LinkedHashSet<>();
    while (keys.size() < size) {
      keys.add(size > 100 ? "bulk-" + random.nextInt(3 * size) : key(random));
    }
    List<UsageRecord> batch = new ArrayList<>();
    Instant now = Instant.parse("2026-01-05T00:00:00Z");
    for (String key : keys) {
      String meter = METERS[random.nextInt(METERS.length)];
      Instant at = P1.start().minusSeconds(1800).plusSeconds(random.nextInt(3 * 86400)).plusNanos(random.nextInt(1_000_000_000));
      Period countedIn = random.nextInt(4) == 0 ? P2 : P1;
      Optional<String> value = meter.equals("users") ? Optional.of("u" + random.nextInt(6)) : Optional.empty();
      Map<String, String> properties = switch (random.nextInt(3)) {
        case 0 -> Map.of();
        case 1 -> Map.of("region", "eu");
        default -> Map.of("region", "us \"east\"", "tier", "ü-1");
      };
      batch.add(new UsageRecord(meter, key, at, new BigDecimal(QUANTITIES[random.nextInt(QUANTITIES.length)]), value,
          properties, countedIn, now, random.nextInt(20) == 0));
    }
    return batch;
  }

  private static HourlyRollup rollup(Random random, String meter) {
    Instant hour = P1.start().plusSeconds(3600L * random.nextInt(5));
    if (random.nextInt(3) == 0) {
      return HourlyRollup.empty(meter, hour);
    }
    BigDecimal q = new BigDecimal(QUANTITIES[random.nextInt(QUANTITIES.length)]);
    return new HourlyRollup(meter, hour, q.multiply(BigDecimal.valueOf(3)), random.nextInt(1000), Optional.of(q),
        Optional.of(hour.plusNanos(random.nextInt(1_000_000_000))), Optional.of(key(random)), Optional.of(q));
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void outboxAnswersAsTheInMemoryStoreDoes(TestDatabases.Kind kind) {
    stores(kind);
    Random random = new Random(7);
    Instant start = Instant.parse("2026-03-01T09:00:00.123456789Z");
    List<OutboxMessageId> ids = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      // Ids on both sides of the sign bit, so the order of ids is the unsigned one.
      ids.add(OutboxMessageId.of(new UUID((i % 2 == 0 ? 0x10L : 0x90L << 56) + i / 4, i)));
    }
    for (int step = 0; step < 500; step++) {
      OrgId in = random.nextInt(4) == 0 ? other : org;
      // Each organization has ids of its own, so no two messages tie in the sweep's order.
      OutboxMessageId pick = ids.get(random.nextInt(ids.size()));
      OutboxMessageId id = in == org ? pick
          : OutboxMessageId.of(new UUID(pick.value().getMostSignificantBits(), pick.value().getLeastSignificantBits() + 1000));
      Instant now = start.plusSeconds(random.nextInt(600)).plusNanos(random.nextInt(1000));
      switch (random.nextInt(9)) {
        case 0, 1 -> {
          OrgId about = random.nextInt(10) == 0 ? (in == org ? other : org) : in;
          OutboxMessage message = OutboxMessage.pending(id, event(random, about, now), "listener-" + random.nextInt(3), now);
          same("append " + id, in, tx -> {
            tx.outbox().append(message);
            return tx.outbox().find(id);
          });
        }
        case 2 -> same("find " + id, in, tx -> tx.outbox().find(id));
        case 3, 4, 5 -> {
          int change = random.nextInt(5);
          int staleness = random.nextInt(8) == 0 ? 1 + random.nextInt(2) - 2 * random.nextInt(2) : 0;
          Instant until = now.plusSeconds(random.nextInt(120) - 30);
          same("update " + id, in, tx -> {
            Optional<OutboxMessage> stored = tx.outbox().find(id);
            OutboxMessage base = stored.orElse(OutboxMessage.pending(id, event(new Random(1), in, now), "gone", now));
            if (base.state() != OutboxMessage.State.PENDING && change != 4) {
              return "final";
            }
            OutboxMessage next = switch (change) {
              case 0 -> base.claimed(until);
              case 1 -> base.delivered(now);
              case 2 -> base.failed("IOException: timeout", until);
              case 3 -> base.abandoned(now, "no listener");
              default -> new OutboxMessage(id, base.event(), base.listener(), base.attempts(), base.nextAttemptAt(),
                  Optional.empty(), base.deliveredAt(), base.abandonedAt(), base.lastError(), base.version() + 1);
            };
            if (staleness != 0) {
              next = new OutboxMessage(next.id(), next.event(), next.listener(), next.attempts(), next.nextAttemptAt(),
                  next.claimedUntil(), next.deliveredAt(), next.abandonedAt(), next.lastError(),
                  Math.max(1, next.version() + staleness));
            }
            tx.outbox().update(next);
            return tx.outbox().find(id);
          });
        }
        case 6 -> {
          // A rolled-back append and update leave nothing behind.
          OutboxMessage message = OutboxMessage.pending(id, event(random, in, now), "listener-0", now);
          same("rolled back " + id, in, tx -> {
            Optional<OutboxMessage> stored = tx.outbox().find(id);
            if (stored.isPresent() && stored.get().state() == OutboxMessage.State.PENDING) {
              tx.outbox().update(stored.get().claimed(now.plusSeconds(60)));
            } else if (stored.isEmpty()) {
              tx.outbox().append(message);
            }
            throw new IllegalStateException("rolled back");
          });
          same("after rollback " + id, in, tx -> tx.outbox().find(id));
        }
        default -> {
          int limit = 1 + random.nextInt(30);
          samePlatform("dueOutbox at " + now + " limit " + limit, tx -> tx.dueOutbox(now, limit));
        }
      }
    }
    for (Instant at = start.minusSeconds(60); at.isBefore(start.plusSeconds(900)); at = at.plusSeconds(15)) {
      Instant now = at;
      samePlatform("dueOutbox at " + now, tx -> tx.dueOutbox(now, 100));
    }
  }

  private static BillingEvent event(Random random, OrgId about, Instant at) {
    String key = "event-" + random.nextInt(1000);
    return random.nextBoolean()
        ? new BillingEvent.InvoicePaid(key, about, at, InvoiceId.of(new UUID(5, random.nextInt(100))),
            Money.ofMajor("12.34", "EUR"))
        : new BillingEvent.QuotaExceeded(key, about, at, "calls", new BigDecimal("1000.0"), new BigDecimal("1000.50"));
  }
}
