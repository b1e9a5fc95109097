package org.movierec.platform.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.movierec.platform.loops.LoopHealth;

/**
 * Publishes records to one Kafka topic from a request path without ever making the request wait or fail: the
 * caller only {@link #publish offers} the record to a bounded queue, and one sender thread hands queued records to
 * the producer. A full queue drops the record; every record that does not reach Kafka is counted by reason:
 *
 * <ul>
 *   <li>{@value #DROPS} ({@code movierec_kafka_publisher_drops_total{publisher,reason}}), {@code reason} =
 *       {@value #QUEUE_FULL} (more records than the sender passes on: Kafka slow or away) or {@value #SEND_FAILED}
 *       (the producer refused the record or Kafka did not acknowledge it);</li>
 *   <li>{@value #SENT} ({@code movierec_kafka_publisher_sent_total{publisher}}): records Kafka acknowledged;</li>
 *   <li>{@value #QUEUED} ({@code movierec_kafka_publisher_queued{publisher}}): records waiting for the sender.</li>
 * </ul>
 * The sender thread is a background loop ({@link LoopHealth}, {@code loop} = the publisher's name); a failed send
 * is a drop, not the end of the loop. Records keep their exact bytes: the caller's functions give the key and the
 * value as they are to be written, on the sender thread (serialising costs the request nothing).
 *
 * <p>Why a queue and a thread of our own rather than SmallRye Reactive Messaging's {@code Emitter} with
 * {@code @OnOverflow(DROP)}: the emitter drops on overflow without telling anyone, so the {@value #QUEUE_FULL}
 * count (what the {@code ServedEventsDropped} alert and its runbook rely on) would be lost, and it would bring a
 * second way of configuring Kafka (channels) into services that configure it through {@link ProducerSettings}.
 * {@link #publish} allocates nothing (the queue is an array). Thread-safe.
 *
 * @param <E> the events published
 */
public final class BoundedPublisher<E> implements AutoCloseable {

    /** Records that did not reach Kafka, by {@code publisher} and {@code reason}. */
    public static final String DROPS = "movierec.kafka.publisher.drops";
    /** Records Kafka acknowledged, by {@code publisher}. */
    public static final String SENT = "movierec.kafka.publisher.sent";
    /** Records waiting in the queue, by {@code publisher}. */
    public static final String QUEUED = "movierec.kafka.publisher.queued";
    /** The drop reason of a record offered to a full queue. */
    public static final String QUEUE_FULL = "queue_full";
    /** The drop reason of a record the producer refused or Kafka did not acknowledge. */
    public static final String SEND_FAILED = "send_failed";

    private static final System.Logger LOG = System.getLogger(BoundedPublisher.class.getName());
    /** How long the sender waits for a record before it looks again whether it is closed. */
    private static final long POLL_MILLIS = 500;
    /** How long the busy sender naps when it has emptied the queue, before it looks again without waiting. */
    private static final long BUSY_NAP_MILLIS = 1;

    private final String name;
    private final String topic;
    private final Function<? super E, String> keyOf;
    private final Function<? super E, String> valueOf;
    private final Producer<String, String> producer;
    private final BlockingQueue<E> queue;
    private final int capacity;
    private final Counter queueFull;
    private final Counter sendFailed;
    private final Counter sent;
    /** One callback for every send: no allocation per record. */
    private final Callback acknowledged;
    private final LoopHealth health;
    private final Thread sender;
    private volatile boolean open = true;

    /**
     * Registers the meters and starts the sender thread.
     *
     * @param name the publisher's name: the {@code publisher} tag of its meters, its loop and thread name
     * @param topic where records go
     * @param capacity records the queue holds (positive); beyond it they are dropped
     * @param keyOf an event's record key (e.g. the user id, so that one user's records stay in order)
     * @param valueOf an event's record value, as it is to be written; called on the sender thread, so that
     *     serialising never costs the request
     * @param producer the Kafka producer, owned from now on (closed by {@link #close})
     * @param registry where the meters go
     * @throws IllegalArgumentException if {@code capacity} is not positive
     */
    public BoundedPublisher(String name, String topic, int capacity, Function<? super E, String> keyOf,
                            Function<? super E, String> valueOf, Producer<String, String> producer,
                            MeterRegistry registry) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("queue capacity must be positive, not " + capacity);
        }
        this.name = Objects.requireNonNull(name, "name");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.keyOf = Objects.requireNonNull(keyOf, "keyOf");
        this.valueOf = Objects.requireNonNull(valueOf, "valueOf");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.queueFull = drops(registry, QUEUE_FULL);
        this.sendFailed = drops(registry, SEND_FAILED);
        this.sent = Counter.builder(SENT).tag("publisher", name)
                .description("Records the Kafka publisher sent and Kafka acknowledged").register(registry);
        Gauge.builder(QUEUED, queue, BlockingQueue::size).tag("publisher", name)
                .description("Records waiting for the Kafka publisher's sender").register(registry);
        this.acknowledged = (metadata, error) -> (error == null ? sent : sendFailed).increment();
        this.health = new LoopHealth(registry, name);
        this.sender = new Thread(this::sendUntilClosed, name);
        sender.setDaemon(true);
        sender.start();
    }

    private Counter drops(MeterRegistry registry, String reason) {
        return Counter.builder(DROPS).tag("publisher", name).tag("reason", reason)
                .description("Records the Kafka publisher dropped instead of sending, by reason").register(registry);
    }

    /**
     * Offers an event for sending; never blocks. A full queue (or a closed publisher) drops it, counted as
     * {@value #QUEUE_FULL}.
     *
     * @param event what to send; its key and value are taken on the sender thread
     * @return whether the event was queued
     */
    public boolean publish(E event) {
        if (open && queue.offer(event)) {
            return true;
        }
        queueFull.increment();
        return false;
    }

    /**
     * Waits for a record while idle; once one came, sends what is queued every {@value #BUSY_NAP_MILLIS} ms until the
     * queue is found empty, and waits again. While busy the sender never waits on the queue, so an offer wakes no
     * thread: a blocking wait per record cost a futex wake-up on the request's thread and a context switch of the
     * sender for every event (docs/BENCHMARKS.md, "The served event's publish"). The nap adds at most that much to
     * a record's way to Kafka, which batches records for {@code linger.ms} anyway. Records are still taken one at a
     * time, so the queue alone bounds what waits.
     */
    private void sendUntilClosed() {
        health.running();
        try {
            while (open) {
                E event = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                while (event != null) {
                    send(event);
                    if (!open) {
                        break; // closed: what is still queued is not sent
                    }
                    event = queue.poll();
                    if (event == null) {
                        Thread.sleep(BUSY_NAP_MILLIS);
                        event = queue.poll();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
        } finally {
            health.stopped();
        }
    }

    private void send(E event) {
        try {
            producer.send(new ProducerRecord<>(topic, keyOf.apply(event), valueOf.apply(event)), acknowledged);
        } catch (RuntimeException e) {
            // e.g. no metadata within max.block.ms while the broker is away, or an event that does not serialise:
            // this record is lost, and counted
            sendFailed.increment();
            LOG.log(System.Logger.Level.DEBUG, "publisher " + name + ": record not sent: " + e);
        }
    }

    /** The publisher's name ({@code publisher} tag). */
    public String name() {
        return name;
    }

    /** The topic records go to. */
    public String topic() {
        return topic;
    }

    /** Records the queue holds at most. */
    public int capacity() {
        return capacity;
    }

    /** Records waiting to be sent now. */
    public int queued() {
        return queue.size();
    }

    /** Records dropped since start, all reasons. */
    public long drops() {
        return (long) (queueFull.count() + sendFailed.count());
    }

    /** Records Kafka acknowledged since start. */
    public long sent() {
        return (long) sent.count();
    }

    /**
     * Whether the sender thread runs. False once closed, and — the failure this exists to show — if the thread
     * ended while the publisher is open, which only a restart mends.
     */
    public boolean sending() {
        return sender.isAlive();
    }

    /** Whether {@link #close} has not been called. */
    public boolean isOpen() {
        return open;
    }

    /**
     * Stops taking records, ends the sender thread and closes the producer (waiting up to 5 s for records in
     * flight). Records still queued are not sent.
     */
    @Override
    public void close() {
        open = false;
        sender.interrupt();
        try {
            sender.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
