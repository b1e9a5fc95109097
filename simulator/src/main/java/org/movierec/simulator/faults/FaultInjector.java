package org.movierec.simulator.faults;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.SplittableRandom;
import org.movierec.core.data.RatingScale;
import org.movierec.contracts.events.MovieEvent;
import org.movierec.contracts.events.RateEvent;
import org.movierec.simulator.movielog.LineKind;
import org.movierec.simulator.movielog.LineSink;

/**
 * Writes events of the live stream as lines, injecting faults at the configured rates: a rating
 * moved outside the scale, an exact duplicate right after a line, and extra garbage lines
 * ({@link GarbageLines}). Each injected fault is counted in {@code simulator.faults} by kind.
 * Stateless: the caller passes the random stream, so a session's faults follow its seed.
 */
public final class FaultInjector {

    private final LineSink sink;
    private final FaultRates rates;
    private final RatingScale scale;
    private final Counter garbage;
    private final Counter duplicates;
    private final Counter outOfRange;

    public FaultInjector(LineSink sink, FaultRates rates, RatingScale scale, MeterRegistry registry) {
        this.sink = sink;
        this.rates = rates;
        this.scale = scale;
        this.garbage = registry.counter("simulator.faults", "kind", "garbage");
        this.duplicates = registry.counter("simulator.faults", "kind", "duplicate");
        this.outOfRange = registry.counter("simulator.faults", "kind", "out_of_range");
    }

    /** Writes {@code event} as a line of {@code kind}, with whatever faults the dice decide. */
    public void write(MovieEvent event, LineKind kind, SplittableRandom random) {
        MovieEvent written = event;
        LineKind writtenKind = kind;
        if (event instanceof RateEvent rate && rates.outOfRange() > 0 && random.nextDouble() < rates.outOfRange()) {
            written = new RateEvent(rate.time(), rate.userId(), rate.movieId(), outOfRangeRating(random));
            writtenKind = LineKind.OUT_OF_RANGE;
            outOfRange.increment();
        }
        String line = written.toLine();
        sink.write(event.userId(), line, writtenKind);
        if (rates.duplicate() > 0 && random.nextDouble() < rates.duplicate()) {
            sink.write(event.userId(), line, LineKind.DUPLICATE);
            duplicates.increment();
        }
        if (rates.garbage() > 0 && random.nextDouble() < rates.garbage()) {
            sink.write(event.userId(), GarbageLines.make(line, random), LineKind.GARBAGE);
            garbage.increment();
        }
    }

    /** An integer rating outside the scale: just below it, just above it, or far above it. */
    int outOfRangeRating(SplittableRandom random) {
        int min = (int) Math.ceil(scale.min());
        int max = (int) Math.floor(scale.max());
        return switch (random.nextInt(3)) {
            case 0 -> min - 1;
            case 1 -> max + 1 + random.nextInt(5);
            default -> max * 10;
        };
    }
}
